import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import { makePaperInput } from "../support/paper-factory.js";
import { type ScriptedSmtpSink, startScriptedSmtpSink } from "../support/smtp-sink-replies.js";
import { type DigestFixture, openDigestFixture, TIERS } from "./digest-fixture.js";

// Daily at 08:00 UTC covers what New York announced the evening before: listing day 2025-09-10.
const NOW = new Date("2025-09-11T09:00:00Z");
const PAPERS = [
  makePaperInput({
    id: "2509.20001",
    title: "Graph transformers at scale",
    listingDay: "2025-09-10",
    upvotes: 5,
  }),
  makePaperInput({
    id: "2509.20002",
    title: "Sparse attention kernels",
    listingDay: "2025-09-10",
    upvotes: 9,
  }),
  makePaperInput({ id: "2509.20003", title: "Older paper", listingDay: "2025-09-08", upvotes: 99 }),
];

let sink: ScriptedSmtpSink;
let fixture: DigestFixture;

afterEach(async () => {
  await fixture?.close();
  await sink?.close();
});

describe.each(TIERS)("sending digests over SMTP (%s)", (tier) => {
  it("sends each due digest once, with both parts and the unsubscribe headers", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
    });
    await fixture.addSubscriber("ada@example.org");
    await fixture.addSubscriber("alan@example.org", { size: 1 });

    const first = await fixture.service.run({ now: NOW });
    expect(first.plan).toMatchObject({ due: 2, prepared: 2, skipped: 0 });
    expect(first.delivery).toMatchObject({ sent: 2, failed: 0 });
    // Later the same day: the same period, already sent.
    const second = await fixture.service.run({ now: new Date("2025-09-11T20:00:00Z") });
    expect(second.plan).toMatchObject({ due: 0, prepared: 0 });
    expect(sink.messages).toHaveLength(2);

    const ada = sink.messages.find(
      (mail) => mail.to && "text" in mail.to && mail.to.text === "ada@example.org",
    );
    expect(ada?.text).toContain("Sparse attention kernels");
    expect(ada?.text).toContain("Graph transformers at scale");
    expect(ada?.text).not.toContain("Older paper");
    expect(ada?.html).toContain("https://arxiv.org/abs/2509.20002");
    // One raw header, exactly as written (RFC 8058 asks for the https and mailto addresses together).
    const unsubscribe = ada?.headerLines.filter((header) => header.key === "list-unsubscribe");
    expect(unsubscribe).toHaveLength(1);
    expect(unsubscribe?.[0]?.line.replace(/^List-Unsubscribe: /i, "")).toMatch(
      /^<https:\/\/papers\.example\.org\/digest\/unsubscribe\?s=sub-ada%40example\.org&t=[\w-]{32}>, <mailto:digest@example\.org\?subject=unsubscribe%20sub-ada%40example\.org>$/,
    );
    expect(ada?.headerLines.find((header) => header.key === "list-unsubscribe-post")?.line).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
    const alan = sink.messages.find((mail) => mail !== ada);
    expect(alan?.text).toContain("Sparse attention kernels");
    expect(alan?.text).not.toContain("Graph transformers");
  });

  it("retries a 451 and sends the digest once", async () => {
    sink = await startScriptedSmtpSink((_address, attempt) => (attempt === 1 ? 451 : null));
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { retryDelaySeconds: 1 },
    });
    await fixture.addSubscriber("grey@example.org");
    const started = Date.now();
    const result = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 30_000) });
    expect(result.delivery).toMatchObject({ sent: 1, failed: 0, retrying: 0 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sink.attempts.get("grey@example.org")).toBe(2);
    expect(sink.messages).toHaveLength(1);
    const delivery = await fixture.stores.digest.digests.delivery("sub-grey@example.org", "daily:2025-09-11");
    expect(delivery).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("leaves a temporary failure for a later run when its retry is not due yet", async () => {
    sink = await startScriptedSmtpSink((_address, attempt) => (attempt === 1 ? 451 : null));
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { retryDelaySeconds: 3_600 },
    });
    await fixture.addSubscriber("later@example.org");
    const result = await fixture.service.run({ now: NOW });
    expect(result.delivery).toMatchObject({ sent: 0, failed: 0, retrying: 1 });
    expect(sink.messages).toHaveLength(0);
    const delivery = await fixture.stores.digest.digests.delivery(
      "sub-later@example.org",
      "daily:2025-09-11",
    );
    expect(delivery).toMatchObject({ state: "prepared", error: expect.stringContaining("451") });
  });

  it("does not retry a 550, counts the bounce, and stops after the bounce limit", async () => {
    sink = await startScriptedSmtpSink(() => 550);
    const nextDays = ["2025-09-11", "2025-09-12"].map((listingDay) => makePaperInput({ listingDay }));
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: [...PAPERS, ...nextDays],
    });
    const subscriber = await fixture.addSubscriber("gone@example.org");
    const first = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(first.delivery).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
    expect(sink.attempts.get("gone@example.org")).toBe(1);
    expect(await fixture.stores.digest.digests.subscriberById(subscriber.id)).toMatchObject({
      bounces: 1,
      status: "active",
    });

    await fixture.service.run({ now: new Date("2025-09-12T09:00:00Z") });
    expect(sink.attempts.get("gone@example.org")).toBe(2);
    expect(await fixture.stores.digest.digests.subscriberById(subscriber.id)).toMatchObject({
      bounces: 2,
      status: "bouncing",
    });

    const third = await fixture.service.run({ now: new Date("2025-09-13T09:00:00Z") });
    expect(third.plan.due).toBe(0);
    expect(sink.attempts.get("gone@example.org")).toBe(2);
    const [run] = await fixture.service.recentRuns(1);
    expect(run).toMatchObject({ due: 0, sent: 0 });
  });

  it("never sends a digest again when the connection ends after the whole message went out", async () => {
    sink = await startScriptedSmtpSink(() => null, {
      afterData: (attempt) => (attempt === 1 ? "drop" : null),
    });
    fixture = await openDigestFixture({ tier, smtpPort: sink.port, papers: PAPERS });
    await fixture.addSubscriber("once@example.org");
    const result = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(result.delivery).toMatchObject({ sent: 0, failed: 0, retrying: 0, unknown: 1 });
    const later = await fixture.service.run({ now: new Date("2025-09-11T20:00:00Z") });
    expect(later.plan.due).toBe(0);
    // The server had the message: it may have delivered it, so no second copy was sent.
    expect(sink.dataReceived).toBe(1);
    const delivery = await fixture.stores.digest.digests.delivery("sub-once@example.org", "daily:2025-09-11");
    expect(delivery).toMatchObject({
      state: "unknown",
      error: expect.stringContaining("connection lost after the message"),
    });
  });

  it("retries a digest whose connection ended before the message went out, and sends it once", async () => {
    sink = await startScriptedSmtpSink(() => null, { dropAtRecipient: (attempt) => attempt === 1 });
    fixture = await openDigestFixture({ tier, smtpPort: sink.port, papers: PAPERS });
    await fixture.addSubscriber("retry@example.org");
    const result = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(result.delivery).toMatchObject({ sent: 1, unknown: 0 });
    expect(sink.attempts.get("retry@example.org")).toBe(2);
    expect(sink.messages).toHaveLength(1);
  });

  it("retries a relay refusing the sender (a 5xx to MAIL FROM) and counts no bounce against anyone", async () => {
    let refusing = true;
    sink = await startScriptedSmtpSink(() => null, { mailFrom: () => (refusing ? 530 : null) });
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { retryDelaySeconds: 1 },
    });
    const subscribers = await Promise.all(
      ["a@example.org", "b@example.org"].map((email) => fixture.addSubscriber(email)),
    );
    const first = await fixture.service.run({ now: NOW });
    expect(first.delivery).toMatchObject({ sent: 0, failed: 0, retrying: 2 });
    for (const { id } of subscribers)
      expect(await fixture.stores.digest.digests.subscriberById(id)).toMatchObject({
        bounces: 0,
        status: "active",
      });
    // The operator fixes the relay: the retries go out.
    refusing = false;
    const fixed = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(fixed.delivery).toMatchObject({ sent: 2 });
    expect(sink.messages).toHaveLength(2);
  });

  it("fails a digest the server refuses after its data (a 5xx to DATA) without counting a bounce", async () => {
    sink = await startScriptedSmtpSink(() => null, { afterData: () => 552 });
    fixture = await openDigestFixture({ tier, smtpPort: sink.port, papers: PAPERS });
    const subscriber = await fixture.addSubscriber("big@example.org");
    const result = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(result.delivery).toMatchObject({ sent: 0, failed: 1, retrying: 0 });
    expect(sink.dataReceived).toBe(1);
    expect(await fixture.stores.digest.digests.subscriberById(subscriber.id)).toMatchObject({
      bounces: 0,
      status: "active",
    });
  });

  it("starts each digest after the days the last one covered, whatever the subscriber changed meanwhile", async () => {
    sink = await startScriptedSmtpSink(() => null);
    const later = [
      makePaperInput({ id: "2509.20011", title: "Thursday paper", listingDay: "2025-09-11", upvotes: 4 }),
      makePaperInput({ id: "2509.20012", title: "Monday paper", listingDay: "2025-09-15", upvotes: 4 }),
    ];
    fixture = await openDigestFixture({ tier, smtpPort: sink.port, papers: [...PAPERS, ...later] });
    const subscriber = await fixture.addSubscriber("switch@example.org");
    // Daily at 08:00 UTC on Thursday 2025-09-11: covers the 10th.
    expect((await fixture.service.run({ now: NOW })).delivery).toMatchObject({ sent: 1 });
    // An hour later, weekly on Thursdays: this week's digest (due 08:00) would cover the 4th–10th again.
    const weekly = {
      ...DEFAULT_SETTINGS,
      schedule: { ...DEFAULT_SETTINGS.schedule, frequency: "weekly" as const, weekday: 4 },
    };
    await fixture.stores.digest.digests.updateSettings(subscriber.id, weekly);
    const sameDay = await fixture.service.run({ now: new Date("2025-09-11T10:00:00Z") });
    expect(sameDay.plan).toMatchObject({ due: 1, prepared: 0, skipped: 1 });
    expect(sink.messages).toHaveLength(1);
    // Then Mondays: the next digest, due Monday the 15th, starts on the 11th, the first day not sent.
    await fixture.stores.digest.digests.updateSettings(subscriber.id, {
      ...weekly,
      schedule: { ...weekly.schedule, weekday: 1 },
    });
    const monday = await fixture.service.run({ now: new Date("2025-09-15T09:00:00Z") });
    expect(monday.delivery).toMatchObject({ sent: 1 });
    expect(sink.messages).toHaveLength(2);
    expect(sink.messages[1]?.text).toContain("Thursday paper");
    expect(sink.messages[1]?.text).not.toContain("Sparse attention kernels");
    // A preview shows the period's digest as it went out, not the days left after it.
    const preview = await fixture.service.preview("switch@example.org", new Date("2025-09-15T09:00:00Z"));
    expect(preview?.message.text).toContain("Thursday paper");
  });

  it("skips empty digests and records the run", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
    });
    await fixture.addSubscriber("quiet@example.org", {
      kind: "personal",
      topics: {
        categories: ["astro-ph"],
        keywords: [],
        authors: [],
        negativeKeywords: [],
        savedSearches: [],
        likeMyPapers: false,
      },
    });
    await fixture.addSubscriber("busy@example.org");
    const result = await fixture.service.run({ now: NOW });
    expect(result.plan).toMatchObject({ due: 2, prepared: 1, skipped: 1 });
    expect(sink.messages).toHaveLength(1);
    const [run] = await fixture.service.recentRuns(5);
    expect(run).toMatchObject({ due: 2, prepared: 1, skipped: 1, sent: 1, failed: 0, dryRun: false });
  });

  it("sends nothing on a dry run, and lists what it would send", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
    });
    await fixture.addSubscriber("dry@example.org");
    const result = await fixture.service.run({ now: NOW, dryRun: true });
    expect(result.plan.previews).toEqual([
      { email: "dry@example.org", subject: expect.stringContaining("Sparse attention"), papers: 2 },
    ]);
    expect(result.delivery).toBeNull();
    expect(sink.messages).toHaveLength(0);
    expect(
      await fixture.stores.digest.digests.delivery("sub-dry@example.org", "daily:2025-09-11"),
    ).toBeNull();
  });

  it("does not send a prepared digest to someone who unsubscribed before its retry", async () => {
    sink = await startScriptedSmtpSink(() => 451);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { retryDelaySeconds: 1 },
    });
    const subscriber = await fixture.addSubscriber("leaving@example.org");
    expect((await fixture.service.run({ now: NOW })).delivery).toMatchObject({ retrying: 1 });
    await fixture.stores.digest.digests.setStatus(subscriber.id, "unsubscribed", NOW.toISOString());
    const later = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(later.delivery).toMatchObject({ sent: 0, retrying: 0 });
    expect(sink.attempts.get("leaving@example.org")).toBe(1);
    expect(await fixture.stores.digest.digests.delivery(subscriber.id, "daily:2025-09-11")).toMatchObject({
      state: "failed",
      error: "subscriber is unsubscribed",
    });
  });

  it("sends nothing to someone who deleted their account while a digest job was queued for them", async () => {
    sink = await startScriptedSmtpSink(() => 451);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { retryDelaySeconds: 1 },
    });
    const subscriber = await fixture.addSubscriber("leaving@example.org");
    const { accounts } = fixture.stores.community;
    const user = await accounts.ensureUser({
      id: "u-leaving",
      email: "leaving@example.org",
      role: "user",
      createdAt: NOW.toISOString(),
    });
    expect((await fixture.service.run({ now: NOW })).delivery).toMatchObject({ retrying: 1 });
    expect(await accounts.deleteUser(user.id, NOW.toISOString())).toBe("deleted");
    const later = await fixture.service.run({ now: NOW, waitUntil: new Date(Date.now() + 10_000) });
    expect(later.delivery).toMatchObject({ sent: 0, failed: 0, retrying: 0 });
    expect(sink.attempts.get("leaving@example.org")).toBe(1);
    expect(await fixture.stores.digest.digests.delivery(subscriber.id, "daily:2025-09-11")).toBeNull();
    expect(await fixture.stores.digest.queue.counts("digest-send")).toMatchObject({ waiting: 0 });
  });

  it("never resends a digest whose SMTP transaction was interrupted, and re-enqueues one left without a job", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
    });
    const { digests, queue } = fixture.stores.digest;
    const interrupted = await fixture.addSubscriber("interrupted@example.org");
    const orphan = await fixture.addSubscriber("orphan@example.org");
    for (const subscriber of [interrupted, orphan]) {
      await digests.prepareDelivery({
        subscriberId: subscriber.id,
        periodKey: "daily:2025-09-11",
        runId: "crashed-run",
        digest: {
          to: subscriber.email,
          kind: "trending",
          frequency: "daily",
          coverage: "2025-09-10",
          picks: [{ paperId: "2509.20002", reasons: [] }],
        },
        papers: 1,
        // The machine's time, as the planner records it (a month-old one would be forgotten after the run).
        preparedAt: new Date().toISOString(),
        coveredThrough: "2025-09-11",
      });
    }
    // The first process enqueued one job, marked it sending, and died inside the SMTP transaction;
    // it died before enqueueing the other's job.
    await queue.send(
      "digest-send",
      { subscriberId: interrupted.id, periodKey: "daily:2025-09-11" },
      {
        singletonKey: `${interrupted.id}/daily:2025-09-11`,
      },
    );
    await digests.startSending(interrupted.id, "daily:2025-09-11");

    const result = await fixture.service.run({ now: NOW });
    expect(result.plan).toMatchObject({ due: 0, prepared: 0 });
    expect(result.delivery).toMatchObject({ sent: 1, unknown: 1 });
    expect(sink.messages.map((mail) => mail.subject)).toEqual(["Trending papers: Sparse attention kernels"]);
    expect(sink.attempts.has("interrupted@example.org")).toBe(false);
    expect(await digests.delivery(interrupted.id, "daily:2025-09-11")).toMatchObject({ state: "unknown" });
    expect(await digests.delivery(orphan.id, "daily:2025-09-11")).toMatchObject({ state: "sent" });
  });
});
