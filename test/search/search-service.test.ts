import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NO_FILTERS } from "../../src/core/search-filters.js";
import { parseSearchQuery, splitHighlights } from "../../src/core/search-query.js";
import { embedMissingPapers } from "../../src/search/embed-papers.js";
import { DEFAULT_FUSION } from "../../src/search/fusion.js";
import { LiveVectorIndex } from "../../src/search/live-index.js";
import {
  MAX_RANKED_DEPTH,
  rankingBands,
  type SearchOptions,
  SearchService,
} from "../../src/search/search-service.js";
import { openSqliteStore } from "../../src/store/sqlite/sqlite-store.js";
import type { PaperStore } from "../../src/store/store.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { semanticOver } from "../support/semantic.js";

/** The test model reads "transformer" as "attention": the second paper matches "attention" by meaning only. */
const PAPERS = [
  makePaperInput({
    id: "2509.00001",
    title: "Sparse attention for long documents",
    abstract: "Sparse attention patterns let a transformer read long documents.",
    upvotes: 1,
    listingDay: "2025-09-01",
  }),
  makePaperInput({
    id: "2509.00002",
    title: "Transformer language models",
    abstract: "A transformer with sparse patterns reads long documents quickly.",
    upvotes: 9,
    listingDay: "2025-09-03",
    categories: ["cs.CL"],
  }),
  makePaperInput({
    id: "2509.00003",
    title: "Protein folding with diffusion",
    abstract: "Diffusion models predict protein structure.",
    upvotes: 5,
    listingDay: "2025-09-02",
    categories: ["q-bio.BM"],
  }),
];

const PAGE: SearchOptions = { mode: "hybrid", sort: "relevance", limit: 10, offset: 0 };

describe("SearchService", () => {
  let store: PaperStore;
  let service: SearchService;
  let index: LiveVectorIndex;
  const embedder = new HashedEmbedder({
    vocabulary:
      "sparse attention transformer long documents patterns read reads protein folding diffusion models predict structure language quickly".split(
        " ",
      ),
    synonyms: { transformer: "attention" },
  });

  /** The store's papers embedded, in an exact index caught up with them. */
  async function embeddedIndex(papers: PaperStore): Promise<LiveVectorIndex> {
    await embedMissingPapers(papers, embedder);
    const exact = new LiveVectorIndex(papers, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    await exact.catchUp();
    return exact;
  }

  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.upsertPapers(PAPERS);
    index = await embeddedIndex(store);
    service = new SearchService(
      store,
      { embedder, index },
      {
        denseWeight: 0.5,
        minCoverage: 0.5,
        depth: 100,
        titleWeight: 0,
        titlePower: 1,
        titleWordWeight: 0,
        titleQueryWords: { full: 6, none: 12 },
        titleDepth: 100,
      },
    );
  });
  afterEach(async () => {
    await store.close();
  });

  it("gives the query's matches per month when asked, in every mode and sort, as the store counts them", async () => {
    for (const text of ["sparse attention", "attention cat:cs.CL", "cat:cs.CL", "zebra"]) {
      const query = parseSearchQuery(text);
      const expected = await store.searchMonthCounts(query);
      for (const mode of ["lexical", "semantic", "hybrid"] as const) {
        for (const sort of ["relevance", "date"] as const) {
          const result = await service.search(query, { ...PAGE, mode, sort, monthCounts: true });
          expect({ text, mode, sort, counts: result.monthCounts }).toEqual({
            text,
            mode,
            sort,
            counts: expected,
          });
        }
      }
      expect((await service.search(query, PAGE)).monthCounts).toBeUndefined();
    }
    expect((await store.searchMonthCounts(parseSearchQuery("sparse attention"))).months).toEqual([
      { month: "2025-09", papers: 1, upvotes: 1 },
    ]);
  });

  it("lexical mode returns the store's BM25 hits only", async () => {
    const result = await service.search(parseSearchQuery("attention"), { ...PAGE, mode: "lexical" });
    expect(result.mode).toBe("lexical");
    expect(result.hits.map((h) => h.paper.id)).toEqual(["2509.00001"]);
    expect(result.hits[0]?.foundBy).toBe("words");
  });

  it("hybrid mode adds papers found by meaning, after the word matches, with related terms", async () => {
    const result = await service.search(parseSearchQuery("attention long documents"), PAGE);
    expect(result.mode).toBe("hybrid");
    const ids = result.hits.map((h) => h.paper.id);
    expect(ids[0]).toBe("2509.00001");
    expect(ids).toContain("2509.00002");
    const lexical = await service.search(parseSearchQuery("attention"), PAGE);
    const meaningOnly = lexical.hits.find((h) => h.paper.id === "2509.00002");
    expect(meaningOnly?.foundBy).toBe("meaning");
    expect(meaningOnly?.relatedTerms[0]).toBe("transformer");
    expect(meaningOnly?.titleHighlighted).toBe("Transformer language models");
  });

  it("hybrid mode marks the matched words of the hits it shows, as lexical search does", async () => {
    const query = parseSearchQuery("attention long documents");
    const lexical = await service.search(query, { ...PAGE, mode: "lexical" });
    const hybrid = await service.search(query, PAGE);
    const wordHit = hybrid.hits.find((h) => h.paper.id === "2509.00001")!;
    expect(wordHit.foundBy).toBe("both");
    expect(wordHit.titleHighlighted).toBe(lexical.hits[0]!.titleHighlighted);
    expect(wordHit.abstractSnippet).toBe(lexical.hits[0]!.abstractSnippet);
    const marked = splitHighlights(wordHit.titleHighlighted).filter((s) => s.matched);
    expect(marked.map((s) => s.text)).toEqual(["attention", "long", "documents"]);
  });

  it("semantic mode ranks by vector similarity alone", async () => {
    const result = await service.search(parseSearchQuery("protein structure prediction"), {
      ...PAGE,
      mode: "semantic",
    });
    expect(result.mode).toBe("semantic");
    expect(result.hits[0]?.paper.id).toBe("2509.00003");
    expect(result.hits[0]?.foundBy).toBe("meaning");
  });

  it("ignores the dense side when the model knows too few of the query's words", async () => {
    const result = await service.search(parseSearchQuery("attention zymogen kinase phosphorylation"), PAGE);
    expect(result.hits.map((h) => h.paper.id)).toEqual(["2509.00001"]);
  });

  it("applies filters and exclusions to dense candidates too", async () => {
    const query = parseSearchQuery("sparse transformer documents");
    const inCl = await service.search(
      { ...query, filters: { ...NO_FILTERS, categories: ["cs.CL"] } },
      { ...PAGE, mode: "semantic" },
    );
    expect(inCl.hits.map((h) => h.paper.id)).toEqual(["2509.00002"]);
    const excluded = await service.search(parseSearchQuery("sparse transformer documents -quickly"), {
      ...PAGE,
      mode: "semantic",
    });
    expect(excluded.hits.map((h) => h.paper.id)).not.toContain("2509.00002");
    const dated = await service.search(
      { ...query, filters: { ...NO_FILTERS, from: "2025-09-02", to: null } },
      { ...PAGE, mode: "semantic" },
    );
    expect(dated.hits.length).toBeGreaterThan(0);
    expect(dated.hits.every((h) => h.paper.day >= "2025-09-02")).toBe(true);
  });

  it("sorts fused results by relevance page by page, and every word match by upvotes or date", async () => {
    const query = parseSearchQuery("sparse attention documents");
    const second = await service.search(query, { ...PAGE, limit: 1, offset: 1 });
    const all = await service.search(query, PAGE);
    expect(second.hits.map((h) => h.paper.id)).toEqual([all.hits[1]?.paper.id]);
    // A date or upvote order lists the word matches as lexical search does, the same on every page.
    for (const sort of ["upvotes", "date"] as const) {
      const lexical = await service.search(query, { ...PAGE, mode: "lexical", sort });
      const hybrid = await service.search(query, { ...PAGE, sort });
      expect(hybrid.mode).toBe("hybrid");
      expect(hybrid.hits.map((h) => h.paper.id)).toEqual(lexical.hits.map((h) => h.paper.id));
      const pages = await Promise.all(
        lexical.hits.map((_, offset) => service.search(query, { ...PAGE, sort, limit: 1, offset })),
      );
      expect(pages.map((page) => page.hits[0]?.paper.id)).toEqual(lexical.hits.map((h) => h.paper.id));
    }
    const byDate = await service.search(query, { ...PAGE, sort: "date" });
    const days = byDate.hits.map((h) => h.paper.day);
    expect(days).toEqual([...days].sort().reverse());
  });

  it("lists a query of filters alone in every mode, with the title similarity on (a query has no words to fuse)", async () => {
    const titleEmbedder = new HashedEmbedder({ modelId: "test-titles" });
    const withTitleModel = new SearchService(store, { embedder, titleEmbedder, index }, DEFAULT_FUSION);
    const query = { ...parseSearchQuery(""), filters: { ...NO_FILTERS, categories: ["q-bio.BM"] } };
    for (const mode of ["hybrid", "semantic", "lexical"] as const) {
      const result = await withTitleModel.search(query, { ...PAGE, mode });
      expect(result.hits.map((h) => h.paper.id)).toEqual(["2509.00003"]);
    }
  });

  it("keeps papers found by meaning to the query's quoted phrases and exclusions, stemmed as word matches", async () => {
    const ids = async (text: string, mode: "semantic" | "hybrid") =>
      (await service.search(parseSearchQuery(text), { ...PAGE, mode })).hits
        .map((hit) => hit.paper.id)
        .sort();
    // "-document" leaves out "documents" (the first two papers), as a word match would.
    expect(await ids("attention -document", "semantic")).toEqual(["2509.00003"]);
    expect(await ids("transformer -document", "hybrid")).toEqual(["2509.00003"]);
    // Only the second paper holds the words "sparse patterns" side by side.
    expect(await ids('"sparse patterns"', "semantic")).toEqual(["2509.00002"]);
    expect(await ids('"sparse patterns" transformer', "hybrid")).toEqual(["2509.00002"]);
  });

  it("keeps papers found by meaning to the query's names with symbols (C++), held or left out", async () => {
    await store.upsertPapers([
      makePaperInput({
        id: "2509.00004",
        title: "Sparse attention kernels in C++",
        abstract: "Long documents, read quickly.",
        listingDay: "2025-09-04",
      }),
    ]);
    await embedMissingPapers(store, embedder);
    await index.catchUp();
    const ids = async (text: string, mode: "semantic" | "hybrid") =>
      (await service.search(parseSearchQuery(text), { ...PAGE, mode })).hits
        .map((hit) => hit.paper.id)
        .sort();
    expect(await ids("sparse attention documents", "semantic")).toContain("2509.00001");
    for (const mode of ["semantic", "hybrid"] as const) {
      expect(await ids("sparse attention documents C++", mode), mode).toEqual(["2509.00004"]);
      expect(await ids("sparse attention documents -C++", mode), mode).not.toContain("2509.00004");
      expect(await ids("sparse attention documents -C++", mode), mode).toContain("2509.00001");
    }
  });

  it("gives the same count of results on every page, however deep", async () => {
    const paging = new SearchService(store, { embedder, index }, { ...DEFAULT_FUSION, depth: 2 });
    const query = parseSearchQuery("attention");
    for (const mode of ["hybrid", "semantic"] as const) {
      const totals: number[] = [];
      for (const offset of [0, 1, 2, 50]) {
        totals.push((await paging.search(query, { ...PAGE, mode, limit: 1, offset })).total);
      }
      expect({ mode, totals }).toEqual({ mode, totals: totals.map(() => totals[0]) });
    }
  });

  it("counts each paper once, the same on every page, and its pages list exactly that many papers", async () => {
    // Holds "sparse" but not "long documents": for "sparse long documents" it is found by meaning alone.
    await store.upsertPapers([
      makePaperInput({
        id: "2509.00004",
        title: "Sparse kernels",
        abstract: "Sparse kernels on graphs.",
        listingDay: "2025-09-04",
      }),
    ]);
    await embedMissingPapers(store, embedder);
    await index.catchUp();
    for (const depth of [1, 2]) {
      const paging = new SearchService(
        store,
        { embedder, index },
        { ...DEFAULT_FUSION, depth, minCoverage: 0 },
      );
      for (const text of [
        "sparse",
        "sparse documents",
        "sparse long documents",
        "attention",
        "reads long documents",
      ]) {
        const query = parseSearchQuery(text);
        const listed: string[] = [];
        const totals = new Set<number>();
        for (let offset = 0; offset < PAPERS.length + 3; offset++) {
          const page = await paging.search(query, { ...PAGE, limit: 1, offset });
          totals.add(page.total);
          listed.push(...page.hits.map((hit) => hit.paper.id));
        }
        expect({ depth, text, totals: [...totals], listed: listed.length }).toEqual({
          depth,
          text,
          totals: [new Set(listed).size],
          listed: new Set(listed).size,
        });
      }
    }
  });

  it("reads the nearest papers for a filter only as far as its matches lie, finding the same papers", async () => {
    const words = ["sparse", "attention", "long", "documents", "protein", "diffusion", "graphs", "kernels"];
    await store.upsertPapers(
      Array.from({ length: 1_200 }, (_, i) =>
        makePaperInput({
          id: `2510.${String(i).padStart(5, "0")}`,
          title: `${words[i % 8]} ${words[(i >> 3) % 8]} ${words[(i >> 6) % 8]}`,
          abstract: `${words[(i * 7) % 8]} ${words[(i * 3) % 8]}.`,
          listingDay: "2025-10-01",
          categories: [i % 10 === 0 ? "cs.CL" : "cs.LG"],
        }),
      ),
    );
    await embedMissingPapers(store, embedder);
    await index.catchUp();
    let read = 0;
    const counting = Object.create(store) as PaperStore;
    counting.getPapers = (ids) => {
      read += ids.length;
      return store.getPapers(ids);
    };
    const filtered = new SearchService(counting, { embedder, index }, DEFAULT_FUSION);
    const idsFor = async (text: string) =>
      (await filtered.search(parseSearchQuery(text), { ...PAGE, mode: "semantic", limit: 100 })).hits.map(
        (hit) => hit.paper.id,
      );
    // Nine in ten pass cs.LG: the first 300 nearest hold the 100 it lists.
    const common = await idsFor("sparse attention documents cat:cs.LG");
    expect(read).toBeLessThanOrEqual(300 + 100);
    read = 0;
    // One in ten passes cs.CL: it reads down to the 1,000 nearest, as far as the over-fetch goes.
    const rare = await idsFor("sparse attention documents cat:cs.CL");
    expect(read).toBeGreaterThan(900);
    // The same papers as filtering the 1,000 nearest at once.
    const vector = embedder.embed("sparse attention documents");
    const nearest = index.nearest(vector, 1_000).map((n) => n.paperId);
    const papers = new Map((await store.getPapers(nearest)).map((paper) => [paper.id, paper]));
    const firstPassing = (category: string) =>
      nearest.filter((id) => papers.get(id)?.categories.includes(category)).slice(0, 100);
    expect([...common].sort()).toEqual([...firstPassing("cs.LG")].sort());
    expect([...rare].sort()).toEqual([...firstPassing("cs.CL")].sort());
  });

  it("ranks word matches no deeper than MAX_RANKED_DEPTH, however far the page, reading each depth once", async () => {
    const depths: number[] = [];
    const titleReads: number[] = [];
    const spied = Object.create(store) as PaperStore;
    spied.rankMatches = (query, limit, options) => {
      depths.push(limit);
      return store.rankMatches(query, limit, options);
    };
    spied.titlesOf = (ids) => {
      titleReads.push(ids.length);
      return store.titlesOf(ids);
    };
    const deep = new SearchService(spied, { embedder, index }, DEFAULT_FUSION);
    const query = parseSearchQuery("sparse attention documents");
    for (const mode of ["hybrid", "semantic"] as const) {
      const result = await deep.search(query, { ...PAGE, mode, limit: 100, offset: 999_900 });
      expect(result.hits).toEqual([]);
    }
    // The relevance bands down to the window's end (rankingBands), the word title match reading at least
    // titleDepth, and never deeper; bands reading equally deep share one read of the matches and titles.
    const distinct = [
      ...new Set(
        rankingBands(DEFAULT_FUSION.depth).map((depth) => Math.max(depth, DEFAULT_FUSION.titleDepth)),
      ),
    ];
    expect(depths).toEqual(distinct);
    expect(titleReads).toHaveLength(distinct.length);
    expect(Math.max(...depths)).toBe(MAX_RANKED_DEPTH);
  });

  it("counts word matches past the ranking window as word matches, not as papers found by meaning", async () => {
    const capped = openSqliteStore(":memory:", { rankingLimit: 3 });
    const proteins = Array.from({ length: 6 }, (_, i) =>
      makePaperInput({
        id: `2510.${String(20000 + i)}`,
        title: `Protein folding ${i}`,
        abstract: "Protein folding.",
      }),
    );
    const others = Array.from({ length: 4 }, (_, i) =>
      makePaperInput({
        id: `2510.${String(30000 + i)}`,
        title: `Diffusion ${i}`,
        abstract: "Diffusion models.",
      }),
    );
    await capped.upsertPapers([...proteins, ...others]);
    const counting = new SearchService(
      capped,
      { embedder, index: await embeddedIndex(capped) },
      { ...DEFAULT_FUSION, denseWeight: 0.5, minCoverage: 0.5, titleWeight: 0, titleWordWeight: 0 },
    );
    const result = await counting.search(parseSearchQuery("protein"), PAGE);
    // Three word matches counted (the window), and the four papers without the word found by meaning.
    expect(result).toMatchObject({ total: 3 + 4, truncated: true });
    await capped.close();
  });

  it("pages through a hybrid ranking showing every paper once, each page as the deeper pages rank it", async () => {
    // Forty papers hold the word, with scores set apart by how often: each a different blend of the two sides.
    const many = Array.from({ length: 40 }, (_, i) =>
      makePaperInput({
        id: `2510.${String(10000 + i)}`,
        title: `Protein study ${i}`,
        abstract: `${"protein ".repeat(1 + (i % 7))}folding ${"structure ".repeat(i % 5)}diffusion ${i}`,
      }),
    );
    await store.upsertPapers(many);
    await embedMissingPapers(store, embedder);
    await index.catchUp();
    const shallow = new SearchService(
      store,
      { embedder, index },
      {
        denseWeight: 0.5,
        minCoverage: 0.5,
        depth: 5,
        titleWeight: 0,
        titlePower: 1,
        titleWordWeight: 0,
        titleQueryWords: { full: 6, none: 12 },
        titleDepth: 5,
      },
    );
    const query = parseSearchQuery("protein structure");
    const seen: string[] = [];
    for (let offset = 0; offset < 60; offset += 4) {
      const result = await shallow.search(query, { ...PAGE, limit: 4, offset });
      seen.push(...result.hits.map((hit) => hit.paper.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const all = await shallow.search(query, { ...PAGE, limit: 60, offset: 0 });
    expect(seen).toEqual(all.hits.map((hit) => hit.paper.id));
    expect(all.total).toBe((await shallow.search(query, { ...PAGE, limit: 4, offset: 8 })).total);
  });

  it("falls back to lexical search while no vectors are indexed", async () => {
    const empty = new LiveVectorIndex(store, {
      modelId: "none",
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    const cold = new SearchService(store, { embedder, index: empty });
    const result = await cold.search(parseSearchQuery("attention"), { ...PAGE, mode: "semantic" });
    expect(result.mode).toBe("lexical");
    expect(await cold.similar("2509.00001", "relevance", 5)).toEqual([]);
  });

  it("finds similar papers, sortable, never the paper itself; null for an unknown paper", async () => {
    const similar = await service.similar("2509.00001", "relevance", 5);
    expect(similar?.[0]?.paper.id).toBe("2509.00002");
    expect(similar?.map((s) => s.paper.id)).not.toContain("2509.00001");
    const byUpvotes = await service.similar("2509.00001", "upvotes", 5);
    const upvotes = byUpvotes?.map((s) => s.paper.upvotes) ?? [];
    expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a));
    expect(await service.similar("2509.99999", "relevance", 5)).toBeNull();
  });

  it("finds the same similar papers for a paper already read", async () => {
    const paper = (await store.getPaper("2509.00001"))!;
    expect(await service.similarTo(paper, "upvotes", 5)).toEqual(
      await service.similar(paper.id, "upvotes", 5),
    );
    expect((await service.similarTo(paper, "relevance", 5)).map((s) => s.paper.id)).not.toContain(paper.id);
  });
});

describe("SearchService title similarity (known-item searches)", () => {
  /** BM25 prefers the first paper, which repeats the words; the second one has them in a shorter title. */
  const KNOWN = [
    makePaperInput({
      id: "2509.00011",
      title: "Sparse patterns of attention for long documents and memory",
      abstract: "Sparse patterns, sparse patterns and more sparse patterns across long documents.",
    }),
    makePaperInput({
      id: "2509.00012",
      title: "Sparse patterns in long documents",
      abstract: "We study the question again with new tools.",
    }),
  ];
  const embedder = new HashedEmbedder({
    vocabulary: "sparse patterns attention long documents memory study question tools".split(" "),
    synonyms: {},
  });
  /** The title model: its own space, in which a query is compared with each candidate's title. */
  const titleEmbedder = new HashedEmbedder({ modelId: "test-titles" });
  let store: PaperStore;
  let index: LiveVectorIndex;
  const fusion = (titleWeight: number) => ({
    denseWeight: 0,
    minCoverage: 0.5,
    depth: 30,
    titleWeight,
    titlePower: 1,
    titleWordWeight: 0,
    titleQueryWords: { full: 2, none: 4 },
    titleDepth: 30,
  });
  const withTitleWeight = (titleWeight: number) =>
    new SearchService(store, { embedder, titleEmbedder, index }, fusion(titleWeight));

  beforeEach(async () => {
    store = openSqliteStore(":memory:");
    await store.upsertPapers(KNOWN);
    await embedMissingPapers(store, embedder);
    index = new LiveVectorIndex(store, {
      modelId: embedder.modelId,
      dimensions: 256,
      kind: "exact",
      hnswFrom: 0,
    });
    await index.catchUp();
  });
  afterEach(async () => {
    await store.close();
  });

  it("ranks the paper whose title the query's words make up first, in hybrid mode only", async () => {
    const query = parseSearchQuery("sparse patterns");
    const lexical = await withTitleWeight(10).search(query, { ...PAGE, mode: "lexical" });
    expect(lexical.hits.map((h) => h.paper.id)).toEqual(["2509.00011", "2509.00012"]);
    const hybrid = await withTitleWeight(10).search(query, PAGE);
    expect(hybrid.hits.map((h) => h.paper.id)).toEqual(["2509.00012", "2509.00011"]);
    expect(hybrid.hits[0]?.foundBy).toBe("words");
    expect(splitHighlights(hybrid.hits[0]!.titleHighlighted).some((s) => s.matched)).toBe(true);
    const untitled = await withTitleWeight(0).search(query, PAGE);
    expect(untitled.hits.map((h) => h.paper.id)).toEqual(["2509.00011", "2509.00012"]);
  });

  it("boosts word matches only: a paper found by meaning alone keeps its blend", async () => {
    // Both models read "thin motifs" as "sparse patterns"; the paper holds neither word.
    const synonyms = { thin: "sparse", motifs: "patterns" };
    const meaning = new HashedEmbedder({ synonyms, modelId: "test-meaning" });
    const titles = new HashedEmbedder({ synonyms, modelId: "test-meaning-titles" });
    await store.upsertPapers([
      makePaperInput({ id: "2509.00013", title: "Thin motifs", abstract: "Thin motifs." }),
    ]);
    const service = new SearchService(
      store,
      { ...(await semanticOver(store, meaning)), titleEmbedder: titles },
      { ...fusion(10), denseWeight: 0.5 },
    );
    const hybrid = await service.search(parseSearchQuery("sparse patterns"), PAGE);
    const ids = hybrid.hits.map((h) => h.paper.id);
    expect(ids[0]).toBe("2509.00012");
    expect(ids).toContain("2509.00013");
    expect(hybrid.hits.find((h) => h.paper.id === "2509.00013")?.foundBy).toBe("meaning");
    expect(ids.indexOf("2509.00013")).toBeGreaterThan(ids.indexOf("2509.00011"));
  });

  it("ranks by BM25 without a title model when the word title match is off", async () => {
    const query = parseSearchQuery("sparse patterns");
    const withoutTitles = new SearchService(store, { embedder, index }, fusion(10));
    const hybrid = await withoutTitles.search(query, PAGE);
    expect(hybrid.hits.map((h) => h.paper.id)).toEqual(["2509.00011", "2509.00012"]);
  });

  it("ranks by the word title match first the title that holds the words with the fewest others, with or without a title model", async () => {
    const query = parseSearchQuery("sparse patterns");
    const wordsOnly = { ...fusion(0), titleWordWeight: 30 };
    for (const semantic of [
      { embedder, index },
      { embedder, titleEmbedder, index },
    ]) {
      const hybrid = await new SearchService(store, semantic, wordsOnly).search(query, PAGE);
      expect(hybrid.hits.map((h) => h.paper.id)).toEqual(["2509.00012", "2509.00011"]);
    }
    // A title holding one of the two words counts an eighth as much as one holding both.
    await store.upsertPapers([
      makePaperInput({
        id: "2509.00014",
        title: "Sparse coding",
        abstract: "Sparse patterns, sparse patterns, sparse patterns and sparse patterns in long documents.",
      }),
    ]);
    const withOneWord = await new SearchService(store, { embedder, index }, wordsOnly).search(query, PAGE);
    expect(withOneWord.hits.map((h) => h.paper.id)).toEqual(["2509.00012", "2509.00011", "2509.00014"]);
  });

  it("reads word matches past the fusion depth for the title boost (titleDepth)", async () => {
    // Six papers that repeat the words in their abstracts outrank the short title that is made of them.
    await store.upsertPapers(
      Array.from({ length: 6 }, (_, i) =>
        makePaperInput({
          id: `2509.0010${i}`,
          title: `Sparse patterns of attention for long documents, part ${i + 1}`,
          abstract: "Sparse patterns, sparse patterns and sparse patterns again across long documents.",
        }),
      ),
    );
    await embedMissingPapers(store, embedder);
    await index.catchUp();
    const query = parseSearchQuery("sparse patterns");
    const firstTwo: SearchOptions = { ...PAGE, limit: 2 };
    const lexical = await withTitleWeight(10).search(query, { ...PAGE, mode: "lexical" });
    expect(lexical.hits.map((h) => h.paper.id).indexOf("2509.00012")).toBeGreaterThanOrEqual(2);
    const shallow = new SearchService(
      store,
      { embedder, titleEmbedder, index },
      { ...fusion(10), depth: 2, titleDepth: 2 },
    );
    expect((await shallow.search(query, firstTwo)).hits.map((h) => h.paper.id)).not.toContain("2509.00012");
    const deep = new SearchService(
      store,
      { embedder, titleEmbedder, index },
      { ...fusion(10), depth: 2, titleDepth: 10 },
    );
    const hybrid = await deep.search(query, firstTwo);
    expect(hybrid.hits[0]?.paper.id).toBe("2509.00012");
    expect(hybrid.hits).toHaveLength(2);
    // The count is the word matches', as the first page of the shallow search sees it.
    expect(hybrid.total).toBe(lexical.total);
  });

  it("leaves long queries to BM25", async () => {
    const query = parseSearchQuery("sparse patterns long documents");
    const lexical = await withTitleWeight(10).search(query, { ...PAGE, mode: "lexical" });
    const hybrid = await withTitleWeight(10).search(query, PAGE);
    expect(hybrid.hits.map((h) => h.paper.id)).toEqual(lexical.hits.map((h) => h.paper.id));
  });
});
