/**
 * A server for the HTTP benchmark, run as a child process so the load generator does not share its
 * event loop. Usage:
 *   node --import tsx bench/http-server.ts bare              a bare Fastify route with a fixed 5 KB page
 *   node --import tsx bench/http-server.ts bare FILE         a bare Fastify route sending FILE's bytes as HTML
 *   node --import tsx bench/http-server.ts app DB TTL_MS     the real app on the database (TTL 0: no page cache),
 *                                                            accounts on as `npm start` has them (the session
 *                                                            hooks run on every request), mail to a silent log
 * Prints {"port": N} once listening; on SIGTERM prints {"maxRssKiB": N} and exits.
 */
import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import { logMailer } from "../src/mail/mailer.js";
import { openSqliteStores } from "../src/store/sqlite/open-stores.js";
import type { PaperStore } from "../src/store/store.js";
import { buildApp } from "../src/web/app.js";

const BARE_PAGE_BYTES = 5 * 1024;

function barePage(): Buffer {
  const head = "<!doctype html><html><head><title>bare</title></head><body><p>";
  const tail = "</p></body></html>";
  return Buffer.from(head + "x".repeat(BARE_PAGE_BYTES - head.length - tail.length) + tail);
}

async function bareApp(pageFile: string | undefined): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const page = pageFile ? readFileSync(pageFile) : barePage();
  app.get("/", (_request, reply) => reply.type("text/html; charset=utf-8").send(page));
  return app;
}

const [mode, databasePath, ttl] = process.argv.slice(2);
let store: PaperStore | null = null;
let app: FastifyInstance;
if (mode === "bare") {
  app = await bareApp(databasePath);
} else if (mode === "app" && databasePath && ttl !== undefined) {
  const stores = openSqliteStores(databasePath);
  store = stores.papers;
  app = await buildApp({
    store,
    pageCacheTtlMs: Number(ttl),
    community: { stores: stores.community, mailer: logMailer({ info() {} }), publicUrl: "http://127.0.0.1" },
  });
} else {
  process.stderr.write("usage: http-server.ts bare [FILE] | app DB TTL_MS\n");
  process.exit(1);
}

process.once("SIGTERM", async () => {
  await app.close();
  await store?.close();
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
  process.exit(0);
});

await app.listen({ host: "127.0.0.1", port: 0 });
const address = app.server.address();
if (address === null || typeof address === "string") throw new Error("expected a TCP address");
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
