import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HealthService } from "../../src/web/services/health-service.js";
import { PaperService } from "../../src/web/services/paper-service.js";
import { makePaperInput } from "../support/paper-factory.js";

/** The real paper service, counting how often the store counts every paper. */
class CountingPaperService extends PaperService {
  counts = 0;
  override countPapers(): Promise<number> {
    this.counts++;
    return super.countPapers();
  }
}

const afterAnswer = () => new Promise((resolve) => setImmediate(resolve));

describe("the health probe", () => {
  let store: PaperStore;
  let papers: CountingPaperService;
  let clock: number;
  let health: HealthService;
  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.upsertPapers([
      makePaperInput({ id: "2509.00001", listingDay: "2025-09-11" }),
      makePaperInput({ id: "2509.00002", listingDay: "2025-09-11" }),
    ]);
    papers = new CountingPaperService(store);
    clock = Date.parse("2025-09-12T10:00:00.000Z");
    health = new HealthService(papers, 60_000, () => clock);
  });
  afterEach(() => store.close());

  it("counts the papers once a minute, reading the latest day on every probe", async () => {
    expect(await health.health()).toEqual({
      latestDay: "2025-09-11",
      papers: 2,
      papersCountedAt: "2025-09-12T10:00:00.000Z",
    });
    await store.upsertPapers([makePaperInput({ id: "2509.00003", listingDay: "2025-09-12" })]);
    clock += 59_999;
    for (let probe = 0; probe < 100; probe++) await health.health();
    expect(await health.health()).toMatchObject({ latestDay: "2025-09-12", papers: 2 });
    expect(papers.counts).toBe(1);

    clock += 1;
    // The probe that finds the count a minute old answers with it; the count follows its answer.
    const stale = await Promise.all([health.health(), health.health(), health.health()]);
    expect(stale.map((answer) => answer.papers)).toEqual([2, 2, 2]);
    await afterAnswer();
    await afterAnswer();
    expect(papers.counts).toBe(2);
    expect(await health.health()).toEqual({
      latestDay: "2025-09-12",
      papers: 3,
      papersCountedAt: "2025-09-12T10:01:00.000Z",
    });
  });

  it("shares the first count among probes that arrive together", async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => health.health()));
    expect(answers.map((answer) => answer.papers)).toEqual([2, 2, 2, 2, 2]);
    expect(papers.counts).toBe(1);
  });

  it("answers only when the store does", async () => {
    await store.close();
    await expect(health.health()).rejects.toThrow();
  });
});
