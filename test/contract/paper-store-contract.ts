import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  parseSearchQuery,
  splitHighlights,
} from "../../src/core/search-query.js";
import type { PaperStore } from "../../src/store/store.js";
import { makePaperInput } from "../support/paper-factory.js";

/** A paper listed on `day` with `upvotes`: the month-count tests' corpus. */
function datedPaper(id: string, day: string, title: string, upvotes: number, extra = {}) {
  return makePaperInput({ id, title, abstract: "Plain.", listingDay: day, upvotes, ...extra });
}

/** The behaviour every PaperStore must have, whatever database is behind it. */
export interface ContractStoreOptions {
  rankingLimit?: number;
}

export function describePaperStoreContract(
  name: string,
  openStore: (options?: ContractStoreOptions) => Promise<PaperStore>,
): void {
  describe(`PaperStore contract: ${name}`, () => {
    let store: PaperStore;
    beforeEach(async () => {
      store = await openStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it("inserts papers and reads them back whole", async () => {
      const input = makePaperInput({ id: "2509.09672", comments: "12 pages", doi: "10.1/x", upvotes: 3 });
      expect(await store.upsertPapers([input])).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      const paper = await store.getPaper("2509.09672");
      expect(paper).toEqual({ ...input, day: "2025-09-11", latestVersion: 1 });
      expect(await store.getPaper("2509.00000")).toBeNull();
      expect(await store.countPapers()).toBe(1);
    });

    it("stores old-style ids with a slash", async () => {
      await store.upsertPapers([makePaperInput({ id: "hep-th/9901001", listingDay: "1999-01-04" })]);
      expect((await store.getPaper("hep-th/9901001"))?.day).toBe("1999-01-04");
    });

    it("counts a second identical write as unchanged", async () => {
      const input = makePaperInput();
      await store.upsertPapers([input]);
      expect(await store.upsertPapers([input])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    });

    it("updates to a newer version and keeps the version history", async () => {
      const v1 = makePaperInput({ id: "2509.11111", title: "Old title" });
      await store.upsertPapers([v1]);
      const v2 = makePaperInput({
        id: "2509.11111",
        title: "New title",
        versions: [{ version: 2, createdAt: "2025-10-01T00:00:00.000Z" }],
      });
      expect(await store.upsertPapers([v2])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      const paper = await store.getPaper("2509.11111");
      expect(paper?.title).toBe("New title");
      expect(paper?.latestVersion).toBe(2);
      expect(paper?.versions.map((v) => v.version)).toEqual([1, 2]);
      const older = makePaperInput({ id: "2509.11111", title: "Stale title" });
      await store.upsertPapers([older]);
      expect((await store.getPaper("2509.11111"))?.title).toBe("New title");
    });

    it("keeps author names when a source without authors writes the same paper", async () => {
      await store.upsertPapers([makePaperInput({ id: "2509.22222" })]);
      await store.upsertPapers([makePaperInput({ id: "2509.22222", authors: [], authorCount: null })]);
      expect((await store.getPaper("2509.22222"))?.authors).toEqual(["Ada Lovelace", "Alan Turing"]);
    });

    it("settles after two sources of the same version, whatever the order they are read again", async () => {
      const daily = makePaperInput({ id: "2509.12121", title: "Title as listed", comments: "ICLR" });
      const crawl = makePaperInput({
        id: "2509.12121",
        title: "Title  as crawled",
        authors: [],
        authorCount: null,
      });
      await store.upsertPapers([daily]);
      await store.upsertPapers([crawl]);
      expect(await store.upsertPapers([daily])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await store.upsertPapers([crawl])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
      expect(await store.getPaper("2509.12121")).toMatchObject({
        title: "Title as listed",
        comments: "ICLR",
      });
    });

    it("handles the same id twice in one batch", async () => {
      const result = await store.upsertPapers([
        makePaperInput({ id: "2509.33333" }),
        makePaperInput({ id: "2509.33333", versions: [{ version: 2, createdAt: null }], title: "Second" }),
      ]);
      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
      expect((await store.getPaper("2509.33333"))?.title).toBe("Second");
    });

    it("moves papers to their earliest listing day, whichever arrives first", async () => {
      await store.addListings([{ day: "2025-09-12", paperId: "2509.44444" }]);
      await store.upsertPapers([makePaperInput({ id: "2509.44444", listingDay: null })]);
      expect((await store.getPaper("2509.44444"))?.day).toBe("2025-09-12");
      const moved = await store.addListings([
        { day: "2025-09-11", paperId: "2509.44444" },
        { day: "2025-09-15", paperId: "2509.44444" },
      ]);
      expect(moved).toEqual({ added: 2, papersMoved: 1 });
      expect((await store.getPaper("2509.44444"))?.day).toBe("2025-09-11");
      expect(await store.addListings([{ day: "2025-09-11", paperId: "2509.44444" }])).toEqual({
        added: 0,
        papersMoved: 0,
      });
    });

    it("lists a period by upvotes (ties newer first) or by date, paged", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.00001", listingDay: "2025-09-10", upvotes: 5 }),
        makePaperInput({ id: "2509.00002", listingDay: "2025-09-11", upvotes: 9 }),
        makePaperInput({
          id: "2509.00003",
          listingDay: "2025-09-11",
          upvotes: 5,
          publishedAt: "2025-09-11T00:00:00.000Z",
        }),
        makePaperInput({ id: "2509.00004", listingDay: "2025-09-20", upvotes: 100 }),
      ]);
      const byVotes = await store.listPapers({
        from: "2025-09-10",
        to: "2025-09-11",
        sort: "upvotes",
        limit: 10,
        offset: 0,
      });
      expect(byVotes.total).toBe(3);
      expect(byVotes.papers.map((p) => p.id)).toEqual(["2509.00002", "2509.00003", "2509.00001"]);
      const byDate = await store.listPapers({
        from: "2025-09-01",
        to: "2025-09-30",
        sort: "date",
        limit: 2,
        offset: 1,
      });
      expect(byDate.total).toBe(4);
      expect(byDate.papers.map((p) => p.id)).toEqual(["2509.00003", "2509.00002"]);
    });

    it("puts papers without a v1 date after dated ones of the same votes, then newer ids first", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.00011", publishedAt: null, versions: [] }),
        makePaperInput({ id: "2509.00012", publishedAt: null, versions: [] }),
        makePaperInput({ id: "2509.00010", publishedAt: "2025-09-01T00:00:00.000Z" }),
      ]);
      const page = await store.listPapers({
        from: "2025-09-11",
        to: "2025-09-11",
        sort: "upvotes",
        limit: 10,
        offset: 0,
      });
      expect(page.papers.map((p) => p.id)).toEqual(["2509.00010", "2509.00012", "2509.00011"]);
    });

    it("pages through a month of tied votes in one order, the total on every page, none past the end", async () => {
      // Nine papers over three days: votes tie across days, dates tie within a vote count, some lack one.
      const papers = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) =>
        makePaperInput({
          id: `2509.0010${n}`,
          listingDay: `2025-09-${10 + (n % 3)}`,
          upvotes: n % 2 === 0 ? 4 : 1,
          publishedAt: n % 4 === 0 ? null : `2025-09-0${1 + (n % 2)}T00:00:00.000Z`,
          versions: [],
        }),
      );
      await store.upsertPapers([...papers, makePaperInput({ id: "2510.00001", listingDay: "2025-10-01" })]);
      const month = { from: "2025-09-01", to: "2025-09-30" };
      const expected = {
        upvotes: ["2509.00106", "2509.00102", "2509.00108", "2509.00104"].concat([
          "2509.00109",
          "2509.00107",
          "2509.00105",
          "2509.00103",
          "2509.00101",
        ]),
        date: ["2509.00105", "2509.00102", "2509.00108", "2509.00107", "2509.00101", "2509.00104"].concat([
          "2509.00109",
          "2509.00103",
          "2509.00106",
        ]),
      };
      for (const sort of ["upvotes", "date"] as const) {
        const pages = [];
        for (const offset of [0, 4, 8, 12]) {
          const page = await store.listPapers({ ...month, sort, limit: 4, offset });
          expect(page.total).toBe(9);
          pages.push(page.papers.map((p) => p.id));
        }
        expect(pages.map((ids) => ids.length)).toEqual([4, 4, 1, 0]);
        expect(pages.flat()).toEqual(expected[sort]);
      }
    });

    it("lists an empty range as no papers and a total of 0", async () => {
      await store.upsertPapers([makePaperInput({ listingDay: "2025-09-11" })]);
      for (const sort of ["upvotes", "date"] as const)
        expect(
          await store.listPapers({ from: "2025-09-12", to: "2025-09-30", sort, limit: 30, offset: 0 }),
        ).toEqual({ papers: [], total: 0 });
    });

    it("finds the latest day and the neighbouring days that have papers", async () => {
      expect(await store.latestDay()).toBeNull();
      await store.upsertPapers([
        makePaperInput({ listingDay: "2025-09-01" }),
        makePaperInput({ listingDay: "2025-09-05" }),
        makePaperInput({ listingDay: "2025-09-09" }),
      ]);
      expect(await store.latestDay()).toBe("2025-09-09");
      expect(await store.neighbourDays("2025-09-05")).toEqual({ previous: "2025-09-01", next: "2025-09-09" });
      expect(await store.neighbourDays("2025-09-07")).toEqual({ previous: "2025-09-05", next: "2025-09-09" });
      expect(await store.neighbourDays("2025-09-01")).toEqual({ previous: null, next: "2025-09-05" });
    });

    it("counts a search's matches and their upvotes per month over the whole corpus", async () => {
      await store.upsertPapers([
        datedPaper("2507.00001", "2025-07-02", "Diffusion for images", 3),
        datedPaper("2507.00002", "2025-07-30", "Diffusion on graphs", 4, { categories: ["math.PR"] }),
        datedPaper("2509.00003", "2025-09-01", "Diffusion models, again", 0),
        datedPaper("2509.00004", "2025-09-11", "Unrelated sorting", 9),
        datedPaper("2509.00005", "2025-09-12", "Graph sorting", 1, { authors: ["Grace Hopper"] }),
      ]);
      const months = async (text: string) => (await store.searchMonthCounts(parseSearchQuery(text))).months;
      expect(await store.searchMonthCounts(parseSearchQuery("diffusion"))).toEqual({
        months: [
          { month: "2025-07", papers: 2, upvotes: 7 },
          { month: "2025-09", papers: 1, upvotes: 0 },
        ],
        truncated: false,
      });
      expect(await months("diffusion cat:cs.LG")).toEqual([
        { month: "2025-07", papers: 1, upvotes: 3 },
        { month: "2025-09", papers: 1, upvotes: 0 },
      ]);
      // Filters alone, and any word when no paper has them all, as search does.
      expect(await months("author:hopper")).toEqual([{ month: "2025-09", papers: 1, upvotes: 1 }]);
      expect(await months("graphs zebra")).toEqual([
        { month: "2025-07", papers: 1, upvotes: 4 },
        { month: "2025-09", papers: 1, upvotes: 1 },
      ]);
      expect(await months("nothing-matches-this")).toEqual([]);
    });

    it("keeps the papers holding every quoted phrase and none of the excluded words, stemmed as search matches", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.70001", title: "Masked diffusion models", abstract: "Tokens." }),
        makePaperInput({ id: "2509.70002", title: "Diffusion of masked tokens", abstract: "Text." }),
        makePaperInput({ id: "2509.70003", title: "Masked diffusion for images", abstract: "Pixels." }),
        makePaperInput({ id: "2509.70004", title: "Masking diffusion", abstract: "Audio." }),
      ]);
      const ids = ["2509.70004", "2509.70003", "2509.70002", "2509.70001", "2509.79999"];
      const keep = (text: string) => store.keepPhrasesAndExclusions(parseSearchQuery(text), ids);
      // "masking" and "masked" share a stem, as they do for word matches; -image leaves out "images".
      expect(await keep('"masked diffusion" -image')).toEqual(["2509.70004", "2509.70001"]);
      expect(await keep('"masked diffusion"')).toEqual(["2509.70004", "2509.70003", "2509.70001"]);
      expect(await keep("diffusion -image -text")).toEqual(["2509.70004", "2509.70001"]);
      // No phrase and no exclusion: every paper asked about, unknown ids too, as given.
      expect(await keep("diffusion")).toEqual(ids);
      expect(await store.keepPhrasesAndExclusions(parseSearchQuery('"masked diffusion"'), [])).toEqual([]);
    });

    it("counts the months in the same pass when a search or a ranking asks for them", async () => {
      const limited = await openStore({ rankingLimit: 3 });
      try {
        await limited.upsertPapers([
          datedPaper("2507.00001", "2025-07-02", "Diffusion for images", 3),
          datedPaper("2507.00002", "2025-07-30", "Diffusion on graphs", 4, { categories: ["math.PR"] }),
          datedPaper("2508.00003", "2025-08-01", "Diffusion models, again", 0),
          datedPaper("2509.00004", "2025-09-11", "Diffusion and sorting", 9),
          datedPaper("2509.00005", "2025-09-12", "Graph sorting", 1, { authors: ["Grace Hopper"] }),
        ]);
        // Words alone, words with a filter, any word when none has them all, filters alone (past the
        // ranking limit or not, with excluded words), no match.
        for (const text of [
          "diffusion",
          "diffusion cat:cs.LG",
          "graphs zebra",
          "author:hopper",
          "cat:cs",
          "cat:math.PR year:2025",
          "cat:cs -sorting",
          "zebra",
        ]) {
          const query = parseSearchQuery(text);
          const expected = await limited.searchMonthCounts(query);
          for (const sort of ["relevance", "date", "upvotes"] as const) {
            const searched = await limited.search({ query, sort, limit: 2, offset: 0, monthCounts: true });
            expect({ text, sort, counts: searched.monthCounts }).toEqual({ text, sort, counts: expected });
          }
          const pastTheEnd = await limited.search({ query, limit: 2, offset: 10, monthCounts: true });
          expect({ text, counts: pastTheEnd.monthCounts }).toEqual({ text, counts: expected });
          const ranked = await limited.rankMatches(query, 2, { monthCounts: true });
          expect({ text, counts: ranked.monthCounts }).toEqual({ text, counts: expected });
        }
        // Past the ranking limit: the newest three of four matches, and truncated.
        expect(
          (await limited.rankMatches(parseSearchQuery("diffusion"), 1, { monthCounts: true })).monthCounts,
        ).toEqual({
          months: [
            { month: "2025-07", papers: 1, upvotes: 4 },
            { month: "2025-08", papers: 1, upvotes: 0 },
            { month: "2025-09", papers: 1, upvotes: 9 },
          ],
          truncated: true,
        });
        // Not asked: not counted.
        expect(
          (await limited.search({ query: parseSearchQuery("diffusion"), limit: 2, offset: 0 })).monthCounts,
        ).toBeUndefined();
        expect((await limited.rankMatches(parseSearchQuery("diffusion"), 2)).monthCounts).toBeUndefined();
      } finally {
        await limited.close();
      }
    });

    it("counts only the newest matches per month past the ranking limit, and says so", async () => {
      const limited = await openStore({ rankingLimit: 2 });
      try {
        await limited.upsertPapers([
          makePaperInput({ id: "2507.00001", title: "Common words", listingDay: "2025-07-02" }),
          makePaperInput({ id: "2508.00002", title: "Common words", listingDay: "2025-08-04" }),
          makePaperInput({ id: "2509.00003", title: "Common words", listingDay: "2025-09-01", upvotes: 2 }),
        ]);
        expect(await limited.searchMonthCounts(parseSearchQuery("common"))).toEqual({
          months: [
            { month: "2025-08", papers: 1, upvotes: 0 },
            { month: "2025-09", papers: 1, upvotes: 2 },
          ],
          truncated: true,
        });
        expect((await limited.searchMonthCounts(parseSearchQuery("cat:cs.LG"))).truncated).toBe(true);
      } finally {
        await limited.close();
      }
    });

    it("searches title, abstract and authors, ranked, with highlights", async () => {
      await store.upsertPapers([
        makePaperInput({
          id: "2509.50001",
          title: "Locality in diffusion models",
          abstract: "Images and pixels.",
        }),
        makePaperInput({
          id: "2509.50002",
          title: "Graph networks",
          abstract: "Locality matters for diffusion on graphs.",
        }),
        makePaperInput({
          id: "2509.50003",
          title: "Unrelated",
          abstract: "Nothing here.",
          authors: ["Grace Hopper"],
        }),
      ]);
      const result = await store.search({
        query: parseSearchQuery("diffusion locality"),
        limit: 10,
        offset: 0,
      });
      expect(result.total).toBe(2);
      expect(result.hits.map((hit) => hit.paper.id)).toEqual(["2509.50001", "2509.50002"]);
      const marked = splitHighlights(result.hits[0]!.titleHighlighted).filter((s) => s.matched);
      expect(marked.map((s) => s.text)).toEqual(["Locality", "diffusion"]);
      expect(
        splitHighlights(result.hits[1]!.abstractSnippet).some((s) => s.matched && s.text === "Locality"),
      ).toBe(true);

      const byAuthor = await store.search({ query: parseSearchQuery("hopper"), limit: 10, offset: 0 });
      expect(byAuthor.hits.map((hit) => hit.paper.id)).toEqual(["2509.50003"]);
    });

    it("marks a title's words as FTS5 does: a phrase as one span where it occurs whole, words joined by punctuation", async () => {
      await store.upsertPapers([
        makePaperInput({
          id: "2509.50101",
          title: "Language models: large language models for LLMs/VLMs in vision-language tasks",
          abstract: "Large language models.",
          authors: ["Ada Lovelace"],
        }),
      ]);
      const marksOf = async (text: string) => {
        const query = parseSearchQuery(text);
        const [hit] = (await store.search({ query, limit: 1, offset: 0 })).hits;
        const [highlighted] = await store.highlightPapers(query, ["2509.50101"]);
        const marks = (title: string) =>
          splitHighlights(title)
            .filter((s) => s.matched)
            .map((s) => s.text);
        expect(marks(highlighted!.titleHighlighted)).toEqual(marks(hit!.titleHighlighted));
        return marks(hit!.titleHighlighted);
      };
      expect(await marksOf('"large language models"')).toEqual(["large language models"]);
      expect(await marksOf('"large language" model')).toEqual(["models", "large language", "models"]);
      expect(await marksOf("vlms language")).toEqual(["Language", "language", "VLMs", "language"]);
      expect(await marksOf('author:"Ada Lovelace" tasks')).toEqual(["tasks"]);
    });

    it("cuts an abstract's snippet as FTS5's snippet() does: 40 words, a sentence's start, ellipses", async () => {
      const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
      await store.upsertPapers([
        makePaperInput({
          id: "2509.50201",
          title: "Snippets",
          abstract: `${filler(30)}. Then comes the okapi sentence, ${filler(12)} okapi again. ${filler(40)}.`,
        }),
        makePaperInput({
          id: "2509.50202",
          title: "Short",
          abstract: `Only (okapi) here, in-line: okapi/zebra.`,
        }),
      ]);
      const hits = (await store.search({ query: parseSearchQuery("okapi"), limit: 5, offset: 0 })).hits;
      const snippets = new Map(hits.map((hit) => [hit.paper.id, hit.abstractSnippet]));
      const mark = (word: string) => `${HIGHLIGHT_START}${word}${HIGHLIGHT_END}`;
      expect(snippets.get("2509.50201")).toBe(
        `…Then comes the ${mark("okapi")} sentence, ${filler(12)} ${mark("okapi")} again. ${filler(21)}…`,
      );
      expect(snippets.get("2509.50202")).toBe(
        `Only (${mark("okapi")}) here, in-line: ${mark("okapi")}/zebra.`,
      );
    });

    it("stems words, matches phrases, excludes terms and falls back to any word", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.60001", title: "Training large models", abstract: "Efficient training." }),
        makePaperInput({ id: "2509.60002", title: "Models that are large", abstract: "Trained slowly." }),
      ]);
      const stemmed = await store.search({ query: parseSearchQuery("trains"), limit: 10, offset: 0 });
      expect(stemmed.total).toBe(2);
      const phrase = await store.search({ query: parseSearchQuery('"large models"'), limit: 10, offset: 0 });
      expect(phrase.hits.map((hit) => hit.paper.id)).toEqual(["2509.60001"]);
      const excluded = await store.search({
        query: parseSearchQuery("models -efficient"),
        limit: 10,
        offset: 0,
      });
      expect(excluded.hits.map((hit) => hit.paper.id)).toEqual(["2509.60002"]);
      const anyWord = await store.search({
        query: parseSearchQuery("efficient zebra"),
        limit: 10,
        offset: 0,
      });
      expect(anyWord.hits.map((hit) => hit.paper.id)).toEqual(["2509.60001"]);
    });

    it("weighs a rare word above a common one, as BM25's inverse document frequency does", async () => {
      await store.upsertPapers([
        // The common word in a short title and abstract; the rare one once, in a long abstract.
        makePaperInput({ id: "2509.61001", title: "Learning", abstract: "Learning." }),
        makePaperInput({
          id: "2509.61002",
          title: "Vision transformers for images at scale",
          abstract:
            "Patches of images attend to each other; we study locality in such models across many sizes.",
        }),
        ...Array.from({ length: 8 }, (_, i) =>
          makePaperInput({ id: `2509.6101${i}`, title: `Learning topic ${i}`, abstract: "Other." }),
        ),
      ]);
      // No paper has both words: any word counts, and the rare one decides.
      const result = await store.search({
        query: parseSearchQuery("learning locality"),
        limit: 3,
        offset: 0,
      });
      expect(result.hits[0]?.paper.id).toBe("2509.61002");
      const ranked = await store.rankMatches(parseSearchQuery("learning locality"), 3);
      expect(ranked.matches[0]?.paperId).toBe("2509.61002");
    });

    it("weighs repeated words and document length as BM25 does, against the corpus's mean length", async () => {
      const filler = "Field notes on grassland birds, weather and the seasons of the open plains this year.";
      await store.upsertPapers([
        // Three mentions in an abstract of about the mean length outweigh one in a very short one:
        // BM25's tf saturates slowly and its length penalty is linear in length over the mean
        // (ts_rank's saturates at once and divides by the log of the length: it ranks them the other way).
        makePaperInput({
          id: "2509.62001",
          title: "Field notes one",
          abstract: "A zebra crossed the river. Another zebra followed. The zebra herd rested.",
          authors: [],
        }),
        makePaperInput({ id: "2509.62002", title: "Field notes two", abstract: "Zebra.", authors: [] }),
        ...Array.from({ length: 6 }, (_, i) =>
          makePaperInput({ id: `2509.6201${i}`, title: `Field notes ${i}`, abstract: filler, authors: [] }),
        ),
      ]);
      const result = await store.search({ query: parseSearchQuery("zebra"), limit: 10, offset: 0 });
      expect(result.hits.map((hit) => hit.paper.id)).toEqual(["2509.62001", "2509.62002"]);
    });

    it("measures a paper's length in words as FTS5 does, counting words joined by punctuation", async () => {
      await store.upsertPapers([
        // Seven words to FTS5 (four of them hyphenated into one), against the other's six: the shorter
        // ranks first. Counted by whitespace, the hyphenated one would be the shorter (four against six).
        makePaperInput({
          id: "2509.63201",
          title: "Okapi ranking",
          abstract: "Encoder-decoder-style-models work.",
          authors: [],
        }),
        makePaperInput({
          id: "2509.63202",
          title: "Okapi ranking",
          abstract: "Plain models work here.",
          authors: [],
        }),
      ]);
      const result = await store.search({ query: parseSearchQuery("okapi"), limit: 10, offset: 0 });
      expect(result.hits.map((hit) => hit.paper.id)).toEqual(["2509.63202", "2509.63201"]);
    });

    it("matches every word of the query, common ones included, before falling back to any word", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.63001", title: "Large language models", abstract: "Scaling." }),
        makePaperInput({ id: "2509.63002", title: "Very large language models", abstract: "Scaling." }),
      ]);
      const result = await store.search({
        query: parseSearchQuery("very large models"),
        limit: 10,
        offset: 0,
      });
      expect(result.hits.map((hit) => hit.paper.id)).toEqual(["2509.63002"]);
    });

    it("finds words joined by punctuation (slashes, dots, versions) as the separate words they are", async () => {
      await store.upsertPapers([
        makePaperInput({
          id: "2509.63101",
          title: "Encoder/decoder models, e.g. Qwen2.5-14B",
          abstract:
            "Fine-tuned and/or distilled in 2-7 steps, v2.0 at 10.4x speed, x<sup>2</sup>; see foo.bar@example.org.",
        }),
        makePaperInput({ id: "2509.63102", title: "Plain text", abstract: "Nothing joined here." }),
      ]);
      for (const text of [
        "decoder",
        "encoder decoder",
        '"encoder decoder"',
        "qwen2 14b",
        '"qwen2 5 14b"',
        "distilled or",
        "v2 0",
        "4x",
        "7 steps",
        "sup",
        "e g",
        "bar example",
      ]) {
        const result = await store.search({ query: parseSearchQuery(text), limit: 5, offset: 0 });
        expect({ text, ids: result.hits.map((hit) => hit.paper.id) }).toEqual({ text, ids: ["2509.63101"] });
      }
    });

    it("treats engine syntax in queries as plain words", async () => {
      await store.upsertPapers([makePaperInput({ title: "AND OR NOT NEAR" })]);
      for (const text of [
        '"unbalanced',
        "AND OR (",
        "title:* ^x",
        "NEAR(a b)",
        "'; DROP TABLE papers; --",
        "*",
      ]) {
        const result = await store.search({ query: parseSearchQuery(text), limit: 5, offset: 0 });
        expect(result.total).toBeGreaterThanOrEqual(0);
      }
      expect(await store.countPapers()).toBe(1);
    });

    it("ranks only the newest matches of a query broader than the ranking limit", async () => {
      const limited = await openStore({ rankingLimit: 3 });
      try {
        const ids = ["1501.00001", "2001.00001", "2509.00001", "hep-th/9901001", "2412.00001"];
        await limited.upsertPapers(ids.map((id) => makePaperInput({ id, title: "Common words" })));
        const broad = await limited.search({ query: parseSearchQuery("common"), limit: 10, offset: 0 });
        expect(broad.truncated).toBe(true);
        expect(broad.total).toBe(3);
        expect(broad.hits.map((hit) => hit.paper.id).sort()).toEqual([
          "2001.00001",
          "2412.00001",
          "2509.00001",
        ]);
        const narrow = await limited.search({ query: parseSearchQuery("zebra"), limit: 10, offset: 0 });
        expect(narrow).toEqual({ hits: [], total: 0, truncated: false });
      } finally {
        await limited.close();
      }
    });

    it("ranks matches as ids and scores only, in search's order, with its filters and fallbacks", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.51001", title: "Sparse attention", abstract: "Attention, sparse." }),
        makePaperInput({ id: "2509.51002", title: "Dense models", abstract: "Sparse attention helps." }),
        makePaperInput({
          id: "hep-th/9901002",
          title: "Strings",
          abstract: "Sparse attention in physics.",
          categories: ["hep-th"],
          listingDay: "1999-01-04",
        }),
        makePaperInput({ id: "2509.51003", title: "Attention only", abstract: "Nothing sparse is said." }),
      ]);
      for (const text of ["sparse attention", "attention -physics", "sparse cat:hep-th", "sparse zebra"]) {
        const query = parseSearchQuery(text);
        const searched = await store.search({ query, limit: 10, offset: 0 });
        const ranked = await store.rankMatches(query, 10);
        expect(ranked.matches.map((m) => m.paperId)).toEqual(searched.hits.map((hit) => hit.paper.id));
        expect(ranked.matches.map((m) => m.score)).toEqual(searched.hits.map((hit) => hit.score));
        expect([ranked.total, ranked.truncated]).toEqual([searched.total, searched.truncated]);
      }
      const top = await store.rankMatches(parseSearchQuery("sparse attention"), 2);
      expect(top.matches).toHaveLength(2);
      expect(top.total).toBe(4);
      expect(top.matches[0]!.score).toBeGreaterThanOrEqual(top.matches[1]!.score);
      expect(await store.rankMatches(parseSearchQuery("cat:cs.LG"), 10)).toEqual({
        matches: [],
        total: 0,
        truncated: false,
        everyWord: true,
      });
    });

    it("highlights the papers asked for, in the order asked, leaving out those that do not match", async () => {
      await store.upsertPapers([
        makePaperInput({
          id: "2509.52001",
          title: "Locality in vision",
          abstract: "Convolutions are local.",
        }),
        makePaperInput({ id: "2509.52002", title: "Global mixing", abstract: "Locality is lost here." }),
        makePaperInput({ id: "2509.52003", title: "Unrelated", abstract: "Nothing here." }),
      ]);
      const query = parseSearchQuery("locality vision");
      const hits = await store.highlightPapers(query, [
        "2509.52002",
        "2509.52003",
        "2509.99999",
        "2509.52001",
      ]);
      expect(hits.map((hit) => hit.paper.id)).toEqual(["2509.52002", "2509.52001"]);
      expect(hits[1]!.paper.title).toBe("Locality in vision");
      const titleMarks = splitHighlights(hits[1]!.titleHighlighted).filter((s) => s.matched);
      expect(titleMarks.map((s) => s.text)).toEqual(["Locality", "vision"]);
      expect(splitHighlights(hits[0]!.abstractSnippet).some((s) => s.matched && s.text === "Locality")).toBe(
        true,
      );
      expect(await store.highlightPapers(query, [])).toEqual([]);
      expect(await store.highlightPapers(parseSearchQuery("cat:cs.LG"), ["2509.52001"])).toEqual([]);
      const asked = ["2509.52003", "2509.52002", "2509.99999", "2509.52001"];
      expect(await store.holdingWords(query, asked, false)).toEqual(["2509.52002", "2509.52001"]);
      expect(await store.holdingWords(query, asked, true)).toEqual(["2509.52001"]);
      expect(await store.holdingWords(parseSearchQuery("vision"), asked, false)).toEqual(["2509.52001"]);
      expect(await store.holdingWords(query, [], true)).toEqual([]);
      expect(await store.holdingWords(parseSearchQuery("cat:cs.LG"), asked, false)).toEqual([]);
      // rankMatches says which of the two its matches hold: every word, or any where none holds them all.
      expect((await store.rankMatches(query, 10)).everyWord).toBe(true);
      const fallback = await store.rankMatches(parseSearchQuery("locality zebra"), 10);
      expect({ total: fallback.total, everyWord: fallback.everyWord }).toEqual({
        total: 2,
        everyWord: false,
      });
    });

    it("re-indexes the text of an updated paper", async () => {
      await store.upsertPapers([makePaperInput({ id: "2509.70001", title: "Quantum widgets" })]);
      await store.upsertPapers([
        makePaperInput({
          id: "2509.70001",
          title: "Classical gadgets",
          versions: [{ version: 2, createdAt: null }],
        }),
      ]);
      expect((await store.search({ query: parseSearchQuery("widgets"), limit: 5, offset: 0 })).total).toBe(0);
      expect((await store.search({ query: parseSearchQuery("gadgets"), limit: 5, offset: 0 })).total).toBe(1);
    });

    it("pages through all papers in id order", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2509.80003" }),
        makePaperInput({ id: "2509.80001" }),
        makePaperInput({ id: "2509.80002" }),
      ]);
      const first = await store.papersAfter(null, 2);
      expect(first.map((p) => p.id)).toEqual(["2509.80001", "2509.80002"]);
      expect((await store.papersAfter("2509.80002", 2)).map((p) => p.id)).toEqual(["2509.80003"]);
    });

    it("saves a live source's position with a batch, or on its own", async () => {
      expect(await store.getSourceState("oai:cs")).toBeNull();
      await store.upsertPapers([makePaperInput()], { sourceState: { key: "oai:cs", value: "2025-09-11" } });
      expect(await store.getSourceState("oai:cs")).toBe("2025-09-11");
      await store.addListings([{ day: "2025-09-12", paperId: "2509.99998" }], {
        sourceState: { key: "oai:cs", value: "2025-09-12" },
      });
      expect(await store.getSourceState("oai:cs")).toBe("2025-09-12");
      await store.saveSourceState({ key: "oai:cs", value: "2025-09-13" });
      expect(await store.getSourceState("oai:cs")).toBe("2025-09-13");
      expect(await store.getSourceState("oai:math")).toBeNull();
    });

    it("writes a batch and its checkpoint together or not at all", async () => {
      const broken = { ...makePaperInput(), id: "not an arXiv id" };
      await expect(
        store.upsertPapers([makePaperInput({ id: "2509.77777" }), broken], {
          checkpoint: { key: "file-b", line: 2, rejected: 0 },
        }),
      ).rejects.toThrow();
      expect(await store.getCheckpoint("file-b")).toBeNull();
      expect(await store.getPaper("2509.77777")).toBeNull();
    });

    it("gives each occurrence of a scheduled job to one claimant only, even to concurrent ones", async () => {
      const due = "2025-09-12T00:30:00.000Z";
      const claims = await Promise.all(
        Array.from({ length: 8 }, () => store.claimScheduledRun("daily ingest", due)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await store.claimScheduledRun("daily ingest", "2025-09-13T00:30:00.000Z")).toBe(true);
      expect(await store.claimScheduledRun("digest", due)).toBe(true);
      expect(await store.claimScheduledRun("daily ingest", due)).toBe(false);
    });

    it("records live source runs, updates them by id and lists the newest first", async () => {
      const run = {
        id: "run-1",
        source: "harvest:arXiv:cs",
        startedAt: "2025-09-11T20:00:00.000Z",
        finishedAt: null,
        status: "running" as const,
        summary: {},
        error: null,
      };
      await store.recordIngestRun(run);
      await store.recordIngestRun({ ...run, id: "run-2", startedAt: "2025-09-12T20:00:00.000Z" });
      await store.recordIngestRun({
        ...run,
        finishedAt: "2025-09-11T20:05:00.000Z",
        status: "failed",
        summary: { pages: 3, records: 2000 },
        error: "GET … failed after 5 attempts",
      });
      const runs = await store.recentIngestRuns(10);
      expect(runs.map((r) => r.id)).toEqual(["run-2", "run-1"]);
      expect(runs[1]).toEqual({
        ...run,
        finishedAt: "2025-09-11T20:05:00.000Z",
        status: "failed",
        summary: { pages: 3, records: 2000 },
        error: "GET … failed after 5 attempts",
      });
      expect(await store.recentIngestRuns(1)).toHaveLength(1);
    });

    it("counts papers per day and per primary category per day", async () => {
      await store.upsertPapers([
        makePaperInput({ listingDay: "2025-09-10", categories: ["cs.LG", "cs.AI"] }),
        makePaperInput({ listingDay: "2025-09-10", categories: ["cs.CV"] }),
        makePaperInput({ listingDay: "2025-09-10", categories: ["cs.LG"] }),
        makePaperInput({ listingDay: "2025-09-12", categories: [] }),
        makePaperInput({ listingDay: "2025-09-20", categories: ["cs.LG"] }),
      ]);
      expect(await store.papersPerDay("2025-09-10", "2025-09-15")).toEqual([
        { day: "2025-09-10", papers: 3 },
        { day: "2025-09-12", papers: 1 },
      ]);
      expect(await store.papersPerCategoryDay("2025-09-10", "2025-09-15")).toEqual([
        { day: "2025-09-10", category: "cs.CV", papers: 1 },
        { day: "2025-09-10", category: "cs.LG", papers: 2 },
        { day: "2025-09-12", category: "", papers: 1 },
      ]);
    });

    it("saves a checkpoint, with the lines rejected so far, with the batch that ends at it and clears it", async () => {
      expect(await store.getCheckpoint("file-a")).toBeNull();
      await store.upsertPapers([makePaperInput()], {
        checkpoint: { key: "file-a", line: 2000, rejected: 0 },
      });
      expect(await store.getCheckpoint("file-a")).toEqual({ line: 2000, rejected: 0 });
      await store.addListings([{ day: "2025-09-11", paperId: "2509.99999" }], {
        checkpoint: { key: "file-a", line: 4000, rejected: 3 },
      });
      expect(await store.getCheckpoint("file-a")).toEqual({ line: 4000, rejected: 3 });
      await store.clearCheckpoint("file-a");
      expect(await store.getCheckpoint("file-a")).toBeNull();
    });
  });
}
