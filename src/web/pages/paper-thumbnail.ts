import type { FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { renderPaperThumbnail } from "../views/paper-thumbnail.js";
import type { PageDeps } from "./deps.js";

/** GET /thumbnails/:id.svg — the card image daily-papers clients show beside each paper. */
export function paperThumbnail({ papers }: PageDeps) {
  return async (request: FastifyRequest<{ Params: { "*": string } }>, reply: FastifyReply) => {
    const raw = request.params["*"];
    if (!raw.endsWith(".svg"))
      throw new NotFoundError("Thumbnails are SVG images: /thumbnails/2509.09672.svg.");
    const id = parsePaperId(raw.slice(0, -".svg".length));
    const paper = await papers.getPaper(id.id);
    if (!paper) throw new NotFoundError(`No paper ${id.id} here.`);
    return reply
      .headers({ "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=86400" })
      .send(renderPaperThumbnail(paper));
  };
}
