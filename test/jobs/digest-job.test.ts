import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import { digestJob } from "../../src/jobs/digest-job.js";
import { smtpMailer } from "../../src/mail/mailer.js";
import { openSqliteStores } from "../../src/store/sqlite/open-stores.js";
import { makePaperInput } from "../support/paper-factory.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";
import { startScriptedSmtpSink } from "../support/smtp-sink-replies.js";

let sink: SmtpSink;

afterEach(async () => {
  await sink?.close();
});

describe("the server's scheduled digest job", () => {
  it("sends the digests due now and logs a summary, forgets history past the retention; the next tick sends nothing again", async () => {
    sink = await startSmtpSink();
    const stores = openSqliteStores(":memory:");
    // Due now: a daily digest at the current UTC hour, covering the listing days announced since yesterday.
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const twoDaysAgo = new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    await stores.papers.upsertPapers([
      makePaperInput({ title: "Fresh paper one", listingDay: yesterday }),
      makePaperInput({ title: "Fresh paper two", listingDay: twoDaysAgo }),
    ]);
    const subscriber = await stores.digest.digests.ensureSubscriber({
      id: "job-sub",
      email: "job@example.org",
      userId: null,
      createdAt: "2020-01-01T00:00:00.000Z",
      ...DEFAULT_SETTINGS,
      schedule: { frequency: "daily", weekday: 1, hour: now.getUTCHours(), timeZone: "UTC" },
    });
    await stores.digest.digests.setStatus(subscriber.id, "active", "2020-01-01T00:00:00.000Z");
    // A digest sent 40 days ago, by a run of that day: past the retention, forgotten by the job.
    const longAgo = new Date(now.getTime() - 40 * 86_400_000).toISOString();
    const oldPeriod = `daily:${longAgo.slice(0, 10)}`;
    const counts = { dryRun: false, due: 1, prepared: 1, skipped: 0 };
    await stores.digest.digests.recordRun({
      id: "old-run",
      startedAt: longAgo,
      finishedAt: longAgo,
      ...counts,
    });
    await stores.digest.digests.prepareDelivery({
      subscriberId: subscriber.id,
      periodKey: oldPeriod,
      runId: "old-run",
      digest: { to: subscriber.email, kind: "trending", frequency: "daily", coverage: "", picks: [] },
      papers: 1,
      preparedAt: longAgo,
      coveredThrough: "2025-09-11",
    });
    await stores.digest.digests.startSending(subscriber.id, oldPeriod);
    await stores.digest.digests.markSent(subscriber.id, oldPeriod, longAgo);
    const lines: string[] = [];
    const log = {
      info: (line: string) => lines.push(line),
      warn: (line: string) => lines.push(line),
      error: () => {},
    };
    const mailer = smtpMailer({
      host: "127.0.0.1",
      port: sink.port,
      secure: false,
      user: "",
      password: "",
      from: "p@example.org",
    });
    const { run } = await digestJob(loadConfig({}), stores, mailer, null, log);

    await run(new AbortController().signal, now);
    await run(new AbortController().signal, now);
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.to).toMatchObject({ text: "job@example.org" });
    expect(lines).toEqual([
      "digests: forgot deliveries 1, runs 1 (older than 30 days)",
      "digests: due 1, prepared 1, skipped 0, sent 1, failed 0, retrying 0",
    ]);
    expect(await stores.digest.digests.delivery(subscriber.id, oldPeriod)).toBeNull();
    expect((await stores.digest.digests.recentRuns(10)).map((run) => run.id)).not.toContain("old-run");
    await stores.papers.close();
  });

  it("logs to whom and why each digest was not delivered", async () => {
    const refusing = await startScriptedSmtpSink(() => 550);
    const stores = openSqliteStores(":memory:");
    const now = new Date();
    // The day the digest due now covers is the last one arXiv announced (20:00 New York time): the UTC
    // day before today's, or the one before that between midnight and the announcement in UTC.
    const [yesterday, twoDaysAgo] = [1, 2].map((days) =>
      new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10),
    );
    await stores.papers.upsertPapers([
      makePaperInput({ title: "Fresh paper one", listingDay: yesterday }),
      makePaperInput({ title: "Fresh paper two", listingDay: twoDaysAgo }),
    ]);
    const subscriber = await stores.digest.digests.ensureSubscriber({
      id: "gone-sub",
      email: "gone@example.org",
      userId: null,
      createdAt: "2020-01-01T00:00:00.000Z",
      ...DEFAULT_SETTINGS,
      schedule: { frequency: "daily", weekday: 1, hour: now.getUTCHours(), timeZone: "UTC" },
    });
    await stores.digest.digests.setStatus(subscriber.id, "active", "2020-01-01T00:00:00.000Z");
    const warnings: string[] = [];
    const log = { info: () => {}, warn: (line: string) => warnings.push(line), error: () => {} };
    const mailer = smtpMailer({
      host: "127.0.0.1",
      port: refusing.port,
      secure: false,
      user: "",
      password: "",
      from: "p@example.org",
    });
    try {
      const { run } = await digestJob(loadConfig({}), stores, mailer, null, log);
      await run(new AbortController().signal, now);
      expect(warnings[0]).toMatch(/^digests: due 1, prepared 1, skipped 0, sent 0, failed 1/);
      expect(warnings[1]).toMatch(/^digest not delivered: gone@example\.org: .*550/);
    } finally {
      await refusing.close();
      await stores.papers.close();
    }
  });
});
