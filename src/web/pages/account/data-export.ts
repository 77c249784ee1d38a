import type { FastifyReply, FastifyRequest } from "fastify";
import type { AccountPageDeps } from "./deps.js";

/** GET /me/export.json — the signed-in person's own data, as a file to keep. */
export function dataExport({ dataExport, digestExport }: AccountPageDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.viewer) return reply.redirect("/login?next=%2Fme", 303);
    const { userId, email } = request.viewer;
    const account = await dataExport.exportUser(userId);
    const data = digestExport ? { ...account, emailDigest: await digestExport(userId, email) } : account;
    return reply
      .headers({
        "content-type": "application/json; charset=utf-8",
        "content-disposition": 'attachment; filename="paperpulse-data.json"',
        "cache-control": "no-store",
      })
      .send(`${JSON.stringify(data, null, 2)}\n`);
  };
}
