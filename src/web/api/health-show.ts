import type { Static } from "@fastify/type-provider-typebox";
import type { ApiDeps } from "./deps.js";
import type { healthSchema } from "./schemas.js";

/** GET /healthz — answers only when the store does. */
export function healthShow({ papers }: ApiDeps) {
  return async (): Promise<Static<(typeof healthSchema.response)[200]>> => ({
    status: "ok",
    papers: await papers.countPapers(),
  });
}
