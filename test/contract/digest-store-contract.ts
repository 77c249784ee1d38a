import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import type { Stores } from "../../src/store/community-stores.js";
import type { DigestStore, NewDelivery, PreparedDigest } from "../../src/store/digest-store.js";

const T0 = "2026-03-01T08:00:00.000Z";
const T1 = "2026-03-02T08:00:00.000Z";

const DIGEST: PreparedDigest = {
  to: "ada@example.org",
  kind: "trending",
  frequency: "daily",
  coverage: "2026-03-01",
  picks: [{ paperId: "2603.00001", reasons: ["matches: diffusion"] }],
};

function newDelivery(subscriberId: string, periodKey: string, runId = "run-1"): NewDelivery {
  return {
    subscriberId,
    periodKey,
    runId,
    digest: DIGEST,
    papers: 1,
    preparedAt: T0,
    coveredThrough: periodKey.slice(-10),
  };
}

/** The digest store's behaviour, the same on both stores. */
export function describeDigestStoreContract(label: string, open: () => Promise<Stores>): void {
  describe(`the digest store (${label})`, () => {
    let stores: Stores;
    let digests: DigestStore;
    beforeEach(async () => {
      stores = await open();
      digests = stores.digest.digests;
    });
    afterEach(async () => {
      await stores.papers.close();
    });

    const subscribe = (email: string, id = `sub-${email}`) =>
      digests.ensureSubscriber({ id, email, userId: null, createdAt: T0, ...DEFAULT_SETTINGS });

    it("keeps one subscriber per address (lower-cased), and finds them by id, address and account", async () => {
      expect(await digests.signingKey()).toMatch(/^[0-9a-f]{64}$/);
      const ada = await subscribe("Ada@Example.org", "sub-1");
      expect(ada).toMatchObject({
        id: "sub-1",
        email: "ada@example.org",
        status: "pending",
        bounces: 0,
        confirmedAt: null,
        ...DEFAULT_SETTINGS,
      });
      const again = await digests.ensureSubscriber({
        id: "sub-2",
        email: "ada@example.org",
        userId: null,
        createdAt: T1,
        ...DEFAULT_SETTINGS,
        size: 3,
      });
      expect(again).toEqual(ada);
      expect(await digests.subscriberByEmail("ADA@example.org")).toEqual(ada);
      expect(await digests.subscriberById("sub-2")).toBeNull();

      const user = await stores.community.accounts.ensureUser({
        id: "user-ada",
        email: "ada@example.org",
        role: "user",
        createdAt: T0,
      });
      await digests.linkUser("sub-1", user.id);
      expect((await digests.subscriberByUser(user.id))?.id).toBe("sub-1");
      expect(await digests.subscriberByUser("user-nobody")).toBeNull();
    });

    it("confirms, unsubscribes and saves settings; lists active subscribers a page at a time, in id order", async () => {
      for (const name of ["c", "a", "d", "b", "e"]) await subscribe(`${name}@example.org`);
      for (const name of ["a", "b", "c", "e"])
        expect(await digests.setStatus(`sub-${name}@example.org`, "active", T0)).toBe(true);
      expect(await digests.setStatus("sub-e@example.org", "unsubscribed", T1)).toBe(true);
      expect(await digests.setStatus("sub-nobody", "active", T1)).toBe(false);
      expect(await digests.subscriberById("sub-e@example.org")).toMatchObject({
        status: "unsubscribed",
        confirmedAt: T0,
        unsubscribedAt: T1,
      });

      const topics = { ...DEFAULT_SETTINGS.topics, keywords: ["diffusion"], negativeKeywords: ["survey"] };
      const settings = {
        schedule: { frequency: "weekly" as const, weekday: 3, hour: 7, timeZone: "Europe/Berlin" },
        kind: "personal" as const,
        size: 25,
        topics,
      };
      await digests.updateSettings("sub-b@example.org", settings);
      expect(await digests.subscriberById("sub-b@example.org")).toMatchObject(settings);

      const first = await digests.activeSubscribers(null, 2);
      expect(first.map((subscriber) => subscriber.id)).toEqual(["sub-a@example.org", "sub-b@example.org"]);
      const rest = await digests.activeSubscribers(first[1]!.id, 2);
      expect(rest.map((subscriber) => subscriber.id)).toEqual(["sub-c@example.org"]);
    });

    it("keeps the latest signal per paper, newest first", async () => {
      const ada = await subscribe("ada@example.org");
      await digests.saveFeedback(ada.id, "2603.00001", 1, T0);
      await digests.saveFeedback(ada.id, "2603.00002", 1, "2026-03-01T09:00:00.000Z");
      await digests.saveFeedback(ada.id, "2603.00001", -1, T1);
      expect(await digests.feedback(ada.id)).toEqual([
        { paperId: "2603.00001", signal: -1 },
        { paperId: "2603.00002", signal: 1 },
      ]);
    });

    it("remembers the last listing day a subscriber's digests covered", async () => {
      const ada = await subscribe("ada@example.org");
      const bob = await subscribe("bob@example.org");
      expect(await digests.coveredThrough(ada.id)).toBeNull();
      await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-02"));
      await digests.prepareDelivery({
        ...newDelivery(ada.id, "weekly:2026-W10"),
        coveredThrough: "2026-03-05",
      });
      await digests.prepareDelivery(newDelivery(bob.id, "daily:2026-03-09"));
      expect(await digests.coveredThrough(ada.id)).toBe("2026-03-05");
      expect(await digests.coveredThrough(bob.id)).toBe("2026-03-09");
    });

    it("prepares a digest once per subscriber and period, and moves it only from the state each step expects", async () => {
      const ada = await subscribe("ada@example.org");
      expect(await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-01"))).toBe(true);
      expect(await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-01", "run-2"))).toBe(false);
      expect(await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-02"))).toBe(true);
      expect((await digests.preparedDeliveries(10)).map((delivery) => delivery.periodKey)).toEqual([
        "daily:2026-03-01",
        "daily:2026-03-02",
      ]);
      expect(await digests.delivery(ada.id, "daily:2026-03-01")).toEqual({
        subscriberId: ada.id,
        periodKey: "daily:2026-03-01",
        runId: "run-1",
        state: "prepared",
        digest: DIGEST,
        papers: 1,
        attempts: 0,
        error: null,
        preparedAt: T0,
        sentAt: null,
      });

      // Two workers holding the same delivery: only one may send it.
      const claims = await Promise.all([
        digests.startSending(ada.id, "daily:2026-03-01"),
        digests.startSending(ada.id, "daily:2026-03-01"),
      ]);
      expect(claims.sort()).toEqual([false, true]);
      await digests.markRetry(ada.id, "daily:2026-03-01", "451 try later");
      expect(await digests.delivery(ada.id, "daily:2026-03-01")).toMatchObject({
        state: "prepared",
        attempts: 1,
        error: "451 try later",
      });
      expect(await digests.startSending(ada.id, "daily:2026-03-01")).toBe(true);
      await digests.markSent(ada.id, "daily:2026-03-01", T1);
      // Sent stays sent: a late retry or failure report changes nothing.
      await digests.markRetry(ada.id, "daily:2026-03-01", "late");
      await digests.markUnknown(ada.id, "daily:2026-03-01", "late");
      expect(await digests.delivery(ada.id, "daily:2026-03-01")).toMatchObject({
        state: "sent",
        attempts: 2,
        sentAt: T1,
        error: null,
      });

      expect(await digests.startSending(ada.id, "daily:2026-03-02")).toBe(true);
      await digests.markUnknown(ada.id, "daily:2026-03-02", "interrupted");
      expect(await digests.delivery(ada.id, "daily:2026-03-02")).toMatchObject({ state: "unknown" });
      expect(await digests.preparedDeliveries(10)).toEqual([]);
      expect(await digests.delivery(ada.id, "daily:2026-03-09")).toBeNull();
    });

    it("counts bounces, marks the subscriber bouncing at the limit, and clears the count on a sent digest", async () => {
      const ada = await subscribe("ada@example.org");
      await digests.setStatus(ada.id, "active", T0);
      const fail = async (period: string, limit: number | null) => {
        await digests.prepareDelivery(newDelivery(ada.id, period));
        await digests.startSending(ada.id, period);
        return digests.markFailed(ada.id, period, "550 no such user", limit);
      };
      expect(await fail("daily:2026-03-01", 3)).toBe(1);
      expect(await fail("daily:2026-03-02", null)).toBe(1);
      await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-03"));
      await digests.startSending(ada.id, "daily:2026-03-03");
      await digests.markSent(ada.id, "daily:2026-03-03", T1);
      expect((await digests.subscriberById(ada.id))?.bounces).toBe(0);
      expect(await fail("daily:2026-03-04", 2)).toBe(1);
      expect(await fail("daily:2026-03-05", 2)).toBe(2);
      expect(await digests.subscriberById(ada.id)).toMatchObject({ status: "bouncing", bounces: 2 });
      expect(await digests.delivery(ada.id, "daily:2026-03-05")).toMatchObject({
        state: "failed",
        error: "550 no such user",
      });
      expect(await digests.activeSubscribers(null, 10)).toEqual([]);
      // Confirming again starts afresh.
      await digests.setStatus(ada.id, "active", T1);
      expect(await digests.subscriberById(ada.id)).toMatchObject({ status: "active", bounces: 0 });
    });

    it("counts a bounce once when the same failure is reported twice", async () => {
      const ada = await subscribe("ada@example.org");
      await digests.setStatus(ada.id, "active", T0);
      await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-01"));
      await digests.startSending(ada.id, "daily:2026-03-01");
      expect(await digests.markFailed(ada.id, "daily:2026-03-01", "550 no such user", 2)).toBe(1);
      // A second worker (or a retried report) sees the delivery already failed: no second bounce.
      expect(await digests.markFailed(ada.id, "daily:2026-03-01", "550 no such user", 2)).toBe(1);
      expect(await digests.subscriberById(ada.id)).toMatchObject({ status: "active", bounces: 1 });
    });

    it("forgets final deliveries prepared before the cutoff, oldest first and a batch at a time, and remembers the newest forgotten", async () => {
      const ada = await subscribe("ada@example.org");
      const deliver = async (
        periodKey: string,
        preparedAt: string,
        state: "prepared" | "sending" | "sent" | "failed" | "unknown",
      ) => {
        expect(await digests.prepareDelivery({ ...newDelivery(ada.id, periodKey), preparedAt })).toBe(true);
        if (state === "prepared") return;
        await digests.startSending(ada.id, periodKey);
        if (state === "sent") await digests.markSent(ada.id, periodKey, preparedAt);
        if (state === "failed") await digests.markFailed(ada.id, periodKey, "550", null);
        if (state === "unknown") await digests.markUnknown(ada.id, periodKey, "interrupted");
      };
      await deliver("daily:2026-01-02", "2026-01-02T08:00:00.000Z", "failed");
      await deliver("daily:2026-01-01", "2026-01-01T08:00:00.000Z", "sent");
      await deliver("daily:2026-01-03", "2026-01-03T08:00:00.000Z", "unknown");
      await deliver("daily:2026-01-04", "2026-01-04T08:00:00.000Z", "prepared");
      await deliver("daily:2026-01-05", "2026-01-05T08:00:00.000Z", "sending");
      await deliver("daily:2026-03-01", T0, "sent");
      const cutoff = "2026-02-01T00:00:00.000Z";
      const kept = async () => {
        const keys = [];
        for (const day of ["01-01", "01-02", "01-03", "01-04", "01-05", "03-01"])
          if (await digests.delivery(ada.id, `daily:2026-${day}`)) keys.push(day);
        return keys;
      };
      expect(await digests.prunedThrough()).toBeNull();

      expect(await digests.forgetDeliveries(cutoff, 2)).toBe(2);
      expect(await kept()).toEqual(["01-03", "01-04", "01-05", "03-01"]);
      expect(await digests.prunedThrough()).toBe("2026-01-02T08:00:00.000Z");
      expect(await digests.forgetDeliveries(cutoff, 2)).toBe(1);
      expect(await digests.forgetDeliveries(cutoff, 2)).toBe(0);
      // Prepared and sending deliveries wait for their sender, however old; recent ones stay.
      expect(await kept()).toEqual(["01-04", "01-05", "03-01"]);
      expect(await digests.prunedThrough()).toBe("2026-01-03T08:00:00.000Z");
      // A kept period is still refused a second digest.
      expect(await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-03-01", "run-2"))).toBe(false);

      // Forgetting an older delivery later never moves the line back.
      await deliver("daily:2025-12-01", "2025-12-01T08:00:00.000Z", "sent");
      expect(await digests.forgetDeliveries(cutoff, 2)).toBe(1);
      expect(await digests.prunedThrough()).toBe("2026-01-03T08:00:00.000Z");
    });

    it("forgets runs older than the cutoff, finished or abandoned, once none of their deliveries is left, a batch at a time", async () => {
      const ada = await subscribe("ada@example.org");
      const old = "2026-01-01T08:00:00.000Z";
      const counts = { dryRun: false, due: 1, prepared: 1, skipped: 0 };
      for (const id of ["run-a", "run-b", "run-kept-delivery"])
        await digests.recordRun({ id, startedAt: old, finishedAt: old, ...counts });
      // Their processes died: never marked finished.
      await digests.recordRun({ id: "run-abandoned", startedAt: old, finishedAt: null, ...counts });
      await digests.recordRun({ id: "run-abandoned-waiting", startedAt: old, finishedAt: null, ...counts });
      await digests.recordRun({ id: "run-unfinished-recent", startedAt: T0, finishedAt: null, ...counts });
      await digests.recordRun({ id: "run-finished-late", startedAt: old, finishedAt: T0, ...counts });
      await digests.recordRun({ id: "run-recent", startedAt: T0, finishedAt: T0, ...counts });
      await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-01-01", "run-kept-delivery"));
      // A delivery that could still be sent keeps its run, abandoned or not.
      await digests.prepareDelivery(newDelivery(ada.id, "daily:2026-01-02", "run-abandoned-waiting"));
      await digests.startSending(ada.id, "daily:2026-01-02");
      const cutoff = "2026-02-01T00:00:00.000Z";

      expect(await digests.forgetRuns(cutoff, 2)).toBe(2);
      expect(await digests.forgetRuns(cutoff, 2)).toBe(1);
      expect(await digests.forgetRuns(cutoff, 2)).toBe(0);
      expect((await digests.recentRuns(10)).map((run) => run.id).sort()).toEqual([
        "run-abandoned-waiting",
        "run-finished-late",
        "run-kept-delivery",
        "run-recent",
        "run-unfinished-recent",
      ]);
      expect(await digests.delivery(ada.id, "daily:2026-01-02")).toMatchObject({ state: "sending" });
    });

    it("keeps a run's sent and failed totals whole when retention forgets some of its deliveries", async () => {
      const old = "2026-01-01T08:00:00.000Z";
      await digests.recordRun({
        id: "run-1",
        startedAt: old,
        finishedAt: old,
        dryRun: false,
        due: 4,
        prepared: 4,
        skipped: 0,
      });
      await digests.recordRun({
        id: "run-2",
        startedAt: old,
        finishedAt: old,
        dryRun: false,
        due: 1,
        prepared: 1,
        skipped: 0,
      });
      const outcomes = [
        ["ada", "run-1", "sent"],
        ["bob", "run-1", "failed"],
        ["cy", "run-1", "unknown"],
        ["dee", "run-1", "prepared"],
        ["eve", "run-2", "sent"],
      ] as const;
      for (const [name, runId, state] of outcomes) {
        const subscriber = await subscribe(`${name}@example.org`);
        await digests.prepareDelivery({
          ...newDelivery(subscriber.id, "daily:2026-01-01", runId),
          preparedAt: old,
        });
        if (state === "prepared") continue;
        await digests.startSending(subscriber.id, "daily:2026-01-01");
        if (state === "sent") await digests.markSent(subscriber.id, "daily:2026-01-01", old);
        if (state === "failed") await digests.markFailed(subscriber.id, "daily:2026-01-01", "550", null);
        if (state === "unknown") await digests.markUnknown(subscriber.id, "daily:2026-01-01", "interrupted");
      }
      const totals = async () =>
        Object.fromEntries((await digests.recentRuns(10)).map((run) => [run.id, [run.sent, run.failed]]));
      expect(await totals()).toEqual({ "run-1": [1, 2], "run-2": [1, 0] });

      const cutoff = "2026-02-01T00:00:00.000Z";
      expect(await digests.forgetDeliveries(cutoff, 2)).toBe(2);
      expect(await totals()).toEqual({ "run-1": [1, 2], "run-2": [1, 0] });
      expect(await digests.forgetDeliveries(cutoff, 10)).toBe(2);
      // run-1 stays for its delivery still waiting to be sent, with the totals of all its deliveries.
      expect(await digests.forgetRuns(cutoff, 10)).toBe(1);
      expect(await totals()).toEqual({ "run-1": [1, 2] });
      expect((await digests.recentRuns(1))[0]).toMatchObject({ prepared: 4, sent: 1, failed: 2 });
    });

    it("records runs and counts their sent and failed digests, newest first", async () => {
      const ada = await subscribe("ada@example.org");
      const bob = await subscribe("bob@example.org");
      const run = { dryRun: false, due: 2, prepared: 2, skipped: 0 };
      await digests.recordRun({ id: "run-1", startedAt: T0, finishedAt: null, ...run });
      await digests.recordRun({ id: "run-1", startedAt: T0, finishedAt: T0, ...run, skipped: 1 });
      await digests.recordRun({
        id: "run-2",
        startedAt: T1,
        finishedAt: T1,
        ...run,
        dryRun: true,
        prepared: 0,
      });
      for (const [subscriber, outcome] of [
        [ada, "sent"],
        [bob, "failed"],
      ] as const) {
        await digests.prepareDelivery(newDelivery(subscriber.id, "daily:2026-03-01"));
        await digests.startSending(subscriber.id, "daily:2026-03-01");
        if (outcome === "sent") await digests.markSent(subscriber.id, "daily:2026-03-01", T0);
        else await digests.markFailed(subscriber.id, "daily:2026-03-01", "550", null);
      }
      expect(await digests.recentRuns(10)).toEqual([
        {
          id: "run-2",
          startedAt: T1,
          finishedAt: T1,
          dryRun: true,
          due: 2,
          prepared: 0,
          skipped: 0,
          sent: 0,
          failed: 0,
        },
        {
          id: "run-1",
          startedAt: T0,
          finishedAt: T0,
          dryRun: false,
          due: 2,
          prepared: 2,
          skipped: 1,
          sent: 1,
          failed: 1,
        },
      ]);
      expect(await digests.recentRuns(1)).toHaveLength(1);
    });
  });
}
