import type { FastifyReply, FastifyRequest } from "fastify";
import { type OpenApiDocumentLike, presentApiDocs } from "../presenters/api-docs.js";
import { renderApiDocsPage } from "../views/api-docs-page.js";
import { sendHtml } from "./send-html.js";

/** GET /docs — the API reference, rendered on the server from the OpenAPI document. */
export async function apiDocsShow(request: FastifyRequest, reply: FastifyReply) {
  const document = request.server.swagger() as unknown as OpenApiDocumentLike;
  return sendHtml(
    reply,
    renderApiDocsPage(document.info.title, document.info.version, presentApiDocs(document)),
  );
}

/** GET /openapi.json — the document itself, generated from the routes' schemas. */
export async function openApiShow(request: FastifyRequest, reply: FastifyReply) {
  return reply.header("access-control-allow-origin", "*").send(request.server.swagger());
}
