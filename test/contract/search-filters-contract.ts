import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Paper, PaperInput } from "../../src/core/paper.js";
import { matchesFilters, type SearchSort } from "../../src/core/search-filters.js";
import { holdsLiterals, parseSearchQuery, splitHighlights } from "../../src/core/search-query.js";
import type { PaperStore } from "../../src/store/store.js";
import { makePaperInput } from "../support/paper-factory.js";

/** The last list holds "ada" and "lovelace", but not in one author: `author:"ada lovelace"` must not match it. */
const AUTHORS = [
  ["Jürgen Müller", "Ada Lovelace"],
  ["Ada Byron"],
  ["Alan Turing", "Grace Hopper"],
  [],
  ["Ada Turing", "Mary Lovelace"],
];
const CATEGORIES = [["cs.LG", "stat.ML"], ["cs.CV"], ["math.AG"], ["hep-th"], ["astro-ph"], ["astro-ph.CO"]];
const TOPICS = ["graph networks", "attention heads", "sparse graph attention"];

/** Thirty papers whose authors, categories, days, votes and topics vary independently. */
function corpus(): PaperInput[] {
  return Array.from({ length: 30 }, (_, index) => {
    const authors = AUTHORS[index % AUTHORS.length] as string[];
    return makePaperInput({
      id: `2401.${String(index + 1).padStart(5, "0")}`,
      title: `On ${TOPICS[index % TOPICS.length]} number ${index}`,
      abstract: `We study ${TOPICS[(index + 1) % TOPICS.length]} at scale.`,
      authors,
      authorCount: authors.length,
      categories: CATEGORIES[index % CATEGORIES.length] as string[],
      listingDay: `2024-0${1 + (index % 4)}-${String(10 + (index % 7)).padStart(2, "0")}`,
      upvotes: (index * 7) % 11,
    });
  });
}

/** Search filters and sort orders: every store must agree with the reference rule in the core. */
export function describeSearchFiltersContract(name: string, openStore: () => Promise<PaperStore>): void {
  describe(`search filters contract: ${name}`, () => {
    let store: PaperStore;
    beforeEach(async () => {
      store = await openStore();
      await store.upsertPapers(corpus());
    });
    afterEach(async () => {
      await store.close();
    });

    async function allIds(text: string, sort?: SearchSort): Promise<string[]> {
      const result = await store.search({ query: parseSearchQuery(text), sort, limit: 100, offset: 0 });
      expect(result.total).toBe(result.hits.length);
      return result.hits.map((hit) => hit.paper.id);
    }

    it.each([
      "graph cat:cs",
      "graph cat:cs.LG cat:hep-th",
      "attention cat:astro-ph",
      "graph author:muller",
      'attention author:"ada lovelace"',
      'author:"ada lovelace"',
      "author:lovelace author:turing",
      "graph author:ada author:turing",
      "graph after:2024-02 before:2024-04",
      "attention year:2024 cat:math.AG",
      "cat:cs.CV",
      "author:hopper after:2024-03-12",
      "year:2023",
    ])("returns exactly the papers the reference rule accepts for %s", async (text) => {
      const query = parseSearchQuery(text);
      const words = query.terms;
      const stored = await Promise.all(corpus().map((input) => store.getPaper(input.id)));
      const expected = stored
        .filter((paper) => paper !== null && matchesFilters(paper, query.filters))
        .filter((paper) => words.every((word) => `${paper?.title} ${paper?.abstract}`.includes(word)))
        .map((paper) => paper?.id);
      expect((await allIds(text)).sort()).toEqual(expected.sort());
    });

    it.each(["cat:cs -networks", "year:2024 -sparse -quokka", "after:2024-03 -heads"])(
      "leaves the excluded words' papers out of a filter-only search and its month counts: %s",
      async (text) => {
        const query = parseSearchQuery(text);
        const stored = await Promise.all(corpus().map((input) => store.getPaper(input.id)));
        const expected = stored.filter(
          (paper) =>
            paper !== null &&
            matchesFilters(paper, query.filters) &&
            query.excluded.every((word) => !`${paper.title} ${paper.abstract}`.includes(word)),
        );
        expect(expected.length).toBeGreaterThan(0);
        expect((await allIds(text)).sort()).toEqual(expected.map((paper) => paper?.id).sort());
        for (const sort of ["date", "upvotes"] as const) {
          expect((await allIds(text, sort)).sort()).toEqual(expected.map((paper) => paper?.id).sort());
        }
        const counted = (await store.searchMonthCounts(query)).months;
        expect(counted.reduce((sum, month) => sum + month.papers, 0)).toBe(expected.length);
      },
    );

    it("matches C++, C# and F# as written, not every paper with the letter, in search, ranking and month counts", async () => {
      const languages = [
        makePaperInput({ id: "2402.00001", title: "Fast C++ templates", abstract: "Compile-time code." }),
        makePaperInput({ id: "2402.00002", title: "A compiler", abstract: "Written in c++, tested in C#." }),
        makePaperInput({ id: "2402.00003", title: "A C# compiler", abstract: "Roslyn code." }),
        makePaperInput({ id: "2402.00004", title: "Vitamin C intake", abstract: "Section C code." }),
        makePaperInput({ id: "2402.00005", title: "Functional F# code", abstract: "Type providers." }),
        makePaperInput({ id: "2402.00006", title: "Code in C", abstract: "Plain C, not C + + nor C #." }),
      ];
      await store.upsertPapers(languages);
      const expected = (text: string) =>
        languages
          .filter((paper) => {
            const query = parseSearchQuery(text);
            const words = `${paper.title} ${paper.abstract}`.toLowerCase();
            return holdsLiterals(paper, query) && query.terms.every((term) => words.includes(term));
          })
          .map((paper) => paper.id)
          .sort();
      for (const text of ["C++", "c#", "F#", "C++ code", "code -C#", "C# cat:cs.LG", "C++ C#"]) {
        const ids = await allIds(text);
        expect(ids.sort(), text).toEqual(expected(text));
        expect((await allIds(text, "date")).sort(), text).toEqual(expected(text));
        const ranked = await store.rankMatches(parseSearchQuery(text), 100);
        expect(ranked.matches.map((match) => match.paperId).sort(), text).toEqual(expected(text));
        const months = (await store.searchMonthCounts(parseSearchQuery(text))).months;
        expect(
          months.reduce((sum, month) => sum + month.papers, 0),
          text,
        ).toBe(expected(text).length);
      }
      expect(expected("C++")).toEqual(["2402.00001", "2402.00002"]);
      expect(expected("code -C#")).toEqual(["2402.00001", "2402.00004", "2402.00005", "2402.00006"]);
      expect(await allIds("C++ C#")).toEqual(["2402.00002"]);
    });

    it("finds names with letters decomposition keeps whole (Ł, ø, ß) however they are typed", async () => {
      await store.upsertPapers([
        makePaperInput({ id: "2403.00001", title: "Sparse codes", authors: ["Łukasz Kaiser", "Jens Øster"] }),
        makePaperInput({ id: "2403.00002", title: "Dense codes", authors: ["Lukasz Kaiser"] }),
        makePaperInput({ id: "2403.00003", title: "Long codes", authors: ["Anna Straße"] }),
        makePaperInput({ id: "2403.00004", title: "Short codes", authors: ["Luke Kaiserin"] }),
      ]);
      const both = ["2403.00001", "2403.00002"];
      for (const text of [
        "author:lukasz",
        'author:"Łukasz Kaiser"',
        'author:"lukasz kaiser"',
        "codes author:łukasz",
      ]) {
        expect((await allIds(text)).sort(), text).toEqual(both);
      }
      expect(await allIds("author:oster")).toEqual(["2403.00001"]);
      expect(await allIds("author:ØSTER")).toEqual(["2403.00001"]);
      expect(await allIds("author:strasse")).toEqual(["2403.00003"]);
      expect(await allIds("author:straße")).toEqual(["2403.00003"]);
      // A plain word or phrase finds either spelling, however it is typed.
      for (const text of ["lukasz", "łukasz", "ŁUKASZ", '"łukasz kaiser"', "codes łukasz"]) {
        expect((await allIds(text)).sort(), text).toEqual(both);
        const ranked = await store.rankMatches(parseSearchQuery(text), 10);
        expect(ranked.matches.map((match) => match.paperId).sort(), text).toEqual(both);
      }
      expect(await allIds("øster")).toEqual(["2403.00001"]);
      expect((await allIds("codes -łukasz")).sort()).toEqual(["2403.00003", "2403.00004"]);
    });

    it("orders the same matches by relevance, date or upvotes", async () => {
      const byDate = await store.search({
        query: parseSearchQuery("graph"),
        sort: "date",
        limit: 100,
        offset: 0,
      });
      const days = byDate.hits.map((hit) => hit.paper.day);
      expect(days).toEqual([...days].sort().reverse());
      const byVotes = await store.search({
        query: parseSearchQuery("graph"),
        sort: "upvotes",
        limit: 100,
        offset: 0,
      });
      const votes = byVotes.hits.map((hit) => hit.paper.upvotes);
      expect(votes).toEqual([...votes].sort((a, b) => b - a));
      const byRelevance = await store.search({ query: parseSearchQuery("graph"), limit: 100, offset: 0 });
      expect(new Set(byRelevance.hits.map((hit) => hit.paper.id))).toEqual(
        new Set(byDate.hits.map((hit) => hit.paper.id)),
      );
      const highlighted = splitHighlights(byRelevance.hits[0]?.titleHighlighted ?? "");
      expect(highlighted.filter((segment) => segment.matched).map((segment) => segment.text)).toEqual([
        "graph",
      ]);
    });

    it("lists a filter-only search newest first, paged, with the abstract's opening as snippet", async () => {
      const first = await store.search({ query: parseSearchQuery("cat:cs"), limit: 4, offset: 0 });
      const second = await store.search({ query: parseSearchQuery("cat:cs"), limit: 4, offset: 4 });
      expect(first.total).toBe(10);
      const days = [...first.hits, ...second.hits].map((hit) => hit.paper.day);
      expect(days).toEqual([...days].sort().reverse());
      expect(first.hits[0]?.abstractSnippet).toMatch(/^We study/);
    });

    it("pages a category by date or votes in one order, ties to the newer paper, none past the end", async () => {
      const stored = (await store.getPapers(corpus().map((input) => input.id))).filter((paper) =>
        paper.categories.some((code) => code.startsWith("cs.")),
      );
      const newer = (a: Paper, b: Paper) => b.day.localeCompare(a.day) || b.id.localeCompare(a.id);
      const expected = {
        date: [...stored].sort(newer).map((paper) => paper.id),
        upvotes: [...stored].sort((a, b) => b.upvotes - a.upvotes || newer(a, b)).map((paper) => paper.id),
      };
      expect(stored.length).toBe(10);
      for (const sort of ["date", "upvotes"] as const) {
        const pages = await Promise.all(
          [0, 4, 8, 12].map((offset) =>
            store.search({ query: parseSearchQuery("cat:cs"), sort, limit: 4, offset }),
          ),
        );
        expect(pages.map((page) => page.total)).toEqual([10, 10, 10, 10]);
        expect(pages.flatMap((page) => page.hits.map((hit) => hit.paper.id))).toEqual(expected[sort]);
        expect(pages[3]?.hits).toEqual([]);
      }
    });
  });
}
