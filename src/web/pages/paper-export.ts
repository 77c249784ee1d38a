import type { FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import type { PageDeps } from "./deps.js";
import { sendExport, splitExportFile } from "./export-format.js";

/** GET /export/:id.bib and /export/:id.csl.json — one paper's citation. */
export function paperExport({ papers }: PageDeps) {
  return async (request: FastifyRequest<{ Params: { "*": string } }>, reply: FastifyReply) => {
    const file = splitExportFile(request.params["*"]);
    if (!file) throw new NotFoundError("Exports end in .bib (BibTeX) or .csl.json (CSL-JSON).");
    const id = parsePaperId(file.name);
    const paper = await papers.getPaper(id.id);
    if (!paper) throw new NotFoundError(`No paper ${id.id} here.`);
    return sendExport(reply, [paper], file.format, paper.id);
  };
}
