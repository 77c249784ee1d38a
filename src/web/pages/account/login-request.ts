import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { CommunityError } from "../../../community/errors.js";
import { anonymousCsrfToken, setSessionCookie } from "../../auth/cookies.js";
import { safeNextPath } from "../../auth/next-path.js";
import { renderLoginPage, renderLoginSentPage } from "../../views/account/login-page.js";
import { sendHtml } from "../send-html.js";
import type { AccountPageDeps } from "./deps.js";
import type { loginRequestSchema } from "./schemas.js";

type Request = FastifyRequest<{ Body: Static<typeof loginRequestSchema.body> }>;

/** POST /login — with a password: signs in at once; without: mails a one-time link. */
export function loginRequest({ accounts, cookies }: AccountPageDeps) {
  return async (request: Request, reply: FastifyReply) => {
    const { email, password = "" } = request.body;
    const next = safeNextPath(request.body.next);
    reply.header("cache-control", "no-store");
    try {
      if (password !== "") {
        const session = await accounts.signInWithPassword(email, password, request.ip);
        setSessionCookie(reply, cookies, session.token, session.expiresAt);
        return reply.redirect(next, 303);
      }
      await accounts.requestLoginLink(email, request.ip, next);
      return sendHtml(reply, renderLoginSentPage(email.trim(), accounts.mailDelivers));
    } catch (error) {
      if (!(error instanceof CommunityError)) throw error;
      const csrfToken = anonymousCsrfToken(request, reply, cookies);
      // A wrong password is 401; a bad address 400; a mail server that is away 503.
      const status = error.kind === "invalid" ? 400 : error.kind === "unavailable" ? 503 : 401;
      return sendHtml(reply, renderLoginPage({ csrfToken, next, email, error: error.message }), status);
    }
  };
}
