import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PaperStore } from "../../src/store/store.js";
import type { PaperVectorInput } from "../../src/store/vector-store.js";
import { makePaperInput } from "../support/paper-factory.js";

function vector(paperId: string, modelId: string, components: number[], scale = 0.01): PaperVectorInput {
  return { paperId, modelId, components: Int8Array.from(components), scale };
}

/** The vector half of the store contract: every PaperStore keeps dense vectors the same way. */
export function describeVectorStoreContract(name: string, openStore: () => Promise<PaperStore>): void {
  describe(`VectorStore contract: ${name}`, () => {
    let store: PaperStore;
    beforeEach(async () => {
      store = await openStore();
      await store.upsertPapers([
        makePaperInput({ id: "2509.00001", title: "First", abstract: "One." }),
        makePaperInput({ id: "2509.00002", title: "Second", abstract: "Two." }),
        makePaperInput({ id: "hep-th/9901001", title: "Third", abstract: "Three." }),
      ]);
    });
    afterEach(async () => {
      await store.close();
    });

    it("saves vectors and streams them back whole, in save order", async () => {
      await store.saveVectors([vector("2509.00002", "m1", [1, -2, 127], 0.5)]);
      await store.saveVectors([vector("hep-th/9901001", "m1", [-128, 0, 3])]);
      const all = await store.vectorsSince("m1", 0, 10);
      expect(all.map((v) => v.paperId)).toEqual(["2509.00002", "hep-th/9901001"]);
      expect([...all[0]!.components]).toEqual([1, -2, 127]);
      expect(all[0]!.scale).toBe(0.5);
      expect([...all[1]!.components]).toEqual([-128, 0, 3]);
      expect(all[1]!.seq).toBeGreaterThan(all[0]!.seq);
    });

    it("streams in batches after a seq, and a replaced vector comes again with a higher seq", async () => {
      await store.saveVectors([vector("2509.00001", "m1", [1]), vector("2509.00002", "m1", [2])]);
      const [first] = await store.vectorsSince("m1", 0, 1);
      expect(first?.paperId).toBe("2509.00001");
      const rest = await store.vectorsSince("m1", first!.seq, 10);
      expect(rest.map((v) => v.paperId)).toEqual(["2509.00002"]);
      await store.saveVectors([vector("2509.00001", "m1", [9])]);
      const later = await store.vectorsSince("m1", rest[0]!.seq, 10);
      expect(later.map((v) => [v.paperId, [...v.components]])).toEqual([["2509.00001", [9]]]);
    });

    it("keeps one vector per paper: a vector of another model replaces it, and only its model streams it", async () => {
      await store.saveVectors([vector("2509.00001", "old", [1]), vector("2509.00002", "old", [2])]);
      await store.saveVectors([vector("2509.00001", "new", [3])]);
      expect((await store.vectorsSince("old", 0, 10)).map((v) => v.paperId)).toEqual(["2509.00002"]);
      expect((await store.vectorsSince("new", 0, 10)).map((v) => v.paperId)).toEqual(["2509.00001"]);
    });

    it("lists papers lacking a vector of the current model, in id order and in pages", async () => {
      await store.saveVectors([vector("2509.00002", "m1", [1]), vector("2509.00001", "old", [1])]);
      const lacking = await store.papersLackingVectors("m1", null, 10);
      expect(lacking).toEqual([
        { id: "2509.00001", title: "First", abstract: "One." },
        { id: "hep-th/9901001", title: "Third", abstract: "Three." },
      ]);
      expect(await store.countPapersLackingVectors("m1")).toBe(2);
      expect((await store.papersLackingVectors("m1", null, 1)).map((p) => p.id)).toEqual(["2509.00001"]);
      expect((await store.papersLackingVectors("m1", "2509.00001", 10)).map((p) => p.id)).toEqual([
        "hep-th/9901001",
      ]);
      expect(await store.countPapersLackingVectors("other")).toBe(3);
    });

    it("reads chosen papers' vectors of one model, in the order asked, leaving out papers without one", async () => {
      await store.saveVectors([
        vector("2509.00001", "m1", [1, 2], 0.25),
        vector("2509.00002", "old", [3, 4]),
        vector("hep-th/9901001", "m1", [-5, 6]),
      ]);
      const found = await store.vectorsOf("m1", ["hep-th/9901001", "2509.99999", "2509.00002", "2509.00001"]);
      expect(found.map((v) => [v.paperId, [...v.components], v.scale])).toEqual([
        ["hep-th/9901001", [-5, 6], 0.01],
        ["2509.00001", [1, 2], 0.25],
      ]);
      expect(await store.vectorsOf("m1", [])).toEqual([]);
    });

    it("reads a period's vectors of one model, most upvoted first, then the newest id, up to a limit", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.00010", listingDay: "2025-09-01", upvotes: 5 }),
        makePaperInput({ id: "2509.00011", listingDay: "2025-09-02", upvotes: 9 }),
        makePaperInput({ id: "2509.00012", listingDay: "2025-09-03", upvotes: 5 }),
        makePaperInput({ id: "2509.00013", listingDay: "2025-09-04", upvotes: 7 }),
        makePaperInput({ id: "2508.00014", listingDay: "2025-08-31", upvotes: 99 }),
      ]);
      await store.saveVectors([
        vector("2509.00010", "m1", [1, 0], 0.5),
        vector("2509.00011", "m1", [0, 1]),
        vector("2509.00012", "m1", [1, 1]),
        vector("2509.00013", "old", [2, 2]),
        vector("2508.00014", "m1", [3, 3]),
      ]);
      const period = await store.vectorsListedBetween("m1", "2025-09-01", "2025-09-30", 10);
      expect(period.map((v) => [v.paperId, [...v.components]])).toEqual([
        ["2509.00011", [0, 1]],
        ["2509.00012", [1, 1]],
        ["2509.00010", [1, 0]],
      ]);
      expect(period[2]!.scale).toBe(0.5);
      expect(
        (await store.vectorsListedBetween("m1", "2025-09-01", "2025-09-30", 2)).map((v) => v.paperId),
      ).toEqual(["2509.00011", "2509.00012"]);
      expect(await store.vectorsListedBetween("m1", "2025-10-01", "2025-10-31", 10)).toEqual([]);
    });

    it("skips vectors of papers it does not have", async () => {
      await store.saveVectors([vector("2509.99999", "m1", [1]), vector("2509.00001", "m1", [1])]);
      expect((await store.vectorsSince("m1", 0, 10)).map((v) => v.paperId)).toEqual(["2509.00001"]);
    });

    it("drops a paper's vector when its title or abstract changes, and keeps it otherwise", async () => {
      await store.saveVectors([vector("2509.00001", "m1", [1]), vector("2509.00002", "m1", [2])]);
      await store.upsertPapers([
        makePaperInput({
          id: "2509.00001",
          title: "First, revised",
          abstract: "One.",
          versions: [{ version: 2, createdAt: null }],
        }),
        makePaperInput({ id: "2509.00002", title: "Second", abstract: "Two.", upvotes: 5 }),
      ]);
      expect((await store.papersLackingVectors("m1", null, 10)).map((p) => p.id)).toEqual([
        "2509.00001",
        "hep-th/9901001",
      ]);
    });

    it("reads several papers at once, in the order asked, leaving out unknown ids", async () => {
      const papers = await store.getPapers(["hep-th/9901001", "2509.99999", "2509.00001"]);
      expect(papers.map((p) => p.id)).toEqual(["hep-th/9901001", "2509.00001"]);
      expect(papers[0]?.title).toBe("Third");
      expect(await store.getPapers([])).toEqual([]);
    });

    it("reads the titles of several papers at once, leaving out unknown ids", async () => {
      const titles = await store.titlesOf(["hep-th/9901001", "2509.99999", "2509.00001"]);
      expect(titles).toEqual(
        new Map([
          ["hep-th/9901001", "Third"],
          ["2509.00001", "First"],
        ]),
      );
      expect(await store.titlesOf([])).toEqual(new Map());
    });
  });
}
