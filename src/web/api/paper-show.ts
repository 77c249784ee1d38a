import type { Static } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { NotFoundError } from "../errors.js";
import { parsePaperId } from "../input.js";
import { presentPaperJson } from "../presenters/paper-json.js";
import type { ApiDeps } from "./deps.js";
import type { PaperJson, paperShowSchema } from "./schemas.js";

type Params = Static<typeof paperShowSchema.params>;

/** GET /api/papers/:id — a version suffix (v2) resolves to the paper itself, no redirect. */
export function paperShow({ papers }: ApiDeps) {
  return async (request: FastifyRequest<{ Params: Params }>): Promise<PaperJson> => {
    const { id } = parsePaperId(request.params["*"]);
    const paper = await papers.getPaper(id);
    if (!paper) throw new NotFoundError(`No paper with id ${id}.`);
    return presentPaperJson(paper);
  };
}
