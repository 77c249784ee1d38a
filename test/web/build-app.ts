import type { FastifyInstance } from "fastify";
import type { PaperInput } from "../../src/core/paper.js";
import { logMailer, type Mailer } from "../../src/mail/mailer.js";
import type { SemanticSearch } from "../../src/search/search-service.js";
import type { CommunityStores, Stores } from "../../src/store/community-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import type { PaperStore } from "../../src/store/store.js";
import { buildApp } from "../../src/web/app.js";
import type { CommunityOptions } from "../../src/web/community-options.js";
import { openTestPostgresStores } from "../support/postgres.js";

export interface TestApp {
  app: FastifyInstance;
  store: PaperStore;
  close(): Promise<void>;
}

export interface CommunityTestApp extends TestApp {
  community: CommunityStores;
  /** What the log mailer wrote (no SMTP configured): one entry per mail. */
  mailLog: string[];
}

export interface TestAppOptions {
  mailer?: Mailer;
  pageCacheTtlMs?: number;
  community?: Partial<Omit<CommunityOptions, "stores" | "mailer">>;
  /** Stores opened by the test (several web nodes on one database); closed with the app. */
  stores?: Stores;
  /** Builds the model and its index once the papers are stored; without it search is lexical only. */
  semantic?: (store: PaperStore) => Promise<SemanticSearch>;
}

/**
 * A real app with accounts and votes on a real database holding the given papers: in-memory SQLite,
 * or a PostgreSQL schema of its own when the "postgres" test project runs the tests again. Page
 * caching off by default.
 */
export async function buildCommunityTestApp(
  papers: PaperInput[] = [],
  options: TestAppOptions = {},
): Promise<CommunityTestApp> {
  const { papers: store, community } =
    options.stores ??
    (process.env.PAPERPULSE_TEST_STORE === "postgres"
      ? await openTestPostgresStores()
      : openSqliteStores(":memory:"));
  if (papers.length > 0) await store.upsertPapers(papers);
  const mailLog: string[] = [];
  const mailer = options.mailer ?? logMailer({ info: (_fields, message) => mailLog.push(message) });
  const app = await buildApp({
    store,
    semantic: options.semantic ? await options.semantic(store) : null,
    pageCacheTtlMs: options.pageCacheTtlMs ?? 0,
    community: { stores: community, mailer, publicUrl: "http://paperpulse.test", ...options.community },
  });
  return {
    app,
    store,
    community,
    mailLog,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

/** The app as the other HTTP tests see it: the same app, its community stores out of sight. */
export function buildTestApp(papers: PaperInput[] = [], options: TestAppOptions = {}): Promise<TestApp> {
  return buildCommunityTestApp(papers, options);
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
