import type { PaperInput } from "../../src/core/paper.js";
import { DigestService, type DigestServiceOptions } from "../../src/digest/digest-service.js";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import { smtpMailer } from "../../src/mail/mailer.js";
import type { Embedder } from "../../src/search/embedder.js";
import type { Stores } from "../../src/store/community-stores.js";
import type { DigestSettings, Subscriber } from "../../src/store/digest-store.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { openTestPostgresStores, TEST_DATABASE_URL } from "../support/postgres.js";

export type Tier = "SQLite" | "PostgreSQL";

/** The tiers a digest test runs on: PostgreSQL too whenever a test database is given. */
export const TIERS: Tier[] = TEST_DATABASE_URL === null ? ["SQLite"] : ["SQLite", "PostgreSQL"];

/** Stores, an SMTP mailer to a local port and a digest service wired as the server wires them. */
export interface DigestFixture {
  stores: Stores;
  service: DigestService;
  addSubscriber(email: string, settings?: Partial<DigestSettings>): Promise<Subscriber>;
  close(): Promise<void>;
}

export async function openDigestFixture(options: {
  tier?: Tier;
  databasePath?: string;
  smtpPort: number;
  papers?: PaperInput[];
  embedder?: Embedder | null;
  service?: Partial<DigestServiceOptions>;
}): Promise<DigestFixture> {
  const stores =
    options.tier === "PostgreSQL"
      ? await openTestPostgresStores({ queueMaintenanceSeconds: 1 })
      : openSqliteStores(options.databasePath ?? ":memory:");
  if (options.papers) await stores.papers.upsertPapers(options.papers);
  const mailer = smtpMailer({
    host: "127.0.0.1",
    port: options.smtpPort,
    secure: false,
    user: "",
    password: "",
    from: "PaperPulse <digest@example.org>",
  });
  const service = await DigestService.open({
    stores: stores.digest,
    papers: stores.papers,
    community: stores.community,
    embedder: options.embedder ?? null,
    mailer,
    publicUrl: "https://papers.example.org",
    mailFrom: "PaperPulse <digest@example.org>",
    ratePerMinute: 0,
    retryLimit: 3,
    retryDelaySeconds: 0,
    bounceLimit: 2,
    leaseSeconds: 60,
    ...options.service,
  });
  return {
    stores,
    service,
    async addSubscriber(email, settings = {}) {
      const subscriber = await stores.digest.digests.ensureSubscriber({
        id: `sub-${email}`,
        email,
        userId: null,
        createdAt: "2020-01-01T00:00:00.000Z",
        ...DEFAULT_SETTINGS,
        ...settings,
      });
      await stores.digest.digests.setStatus(subscriber.id, "active", "2020-01-01T00:00:00.000Z");
      return { ...subscriber, status: "active" };
    },
    close: () => stores.papers.close(),
  };
}
