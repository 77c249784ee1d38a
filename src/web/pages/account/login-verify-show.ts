import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { anonymousCsrfToken } from "../../auth/cookies.js";
import { safeNextPath } from "../../auth/next-path.js";
import { BadRequestError } from "../../errors.js";
import { renderLoginVerifyPage } from "../../views/account/login-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import type { loginVerifyShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof loginVerifyShowSchema.querystring> }>;

/**
 * GET /login/verify?token= — the emailed link's landing page; the token is used only by the POST, as
 * mail scanners fetch every link.
 */
export function loginVerifyShow({ accounts, cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { token } = request.query;
    if (!token)
      throw new BadRequestError("This sign-in link is incomplete: open the whole link from the mail.");
    // Checked, not used: a used or expired link says so before anyone clicks.
    await accounts.checkLink(token);
    const csrfToken = anonymousCsrfToken(request, reply, cookies);
    reply.header("cache-control", "no-store");
    // The token must not leak to other sites through the Referer header.
    reply.header("referrer-policy", "no-referrer");
    return sendHtml(
      reply,
      renderLoginVerifyPage({ csrfToken, token, next: safeNextPath(request.query.next) }),
    );
  };
}
