import type { FastifyInstance } from "fastify";
import type { PaperInput } from "../../../src/core/paper.js";
import { type Mailer, smtpMailer } from "../../../src/mail/mailer.js";
import type { Stores } from "../../../src/store/community-stores.js";
import { openSqliteStores } from "../../../src/store/sqlite/open-stores.js";
import { buildApp } from "../../../src/web/app.js";
import { openTestPostgresStores } from "../../support/postgres.js";

export const PUBLIC_URL = "https://papers.example.org";
export const MAIL_FROM = "PaperPulse <digest@example.org>";

export interface DigestTestApp {
  app: FastifyInstance;
  stores: Stores;
  close(): Promise<void>;
}

export function mailerTo(port: number): Mailer {
  return smtpMailer({ host: "127.0.0.1", port, secure: false, user: "", password: "", from: MAIL_FROM });
}

/**
 * Every store on a fresh database: in-memory SQLite, or a PostgreSQL schema of its own when the
 * "postgres" test project runs the tests again.
 */
export async function openDigestTestStores(): Promise<Stores> {
  return process.env.PAPERPULSE_TEST_STORE === "postgres"
    ? openTestPostgresStores({ queueMaintenanceSeconds: 1 })
    : openSqliteStores(":memory:");
}

/** The app with accounts and digests on a fresh database (see above), mailing through `mailer`. */
export async function buildDigestTestApp(
  mailer: Mailer,
  papers: PaperInput[] = [],
  options: { pageCacheTtlMs?: number; now?: () => Date } = {},
): Promise<DigestTestApp> {
  const stores = await openDigestTestStores();
  if (papers.length > 0) await stores.papers.upsertPapers(papers);
  const app = await buildApp({
    store: stores.papers,
    pageCacheTtlMs: options.pageCacheTtlMs ?? 0,
    community: { stores: stores.community, mailer, publicUrl: PUBLIC_URL },
    digest: { stores: stores.digest, mailer, publicUrl: PUBLIC_URL, mailFrom: MAIL_FROM, now: options.now },
  });
  return {
    app,
    stores,
    async close() {
      await app.close();
      await stores.papers.close();
    },
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const link = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix} link in the mail`);
  return link;
}
