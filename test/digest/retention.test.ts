import { afterEach, describe, expect, it } from "vitest";
import { DigestRetention, PlanningTimeError } from "../../src/digest/retention.js";
import type { DigestStore } from "../../src/store/digest-store.js";
import { makePaperInput } from "../support/paper-factory.js";
import { type ScriptedSmtpSink, startScriptedSmtpSink } from "../support/smtp-sink-replies.js";
import { type DigestFixture, openDigestFixture, TIERS } from "./digest-fixture.js";

// Daily at 08:00 UTC covers what New York announced the evening before: listing day 2025-09-10.
const NOW = new Date("2025-09-11T09:00:00Z");
const PAPERS = [makePaperInput({ id: "2509.20001", title: "Graph transformers", listingDay: "2025-09-10" })];
const DAY_MS = 86_400_000;

let sink: ScriptedSmtpSink;
let fixture: DigestFixture;

afterEach(async () => {
  await fixture?.close();
  await sink?.close();
});

/** A digest of `periodKey` prepared at `preparedAt` and finished in `state`. */
async function finishedDelivery(
  digests: DigestStore,
  subscriberId: string,
  periodKey: string,
  preparedAt: string,
  state: "sent" | "failed",
): Promise<void> {
  await digests.prepareDelivery({
    subscriberId,
    periodKey,
    runId: "run-long-ago",
    digest: { to: "x@example.org", kind: "trending", frequency: "daily", coverage: "", picks: [] },
    papers: 1,
    preparedAt,
    coveredThrough: "2025-09-11",
  });
  await digests.startSending(subscriberId, periodKey);
  if (state === "sent") await digests.markSent(subscriberId, periodKey, preparedAt);
  else await digests.markFailed(subscriberId, periodKey, "550", null);
}

describe.each(TIERS)("the digest history's retention (%s)", (tier) => {
  it("forgets old finished digests after a run, still never sends a kept period twice, and refuses to plan a forgotten one", async () => {
    sink = await startScriptedSmtpSink(() => null);
    let clock = new Date();
    fixture = await openDigestFixture({
      tier,
      smtpPort: sink.port,
      papers: PAPERS,
      service: { clock: () => clock },
    });
    const { digests } = fixture.stores.digest;
    const ada = await fixture.addSubscriber("ada@example.org");

    expect((await fixture.service.run({ now: NOW })).delivery).toMatchObject({ sent: 1 });
    const fortyDaysAgo = new Date(clock.getTime() - 40 * DAY_MS).toISOString();
    await finishedDelivery(digests, ada.id, "daily:2025-08-01", fortyDaysAgo, "sent");
    await finishedDelivery(digests, ada.id, "daily:2025-08-02", fortyDaysAgo, "failed");

    // Within the hour since the last pass: nothing is forgotten yet.
    expect((await fixture.service.run({ now: NOW })).forgotten).toBeNull();
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    const later = await fixture.service.run({ now: NOW });
    expect(later.plan).toMatchObject({ due: 0, prepared: 0 });
    expect(later.forgotten).toEqual({ deliveries: 2, runs: 0, error: null });
    expect(await digests.delivery(ada.id, "daily:2025-08-01")).toBeNull();
    expect(await digests.delivery(ada.id, "daily:2025-09-11")).toMatchObject({ state: "sent" });
    expect(sink.messages).toHaveLength(1);

    // The forgotten digests were prepared 40 days ago: a run that far back (or near it) could repeat one.
    await expect(fixture.service.run({ now: NOW })).rejects.toThrow(PlanningTimeError);
    await expect(
      fixture.service.run({ now: new Date(clock.getTime() - 31 * DAY_MS), dryRun: true }),
    ).rejects.toThrow(/no longer kept/);
    await expect(fixture.service.run({ now: new Date(clock.getTime() + 2 * DAY_MS) })).rejects.toThrow(
      /ahead of this machine's clock/,
    );
    await fixture.service.run({ now: new Date(clock.getTime() - 7 * DAY_MS), dryRun: true });
    expect(sink.messages).toHaveLength(1);
  });
});

describe("forgetting the digest history in batches", () => {
  it("goes through a backlog a batch at a time in one pass, then waits for the interval", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({ smtpPort: sink.port });
    const { digests } = fixture.stores.digest;
    const subscriber = await fixture.addSubscriber("ada@example.org");
    let clock = new Date();
    const longAgo = new Date(clock.getTime() - 60 * DAY_MS).toISOString();
    for (let day = 1; day <= 5; day++)
      await finishedDelivery(digests, subscriber.id, `daily:2025-07-0${day}`, longAgo, "sent");
    const retention = new DigestRetention(digests, () => clock, 2);

    expect(await retention.forgetIfDue()).toEqual({ deliveries: 5, runs: 0, error: null });
    expect(await digests.delivery(subscriber.id, "daily:2025-07-05")).toBeNull();

    await finishedDelivery(digests, subscriber.id, "daily:2025-07-06", longAgo, "sent");
    expect(await retention.forgetIfDue()).toBeNull();
    expect(await digests.delivery(subscriber.id, "daily:2025-07-06")).not.toBeNull();
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await retention.forgetIfDue()).toEqual({ deliveries: 1, runs: 0, error: null });

    // An aborted run stops before the next batch.
    for (let day = 1; day <= 5; day++)
      await finishedDelivery(digests, subscriber.id, `daily:2025-06-0${day}`, longAgo, "sent");
    clock = new Date(clock.getTime() + 3_600_000);
    const aborted = new AbortController();
    aborted.abort();
    expect(await retention.forgetIfDue(aborted.signal)).toEqual({ deliveries: 0, runs: 0, error: null });
  });

  it("forgets a run whose process died once it is past the retention and nothing of it could still be sent", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({ smtpPort: sink.port });
    const { digests } = fixture.stores.digest;
    const subscriber = await fixture.addSubscriber("ada@example.org");
    let clock = new Date();
    const longAgo = new Date(clock.getTime() - 40 * DAY_MS).toISOString();
    const died = { finishedAt: null, dryRun: false, due: 1, prepared: 1, skipped: 0 };
    await digests.recordRun({ id: "run-died", startedAt: longAgo, ...died });
    await digests.recordRun({ id: "run-died-waiting", startedAt: longAgo, ...died });
    await digests.prepareDelivery({
      subscriberId: subscriber.id,
      periodKey: "daily:2025-07-01",
      runId: "run-died-waiting",
      digest: { to: "ada@example.org", kind: "trending", frequency: "daily", coverage: "", picks: [] },
      papers: 1,
      preparedAt: longAgo,
      coveredThrough: "2025-09-11",
    });
    const retention = new DigestRetention(digests, () => clock, 10);

    expect(await retention.forgetIfDue()).toEqual({ deliveries: 0, runs: 1, error: null });
    // The prepared digest is still to be sent (never twice, never lost): it keeps its run.
    expect(await digests.delivery(subscriber.id, "daily:2025-07-01")).toMatchObject({ state: "prepared" });
    expect((await digests.recentRuns(10)).map((run) => run.id)).toEqual(["run-died-waiting"]);

    await digests.startSending(subscriber.id, "daily:2025-07-01");
    await digests.markSent(subscriber.id, "daily:2025-07-01", longAgo);
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await retention.forgetIfDue()).toEqual({ deliveries: 1, runs: 1, error: null });
    expect(await digests.recentRuns(10)).toEqual([]);
  });

  it("reports a failure part-way with what it forgot, never throws, and tries again at the next run", async () => {
    sink = await startScriptedSmtpSink(() => null);
    fixture = await openDigestFixture({ smtpPort: sink.port });
    const { digests } = fixture.stores.digest;
    const subscriber = await fixture.addSubscriber("ada@example.org");
    const longAgo = new Date(Date.now() - 60 * DAY_MS).toISOString();
    for (let day = 1; day <= 5; day++)
      await finishedDelivery(digests, subscriber.id, `daily:2025-07-0${day}`, longAgo, "sent");
    let batches = 0;
    const failingSecondBatch = new Proxy(digests, {
      get(target, property) {
        if (property === "forgetDeliveries")
          return async (before: string, limit: number) => {
            batches += 1;
            if (batches === 2) throw new Error("database is locked");
            return target.forgetDeliveries(before, limit);
          };
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const retention = new DigestRetention(failingSecondBatch, () => new Date(), 2);
    expect(await retention.forgetIfDue()).toEqual({ deliveries: 2, runs: 0, error: "database is locked" });
    // Not an hour later: the next run goes on where this one stopped.
    expect(await retention.forgetIfDue()).toEqual({ deliveries: 3, runs: 0, error: null });
    expect(await digests.delivery(subscriber.id, "daily:2025-07-05")).toBeNull();
  });
});
