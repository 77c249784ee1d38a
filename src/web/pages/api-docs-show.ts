import type { FastifyReply, FastifyRequest } from "fastify";
import { exampleReplacements, examplesNotHeld, withExamples } from "../api-examples.js";
import { type OpenApiDocumentLike, presentApiDocs } from "../presenters/api-docs.js";
import { presentViewer } from "../presenters/viewer.js";
import type { ApiExamplesService } from "../services/api-examples-service.js";
import { renderApiDocsPage } from "../views/api-docs-page.js";
import { sendHtml } from "./send-html.js";

/** The OpenAPI document generated from the routes' schemas, its examples taken from this instance. */
async function documentWithExamples(request: FastifyRequest, examples: ApiExamplesService) {
  const instance = await examples.examples();
  return {
    document: withExamples(request.server.swagger(), exampleReplacements(instance)),
    notHeld: examplesNotHeld(instance),
  };
}

/** GET /docs — the API reference, rendered on the server from the OpenAPI document. */
export function apiDocsShow(examples: ApiExamplesService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { document, notHeld } = await documentWithExamples(request, examples);
    const operations = presentApiDocs(document as unknown as OpenApiDocumentLike, notHeld);
    // The header names who is signed in, so such a page is theirs alone.
    const viewer = presentViewer(request.viewer);
    if (viewer) reply.header("cache-control", "private, no-store");
    return sendHtml(reply, renderApiDocsPage(document.info.title, document.info.version, operations, viewer));
  };
}

/** GET /openapi.json — the document itself. */
export function openApiShow(examples: ApiExamplesService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { document } = await documentWithExamples(request, examples);
    return reply.header("access-control-allow-origin", "*").send(document);
  };
}
