import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { anonymousCsrfToken } from "../../auth/cookies.js";
import { safeNextPath } from "../../auth/next-path.js";
import { renderLoginPage } from "../../views/account/login-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import type { loginShowSchema } from "./schemas.js";

type Request = FastifyRequest<{ Querystring: Static<typeof loginShowSchema.querystring> }>;

/** GET /login — already signed in: straight on to where the visitor was going. */
export function loginShow({ cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const next = safeNextPath(request.query.next);
    if (request.viewer) return reply.redirect(next, 303);
    const csrfToken = anonymousCsrfToken(request, reply, cookies);
    reply.header("cache-control", "no-store");
    return sendHtml(
      reply,
      renderLoginPage({ csrfToken, next, email: request.query.email ?? "", error: null }),
    );
  };
}
