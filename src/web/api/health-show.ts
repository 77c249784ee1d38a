import type { Static } from "@fastify/type-provider-typebox";
import type { HealthService } from "../services/health-service.js";
import type { healthSchema } from "./schemas.js";

/** GET /healthz — answers only when the store does; constant time per probe (see HealthService). */
export function healthShow(health: HealthService) {
  return async (): Promise<Static<(typeof healthSchema.response)[200]>> => ({
    status: "ok",
    ...(await health.health()),
  });
}
