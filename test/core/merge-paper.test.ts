import { describe, expect, it } from "vitest";
import {
  mergePaper,
  paperDay,
  samePaper,
  toPaper,
  withEarliestListingDay,
} from "../../src/core/merge-paper.js";
import { makePaperInput } from "../support/paper-factory.js";

describe("paperDay", () => {
  it("prefers the listing day, then the v1 date, then the id's month", () => {
    expect(paperDay(makePaperInput({ listingDay: "2025-09-11" }))).toBe("2025-09-11");
    expect(paperDay(makePaperInput({ listingDay: null, publishedAt: "2025-09-10T23:00:00Z" }))).toBe(
      "2025-09-10",
    );
    expect(
      paperDay(makePaperInput({ id: "2504.05410", listingDay: null, publishedAt: null, versions: [] })),
    ).toBe("2025-04-01");
  });
});

describe("mergePaper", () => {
  const stored = toPaper(
    makePaperInput({
      id: "2509.00001",
      title: "v1 title",
      comments: "8 pages",
      upvotes: 4,
      versions: [{ version: 1, createdAt: "2025-09-01T00:00:00Z" }],
    }),
  );

  it("takes the metadata of a newer version and unions the versions", () => {
    const merged = mergePaper(
      stored,
      makePaperInput({
        id: "2509.00001",
        title: "v2 title",
        comments: null,
        versions: [{ version: 2, createdAt: null }],
      }),
    );
    expect(merged.title).toBe("v2 title");
    expect(merged.comments).toBe("8 pages");
    expect(merged.versions).toEqual([
      { version: 1, createdAt: "2025-09-01T00:00:00Z" },
      { version: 2, createdAt: null },
    ]);
    expect(merged.latestVersion).toBe(2);
  });

  it("keeps a first version's time against the same day without one, in either order", () => {
    const precise = makePaperInput({
      id: "0704.0001",
      versions: [{ version: 1, createdAt: "2007-04-02T19:18:42.000Z" }],
      publishedAt: "2007-04-02T19:18:42.000Z",
    });
    // arXiv's OAI-PMH format dates the first version by its day alone.
    const dayOnly = makePaperInput({
      id: "0704.0001",
      versions: [{ version: 1, createdAt: "2007-04-02T00:00:00.000Z" }],
      publishedAt: "2007-04-02T00:00:00.000Z",
    });
    const harvested = mergePaper(toPaper(precise), dayOnly);
    expect(harvested.publishedAt).toBe("2007-04-02T19:18:42.000Z");
    expect(samePaper(harvested, toPaper(precise))).toBe(true);
    const imported = mergePaper(toPaper(dayOnly), precise);
    expect(imported.publishedAt).toBe("2007-04-02T19:18:42.000Z");
    expect(imported.versions).toEqual([{ version: 1, createdAt: "2007-04-02T19:18:42.000Z" }]);
    // A day-only date of an earlier day is earlier all the same.
    const earlierDay = makePaperInput({ id: "0704.0001", publishedAt: "2007-04-01T00:00:00.000Z" });
    expect(mergePaper(toPaper(precise), earlierDay).publishedAt).toBe("2007-04-01T00:00:00.000Z");
  });

  it("keeps the stored metadata against an older version", () => {
    const v2 = mergePaper(
      stored,
      makePaperInput({ id: "2509.00001", title: "v2", versions: [{ version: 2, createdAt: null }] }),
    );
    expect(mergePaper(v2, makePaperInput({ id: "2509.00001", title: "v1 again" })).title).toBe("v2");
  });

  it("never lowers upvotes and keeps the earliest listing day", () => {
    const merged = mergePaper(
      stored,
      makePaperInput({ id: "2509.00001", upvotes: 1, listingDay: "2025-09-01" }),
    );
    expect(merged.upvotes).toBe(4);
    expect(merged.listingDay).toBe("2025-09-01");
    expect(merged.day).toBe("2025-09-01");
  });

  it("recognises an unchanged paper whatever the key order", () => {
    const reordered = Object.fromEntries(Object.entries(stored).reverse()) as typeof stored;
    expect(samePaper(stored, reordered)).toBe(true);
    expect(samePaper(stored, { ...stored, upvotes: 5 })).toBe(false);
    expect(samePaper(stored, { ...stored, authors: [...stored.authors].reverse() })).toBe(false);
    expect(samePaper(stored, { ...stored, versions: [{ version: 1, createdAt: null }] })).toBe(false);
    expect(samePaper(stored, { ...stored, categories: [...stored.categories, "cs.AI"] })).toBe(false);
    expect(samePaper(stored, mergePaper(stored, makePaperInput({ ...stored, id: "2509.00001" })))).toBe(true);
  });
});

describe("withEarliestListingDay", () => {
  it("takes the store's listing day when it is earlier or the input has none, and keeps the input's otherwise", () => {
    const input = makePaperInput({ listingDay: "2025-09-12" });
    expect(withEarliestListingDay(input, "2025-09-11").listingDay).toBe("2025-09-11");
    expect(withEarliestListingDay(input, "2025-09-13")).toBe(input);
    expect(withEarliestListingDay(input, undefined)).toBe(input);
    expect(withEarliestListingDay({ ...input, listingDay: null }, "2025-09-13").listingDay).toBe(
      "2025-09-13",
    );
  });
});
