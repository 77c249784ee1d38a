import swagger from "@fastify/swagger";
import type { FastifyInstance } from "fastify";
import { packageVersion } from "../package-info.js";
import { DOCUMENTED_EXAMPLES } from "./api-examples.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Documented after a wildcard's `{id}` when the handler reads it off the path's end ("/vote"). */
    openApiSuffix?: string;
  }
}

/** The public, machine-facing surfaces; HTML pages are for people and stay out of the document. */
const DOCUMENTED = [/^\/api\//, /^\/feeds\//, /^\/healthz$/];

/**
 * Registers the OpenAPI 3.1 document, generated from the TypeBox schemas beside every route (the
 * same schemas that validate requests). Wildcard paths, used because old-style arXiv ids contain a
 * slash, are documented as `{id}`, followed by the route's `config.openApiSuffix` when the handler
 * reads one from the path's end (`/vote`). Must be registered before the routes it describes.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "PaperPulse API",
        version: packageVersion(),
        description:
          "Daily arXiv papers ranked by community upvotes, search and feeds. Errors are JSON: " +
          '`{"error": {"code": "bad_request", "message": "…"}}` with status 400 for bad input and 404 for unknown papers.',
      },
    },
    transform: ({ schema, url, route }) => {
      const documented = DOCUMENTED.some((pattern) => pattern.test(url));
      if (!documented) return { schema: { ...schema, hide: true }, url };
      if (!url.endsWith("/*")) return { schema, url };
      const suffix = route?.config?.openApiSuffix ?? "";
      const { params: _wildcard, ...rest } = schema ?? {};
      const params = {
        type: "object",
        required: ["id"],
        properties: {
          id: {
            type: "string",
            description: "arXiv id, new or old style",
            examples: [DOCUMENTED_EXAMPLES.paperId, DOCUMENTED_EXAMPLES.oldStyleId],
          },
        },
      };
      return { schema: { ...rest, params }, url: `${url.slice(0, -2)}/{id}${suffix}` };
    },
  });
}
