import type { FastifyInstance } from "fastify";
import type { PaperInput } from "../../src/core/paper.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import { openTestPostgresStore } from "../support/postgres.js";

export interface TestApp {
  app: FastifyInstance;
  store: PaperStore;
  close(): Promise<void>;
}

/**
 * A real app on a real store holding the given papers, page caching off: in-memory SQLite, or a
 * PostgreSQL schema of its own when the "postgres" test project runs the HTTP tests again.
 */
export async function buildTestApp(papers: PaperInput[] = []): Promise<TestApp> {
  const store =
    process.env.PAPERPULSE_TEST_STORE === "postgres"
      ? await openTestPostgresStore()
      : openSqliteStore(":memory:");
  if (papers.length > 0) await store.upsertPapers(papers);
  const app = await buildApp({ store, pageCacheTtlMs: 0 });
  return {
    app,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** Weird inputs every route must survive with a 4xx or a 200, never a 5xx. */
export const HOSTILE_STRINGS = [
  '"unbalanced',
  "AND OR (",
  "NEAR(a b)",
  "title:x*",
  "^*-",
  "x".repeat(5_000),
  "数学 ünïcödé 🚀",
  "<script>alert(1)</script>",
  "%00",
  "' OR 1=1 --",
  "\u0002marked\u0003",
];
