import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PaperInput } from "../../src/core/paper.js";
import { parseSearchQuery } from "../../src/core/search-query.js";
import type { PaperStore, StaleRule } from "../../src/store/store.js";
import { makePaperInput } from "../support/paper-factory.js";

/** Bulk loads, the fetched-at stamps and the staleness rule the refresh reads, for every PaperStore. */
export function describeWritePathContract(name: string, openStore: () => Promise<PaperStore>): void {
  describe(`PaperStore contract, bulk load: ${name}`, () => {
    let store: PaperStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const hits = async (text: string) =>
      (await store.search({ query: parseSearchQuery(text), limit: 10, offset: 0 })).hits.map(
        (hit) => hit.paper.id,
      );

    it("loads an empty store in bulk, searchable once finished, the last version of each paper", async () => {
      expect(await store.beginBulkLoad()).toBe(true);
      const first = makePaperInput({ id: "2509.00031", title: "Quokka census" });
      await store.upsertPapers([first, makePaperInput({ id: "2509.00032", title: "Wombat census" })], {
        bulkLoad: true,
      });
      await store.upsertPapers(
        [{ ...first, title: "Numbat census", versions: [{ version: 2, createdAt: null }] }],
        { bulkLoad: true },
      );
      await store.finishBulkLoad();
      expect(await hits("census")).toHaveLength(2);
      expect(await hits("numbat")).toEqual(["2509.00031"]);
      expect(await hits("quokka")).toEqual([]);
    });

    it("never starts a bulk load on a store that already has papers", async () => {
      await store.upsertPapers([makePaperInput({ id: "2509.00041" })]);
      expect(await store.beginBulkLoad()).toBe(false);
    });

    it("resumes a bulk load that was never finished, as an import killed mid-way does", async () => {
      expect(await store.beginBulkLoad()).toBe(true);
      await store.upsertPapers([makePaperInput({ id: "2509.00051", title: "Echidna census" })], {
        bulkLoad: true,
      });
      expect(await store.beginBulkLoad()).toBe(true);
      await store.upsertPapers([makePaperInput({ id: "2509.00052", title: "Echidna survey" })], {
        bulkLoad: true,
      });
      await store.finishBulkLoad();
      expect((await hits("echidna")).sort()).toEqual(["2509.00051", "2509.00052"]);
      expect(await store.beginBulkLoad()).toBe(false);
    });
  });

  describe(`PaperStore contract, staleness: ${name}`, () => {
    let store: PaperStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const rule: StaleRule = {
      listedSince: "2025-09-08",
      fetchedBefore: "2025-09-09T00:00:00.000Z",
      limit: 100,
    };
    const onDay = (id: string, day: string, overrides: Partial<PaperInput> = {}) =>
      makePaperInput({ id, listingDay: day, ...overrides });
    /** A version announced (a replace entry) whose date no full record has brought yet. */
    const replaced = (id: string, day: string) =>
      onDay(id, day, {
        versions: [
          { version: 1, createdAt: "2024-01-02T00:00:00.000Z" },
          { version: 2, createdAt: null },
        ],
      });

    it("finds recent papers never fetched or fetched too long ago, and replaced papers, replaced first", async () => {
      await store.upsertPapers([
        onDay("2509.00001", "2025-09-10"),
        onDay("2509.00002", "2025-09-12"),
        onDay("2509.00003", "2025-09-01"),
        replaced("2401.00004", "2024-01-03"),
        onDay("2401.00005", "2024-01-03"),
      ]);
      await store.upsertPapers([onDay("2509.00006", "2025-09-11")], {
        fetchedAt: "2025-09-10T00:00:00.000Z",
      });
      await store.upsertPapers([onDay("2509.00007", "2025-09-11")], {
        fetchedAt: "2025-09-01T00:00:00.000Z",
      });
      await store.upsertPapers([replaced("2401.00008", "2024-01-03")], {
        fetchedAt: "2025-09-10T00:00:00.000Z",
      });

      expect(await store.staleIds(rule)).toEqual(["2401.00004", "2509.00002", "2509.00007", "2509.00001"]);
      expect(await store.staleIds({ ...rule, limit: 2 })).toEqual(["2401.00004", "2509.00002"]);
    });

    it("stamps every paper of a fetched batch, unchanged ones included, and never unstamps one", async () => {
      const paper = onDay("2509.00011", "2025-09-10");
      await store.upsertPapers([paper]);
      expect(await store.staleIds(rule)).toEqual(["2509.00011"]);

      expect(await store.upsertPapers([paper], { fetchedAt: "2025-09-10T00:00:00.000Z" })).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
      });
      expect(await store.staleIds(rule)).toEqual([]);

      await store.upsertPapers([{ ...paper, title: "Revised from a file" }]);
      expect(await store.staleIds(rule)).toEqual([]);
    });

    it("takes a replaced paper off the list once a full record dates its new version", async () => {
      await store.upsertPapers([replaced("2401.00021", "2024-01-03")]);
      expect(await store.staleIds(rule)).toEqual(["2401.00021"]);
      const dated = onDay("2401.00021", "2024-01-03", {
        versions: [
          { version: 1, createdAt: "2024-01-02T00:00:00.000Z" },
          { version: 2, createdAt: "2025-09-01T00:00:00.000Z" },
        ],
      });
      await store.upsertPapers([dated]);
      expect(await store.staleIds(rule)).toEqual([]);
    });
  });
}
