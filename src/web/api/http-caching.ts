import type { FastifyInstance } from "fastify";
import { entityTagOf, ifNoneMatchHas } from "../conditional-get.js";

/**
 * Caching and cross-origin reading for the public JSON API: every successful read carries an ETag (a
 * hash of the JSON) and is answered 304 Not Modified when the client already has it, so scripts
 * polling the daily list pay only for changes; and reads allow any origin, so a page on another site
 * can call the API from the browser (a wildcard origin never carries cookies).
 */
export function apiHttpCaching(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" && request.method !== "HEAD") return payload;
    reply.header("access-control-allow-origin", "*");
    // Errors are not validated: a 304 stands for a 200 the client already holds (RFC 9110 §15.4.5).
    if (reply.statusCode !== 200 || typeof payload !== "string") return payload;
    const etag = entityTagOf(payload);
    reply.header("etag", etag);
    const ifNoneMatch = request.headers["if-none-match"];
    if (ifNoneMatch === undefined || !ifNoneMatchHas(ifNoneMatch, etag)) return payload;
    reply.code(304);
    return "";
  });
}
