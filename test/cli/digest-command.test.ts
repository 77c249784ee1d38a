import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import type { Stores } from "../../src/store/community-stores.js";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { TIERS, type Tier } from "../digest/digest-fixture.js";
import { tempDir } from "../ingest/helpers.js";
import { makePaperInput } from "../support/paper-factory.js";
import { testSchemaUrl } from "../support/postgres.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { runCli, startCli } from "./run-cli.js";

const NOW = "2025-09-11T09:00:00Z";
const RECIPIENTS = ["a", "b", "c", "d", "e"].map((name) => `${name}@example.org`);

let dataDir: string;
let sink: SmtpSink;
/** The PostgreSQL instance's URL (a schema of its own); null on the embedded tier. */
let databaseUrl: string | null;

async function openStores(): Promise<Stores> {
  return databaseUrl === null
    ? openSqliteStores(path.join(dataDir, "paperpulse.db"))
    : openPostgresStores(databaseUrl);
}

async function seed(): Promise<void> {
  const stores = await openStores();
  await stores.papers.upsertPapers([
    makePaperInput({ id: "2509.30001", title: "Contrastive decoding", listingDay: "2025-09-10", upvotes: 4 }),
    makePaperInput({
      id: "2509.30002",
      title: "Mixture of experts routing",
      listingDay: "2025-09-10",
      upvotes: 2,
    }),
  ]);
  for (const email of RECIPIENTS) {
    const subscriber = await stores.digest.digests.ensureSubscriber({
      id: `sub-${email}`,
      email,
      userId: null,
      createdAt: "2025-01-01T00:00:00.000Z",
      ...DEFAULT_SETTINGS,
    });
    await stores.digest.digests.setStatus(subscriber.id, "active", "2025-01-01T00:00:00.000Z");
  }
  await stores.papers.close();
}

function smtpEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PAPERPULSE_SMTP_HOST: "127.0.0.1",
    PAPERPULSE_SMTP_PORT: String(sink.port),
    PAPERPULSE_PUBLIC_URL: "https://papers.example.org",
    PAPERPULSE_DIGEST_RETRY_DELAY_SECONDS: "1",
    ...(databaseUrl === null ? {} : { PAPERPULSE_DATABASE_URL: databaseUrl }),
    ...extra,
  };
}

async function deliveryStates(): Promise<Record<string, number>> {
  const stores = await openStores();
  const states: Record<string, number> = {};
  for (const email of RECIPIENTS) {
    const delivery = await stores.digest.digests.delivery(`sub-${email}`, "daily:2025-09-11");
    const state = delivery?.state ?? "none";
    states[state] = (states[state] ?? 0) + 1;
  }
  await stores.papers.close();
  return states;
}

function recipientsOf(messages: SmtpSink["messages"]): string[] {
  return messages.map((mail) => (mail.to && "text" in mail.to ? mail.to.text : "")).sort();
}

describe.each(TIERS)("paperpulse digest (%s)", (tier: Tier) => {
  beforeEach(async () => {
    dataDir = tempDir();
    databaseUrl = tier === "PostgreSQL" ? await testSchemaUrl() : null;
    sink = await startSmtpSink();
    await seed();
  });

  afterEach(async () => {
    await sink.close();
  });

  it("send --dry-run lists the due digests and sends nothing; preview prints one", async () => {
    const dry = await runCli(["digest", "send", "--dry-run", "--now", NOW], dataDir, smtpEnv());
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would send 2 papers to a@example.org");
    expect(dry.stdout).toContain("digests: due 5, prepared 0, skipped 0");
    const preview = await runCli(["digest", "preview", "c@example.org"], dataDir, smtpEnv());
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain("To: c@example.org");
    const unknown = await runCli(["digest", "preview", "nobody@example.org"], dataDir, smtpEnv());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no subscriber");
    expect(sink.messages).toHaveLength(0);
  });

  it("send --limit prepares at most that many; the next run sends the rest", async () => {
    const first = await runCli(["digest", "send", "--limit", "2", "--now", NOW], dataDir, smtpEnv());
    expect(first.stdout).toContain("digests: due 2, prepared 2, skipped 0, sent 2, failed 0, retrying 0");
    expect(first.code).toBe(0);
    const rest = await runCli(["digest", "send", "--now", NOW], dataDir, smtpEnv());
    expect(rest.stdout).toContain("prepared 3");
    expect(recipientsOf(sink.messages)).toEqual(RECIPIENTS);
    const bad = await runCli(["digest", "send", "--limit", "zero"], dataDir, smtpEnv());
    expect(bad.code).toBe(1);
    const ahead = await runCli(["digest", "send", "--now", "2999-01-01T00:00:00Z"], dataDir, smtpEnv());
    expect(ahead.code).toBe(1);
    expect(ahead.stderr).toContain("more than a day ahead of this machine's clock");
    expect(sink.messages).toHaveLength(RECIPIENTS.length);
  });

  it("exits 3 when a digest could not be delivered", async () => {
    await sink.close();
    // Nothing listens on the port any more: connection refused is temporary, so the digests wait for a retry.
    const result = await runCli(
      ["digest", "send", "--now", NOW],
      dataDir,
      smtpEnv({ PAPERPULSE_DIGEST_RETRY_DELAY_SECONDS: "3600" }),
    );
    expect(result.stdout).toContain("sent 0, failed 0, retrying 5");
    expect(result.code).toBe(3);
    // Each failure says to whom and why, so the operator need not open the database to find out.
    expect(result.stderr).toMatch(new RegExp(`^paperpulse digest: ${RECIPIENTS[0]}: .*ECONNREFUSED`, "m"));
    expect(result.stderr.match(/^paperpulse digest: /gm)).toHaveLength(5);
    sink = await startSmtpSink();
  });

  it("killed between selecting and sending, then restarted: every digest is sent exactly once", async () => {
    // One mail a minute: the first goes out, then the process waits with four digests prepared.
    const first = startCli(
      ["digest", "send", "--now", NOW],
      dataDir,
      smtpEnv({ PAPERPULSE_DIGEST_RATE_PER_MINUTE: "1", PAPERPULSE_DIGEST_LEASE_SECONDS: "1" }),
    );
    await sink.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");
    expect(await deliveryStates()).toEqual({ sent: 1, prepared: 4 });

    // The dead process's lease (1 s) runs out; the next run takes its jobs over.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const second = await runCli(
      ["digest", "send", "--now", NOW],
      dataDir,
      smtpEnv({ PAPERPULSE_DIGEST_LEASE_SECONDS: "1" }),
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("due 0");
    expect(second.stdout).toContain("sent 4");
    expect(recipientsOf(sink.messages)).toEqual(RECIPIENTS);

    const third = await runCli(["digest", "send", "--now", NOW], dataDir, smtpEnv());
    expect(third.stdout).toContain("digests: due 0, prepared 0, skipped 0, sent 0");
    expect(sink.messages).toHaveLength(5);
    expect(await deliveryStates()).toEqual({ sent: 5 });
  });
});
