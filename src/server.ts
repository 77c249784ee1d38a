import { mkdirSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "./config.js";
import { loadDemoIfEmpty } from "./ingest/demo.js";
import { openSqliteStore } from "./store/sqlite/sqlite-store.js";
import { buildApp } from "./web/app.js";

/** Entry point of `npm start`: config → store (+ demo) → app → listen, closed cleanly on a signal. */
const config = loadConfig();
mkdirSync(path.dirname(config.databasePath), { recursive: true });
const store = openSqliteStore(config.databasePath);
const app = await buildApp({
  store,
  logger: { level: config.logLevel },
  logRequests: config.logRequests,
  pageCacheTtlMs: config.pageCacheSeconds * 1_000,
});

if (config.loadDemo) {
  const loaded = await loadDemoIfEmpty(store);
  if (loaded > 0) app.log.info(`loaded ${loaded} demo papers into the empty database`);
}

let closing = false;
async function shutDown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  app.log.info(`${signal} received, closing`);
  try {
    await app.close();
    await store.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}
process.once("SIGINT", () => void shutDown("SIGINT"));
process.once("SIGTERM", () => void shutDown("SIGTERM"));

try {
  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`PaperPulse is ready at ${address}`);
} catch (error) {
  app.log.error({ err: error }, "could not start the web server");
  await store.close();
  process.exit(1);
}
