import type { Paper } from "../core/paper.js";
import { hasFilters, matchesFilters, type SearchSort } from "../core/search-filters.js";
import { holdsLiterals, markNamesWhole, type SearchQuery } from "../core/search-query.js";
import { openingPassage } from "../core/text.js";
import type { MonthCounts, PaperStore, ScoredMatches, SearchHit } from "../store/store.js";
import { embeddingText } from "./embed-papers.js";
import type { Embedder } from "./embedder.js";
import {
  DEFAULT_FUSION,
  denseWeightFor,
  type FusedCandidate,
  type FusionSettings,
  fuseCandidates,
  titleBoostApplies,
  titleBoosts,
  titleShareFor,
} from "./fusion.js";
import type { LiveVectorIndex } from "./live-index.js";
import { dotProduct, isZeroVector } from "./quantize.js";
import { sortByRequest } from "./sort-papers.js";
import type { Neighbour } from "./vector-index.js";
import { relatedTerms, vocabularyCoverage, wordsOf } from "./vocabulary.js";

export type SearchMode = "lexical" | "semantic" | "hybrid";
export const SEARCH_MODES: SearchMode[] = ["lexical", "semantic", "hybrid"];

export interface SearchOptions {
  mode: SearchMode;
  sort: SearchSort;
  limit: number;
  offset: number;
  /** Count the query's matches per month too (the search page's trend), from the lexical pass where it runs. */
  monthCounts?: boolean;
}

export interface RankedHit extends SearchHit {
  /** Which side found it: a hit found by meaning alone shows `relatedTerms` instead of highlights. */
  foundBy: "words" | "meaning" | "both";
  /** For hits found by meaning alone: the paper's words closest to the query. */
  relatedTerms: string[];
}

export interface RankedResult {
  hits: RankedHit[];
  total: number;
  truncated: boolean;
  /** The mode that ran: lexical when dense search is unavailable (no vectors yet). */
  mode: SearchMode;
  /** When asked for: the query's matches per month over the whole corpus (the store's `searchMonthCounts`). */
  monthCounts?: MonthCounts;
}

export interface SimilarPaper {
  paper: Paper;
  similarity: number;
}

/** The model and the index of its vectors; absent while an instance has no model. */
export interface SemanticSearch {
  embedder: Embedder;
  /**
   * The title model: hybrid ranking compares the query with each candidate's title in its space
   * (titleSimilarity). Without one, hybrid ranking blends BM25 and the document model's cosine only.
   */
  titleEmbedder?: Embedder;
  /** The live index (LiveVectorIndex): how many vectors it holds, and their nearest to a query. */
  index: Pick<LiveVectorIndex, "size" | "nearest">;
}

/** Word matches read once for a search, with their title boosts; `monthCounts` says whether the read counted months too. */
interface WordMatchRead {
  monthCounts: boolean;
  result: Promise<{ lexical: ScoredMatches; boosts: Map<string, number> }>;
}

/** Dense candidates are over-fetched up to this many times when filters will drop some, */
const FILTER_OVERFETCH = 10;
/** reading this many times as many first, and as many times more each time too few passed. */
const FIRST_OVERFETCH = 3;
const MAX_DENSE_CANDIDATES = 5_000;
/**
 * How deep word matches are ranked for a page: as deep as lexical ranking (the store's window of the
 * newest 10,000 matches). Every page reads its candidates down to its own end, so an unbounded page
 * number would read (and score) every match.
 */
export const MAX_RANKED_DEPTH = 10_000;
/**
 * Papers nearest in meaning that semantic search lists, and hybrid search beside the word matches: the
 * same set on every page and in every order, so the count and the pages hold still (every paper is near
 * a query to some degree; the nearest are what a search by meaning is for).
 */
const MEANING_RESULTS = 100;
const RELATED_TERMS = 3;
const SNIPPET_CHARS = 240;

/**
 * Where the bands of a hybrid relevance ranking end (SearchService.bandedRanking): the first page's
 * depth, then about three times deeper each, down to MAX_RANKED_DEPTH.
 */
export function rankingBands(firstPageDepth: number): number[] {
  const bands = [Math.min(firstPageDepth, MAX_RANKED_DEPTH)];
  for (const depth of [100, 300, 1_000, 3_000, MAX_RANKED_DEPTH]) {
    if (depth > (bands.at(-1) as number)) bands.push(depth);
  }
  return bands;
}

/** The query's words as a model reads them: terms and phrase words, exclusions left out. */
export function queryText(query: SearchQuery): string {
  return [...query.terms, ...query.phrases.flat()].join(" ");
}

/**
 * The cosine to the query of the lexical candidates the dense side did not return, from their stored
 * vectors: hybrid search scores every word match by its own similarity (ADR 0019).
 */
export async function lexicalSimilarities(
  store: Pick<PaperStore, "vectorsOf">,
  modelId: string,
  lexicalIds: string[],
  dense: Neighbour[],
  vector: Float32Array,
): Promise<Map<string, number>> {
  const returned = new Set(dense.map((n) => n.paperId));
  const missing = lexicalIds.filter((id) => !returned.has(id));
  const stored = await store.vectorsOf(modelId, missing);
  return new Map(stored.map((v) => [v.paperId, dotProduct(v, vector)]));
}

/** Hits whose marks cover the query's names with symbols whole (C++, not C). */
function withNamesMarkedWhole(result: RankedResult, query: SearchQuery): RankedResult {
  if (query.literals.length === 0) return result;
  const hits = result.hits.map((hit) => ({
    ...hit,
    titleHighlighted: markNamesWhole(hit.titleHighlighted, query),
    abstractSnippet: markNamesWhole(hit.abstractSnippet, query),
  }));
  return { ...result, hits };
}

/**
 * Lexical (the store's BM25), semantic (nearest vectors) and hybrid search behind one call, with the
 * same filters and sorts in every mode; and "similar papers" by the same vectors.
 */
export class SearchService {
  constructor(
    private readonly store: PaperStore,
    private readonly semantic: SemanticSearch | null,
    private readonly fusion: FusionSettings = DEFAULT_FUSION,
  ) {}

  /** Whether semantic and hybrid search can run (a model, and at least one vector indexed). */
  get semanticReady(): boolean {
    return this.semantic !== null && this.semantic.index.size > 0;
  }

  /**
   * A query of filters alone (no words) lists the matching papers lexically in every mode: there is
   * nothing to rank by meaning. A hybrid search in date or upvote order lists every word match in that
   * order, as lexical search does: a fused ranking reaches only its top candidates, which would page
   * inconsistently and leave out the newest matches a search feed is read for.
   */
  async search(query: SearchQuery, options: SearchOptions): Promise<RankedResult> {
    const result = withNamesMarkedWhole(await this.searchOnce(query, options), query);
    if (!options.monthCounts || result.monthCounts) return result;
    return { ...result, monthCounts: await this.store.searchMonthCounts(query) };
  }

  private async searchOnce(query: SearchQuery, options: SearchOptions): Promise<RankedResult> {
    const text = queryText(query);
    if (options.mode === "lexical" || !this.semanticReady || text === "") return this.lexical(query, options);
    if (options.mode === "hybrid" && options.sort !== "relevance") {
      return { ...(await this.lexical(query, options)), mode: "hybrid" };
    }
    const vector = this.semantic!.embedder.embed(text);
    if (options.mode === "semantic") return this.dense(query, vector, text, options);
    return this.hybrid(query, vector, text, options);
  }

  /** The papers nearest to this one, or null when it is not stored. */
  async similar(paperId: string, sort: SearchSort, limit: number): Promise<SimilarPaper[] | null> {
    const paper = await this.store.getPaper(paperId);
    return paper ? this.similarTo(paper, sort, limit) : null;
  }

  /** The papers nearest to one already read (the paper page has it: no second read). */
  async similarTo(paper: Paper, sort: SearchSort, limit: number): Promise<SimilarPaper[]> {
    const paperId = paper.id;
    if (!this.semanticReady) return [];
    const vector = this.semantic!.embedder.embed(embeddingText(paper));
    if (isZeroVector(vector)) return [];
    const neighbours = this.semantic!.index.nearest(vector, limit + 1).filter((n) => n.paperId !== paperId);
    const papers = await this.store.getPapers(neighbours.slice(0, limit).map((n) => n.paperId));
    const similarity = new Map(neighbours.map((n) => [n.paperId, n.similarity]));
    const similar = papers.map((p) => ({ paper: p, similarity: similarity.get(p.id)! }));
    return sortByRequest(similar, (s) => s.paper, sort);
  }

  private async lexical(query: SearchQuery, options: SearchOptions): Promise<RankedResult> {
    const result = await this.store.search({
      query,
      sort: options.sort,
      limit: options.limit,
      offset: options.offset,
      monthCounts: options.monthCounts ?? false,
    });
    const hits = result.hits.map((hit): RankedHit => ({ ...hit, foundBy: "words", relatedTerms: [] }));
    const counted = result.monthCounts ? { monthCounts: result.monthCounts } : {};
    return { hits, total: result.total, truncated: result.truncated, mode: "lexical", ...counted };
  }

  private async dense(
    query: SearchQuery,
    vector: Float32Array,
    text: string,
    options: SearchOptions,
  ): Promise<RankedResult> {
    const candidates = await this.denseCandidates(query, vector, MEANING_RESULTS);
    const { page, papers } = await this.orderedPage(candidates, new Map(), options);
    const hits = page.map((c) => this.meaningHit(papers.get(c.paperId)!, c.similarity, text));
    return { hits, total: candidates.length, truncated: false, mode: "semantic" };
  }

  /** A hybrid search ranked by relevance (other orders list the word matches lexically: searchOnce). */
  private async hybrid(
    query: SearchQuery,
    vector: Float32Array,
    text: string,
    options: SearchOptions,
  ): Promise<RankedResult> {
    const { embedder, titleEmbedder } = this.semantic!;
    const weight = isZeroVector(vector) ? 0 : denseWeightFor(vocabularyCoverage(embedder, text), this.fusion);
    const typed = { text, words: new Set(wordsOf(text)) };
    const titleShare = titleBoostApplies(this.fusion, titleEmbedder !== undefined)
      ? titleShareFor(typed.words.size, this.fusion)
      : 0;
    if (weight === 0 && titleShare === 0) return { ...(await this.lexical(query, options)), mode: "hybrid" };
    // The nearest in meaning that the count holds, the same on every page, so that the pages end where
    // the count says; a page reads as many of them as it reaches down.
    const nearest = weight > 0 ? await this.denseCandidates(query, vector, MEANING_RESULTS) : [];
    // Bands that read word matches equally deep (titleDepth) share one read of them and their titles.
    const reads = new Map<number, WordMatchRead>();
    const rank = (depth: number, monthCounts: boolean) =>
      this.fused(query, vector, typed, { weight, titleShare, nearest, depth, monthCounts }, reads);
    const { lexical, ordered } = await this.bandedRanking(rank, options);
    const { page, papers } = await this.orderedPage(ordered, new Map(), options);
    const highlighted = await this.store.highlightPapers(
      query,
      page.filter((c) => c.lexical).map((c) => c.paperId),
    );
    const lexicalHits = new Map(highlighted.map((hit) => [hit.paper.id, hit]));
    const hits = page.map((c): RankedHit => {
      const lexicalHit = lexicalHits.get(c.paperId);
      if (!lexicalHit) return this.meaningHit(papers.get(c.paperId)!, c.score, text);
      return { ...lexicalHit, score: c.score, foundBy: c.dense ? "both" : "words", relatedTerms: [] };
    });
    const foundByMeaningAlone = await this.notWordMatches(query, lexical, nearest);
    return {
      hits,
      total: lexical.total + foundByMeaningAlone.length,
      truncated: lexical.truncated,
      mode: "hybrid",
      ...(lexical.monthCounts ? { monthCounts: lexical.monthCounts } : {}),
    };
  }

  /**
   * The nearest papers in meaning that do not hold the query's words: with the word matches they
   * make the hybrid count. Past the word matches read, the store says which of them hold the words, as
   * the word matches hold them (every word, or any where no paper holds them all).
   */
  private async notWordMatches(
    query: SearchQuery,
    lexical: ScoredMatches,
    dense: Neighbour[],
  ): Promise<string[]> {
    const read = new Set(lexical.matches.map((m) => m.paperId));
    const unread = dense.map((n) => n.paperId).filter((id) => !read.has(id));
    // Every word match was read only when the count was not cut at the ranking window.
    const readAll = lexical.matches.length >= lexical.total && !lexical.truncated;
    if (readAll || unread.length === 0) return unread;
    const holding = new Set(await this.store.holdingWords(query, unread, lexical.everyWord));
    return unread.filter((id) => !holding.has(id));
  }

  /**
   * One fused ranking, reading `depth` candidates a side (word matches deeper where the title boost
   * applies: a title boost can lift a word match from deep in BM25's list, FusionSettings.titleDepth).
   * `typed` is the query's text as the models read it (queryText) and its distinct words; `reads` holds
   * the word matches this search has read, by depth.
   */
  private async fused(
    query: SearchQuery,
    vector: Float32Array,
    typed: { text: string; words: ReadonlySet<string> },
    side: { weight: number; titleShare: number; nearest: Neighbour[]; depth: number; monthCounts: boolean },
    reads: Map<number, WordMatchRead>,
  ): Promise<{ lexical: ScoredMatches; fused: FusedCandidate[] }> {
    const { embedder } = this.semantic!;
    const { weight, titleShare, depth } = side;
    const lexicalDepth =
      titleShare > 0 ? Math.min(Math.max(depth, this.fusion.titleDepth), MAX_RANKED_DEPTH) : depth;
    let read = reads.get(lexicalDepth);
    if (!read || (side.monthCounts && !read.monthCounts)) {
      read = {
        monthCounts: side.monthCounts,
        result: this.wordMatches(query, typed, titleShare, lexicalDepth, side.monthCounts),
      };
      reads.set(lexicalDepth, read);
    }
    const { lexical, boosts } = await read.result;
    const dense = side.nearest.slice(0, depth);
    const similarities =
      weight > 0
        ? await lexicalSimilarities(
            this.store,
            embedder.modelId,
            lexical.matches.map((c) => c.paperId),
            dense,
            vector,
          )
        : new Map<string, number>();
    return { lexical, fused: fuseCandidates(lexical.matches, dense, weight, similarities, boosts) };
  }

  /** The best `depth` word matches by BM25 (ids and scores: only the page shown is highlighted), with their title boosts. */
  private async wordMatches(
    query: SearchQuery,
    typed: { text: string; words: ReadonlySet<string> },
    titleShare: number,
    depth: number,
    monthCounts: boolean,
  ): Promise<{ lexical: ScoredMatches; boosts: Map<string, number> }> {
    const lexical = await this.store.rankMatches(query, depth, { monthCounts });
    // Only word matches get a title boost: among the papers holding the query's words, the one whose
    // title they make up is the one a remembered title names; a paper found by meaning alone keeps its blend.
    const titles =
      titleShare > 0
        ? await this.store.titlesOf(lexical.matches.map((c) => c.paperId))
        : new Map<string, string>();
    const boosts = titleBoosts(typed, titles, titleShare, this.fusion, this.semantic!.titleEmbedder);
    return { lexical, boosts };
  }

  /**
   * The relevance order every page of a hybrid search reads from: ranked in bands of candidates, each
   * band's places filled from a ranking that reads that deep (RANKING_BANDS), leaving out the papers
   * earlier bands placed. A ranking reading deeper scales and ranks its candidates differently; ranking
   * each page as deep as it reaches showed papers twice and others never as one paged on. A page reads
   * the bands down to its end, the first page the first band alone, as before.
   */
  private async bandedRanking(
    rank: (
      depth: number,
      monthCounts: boolean,
    ) => Promise<{ lexical: ScoredMatches; fused: FusedCandidate[] }>,
    { offset, limit, monthCounts }: SearchOptions,
  ): Promise<{ lexical: ScoredMatches; ordered: FusedCandidate[] }> {
    const end = Math.min(offset + limit, MAX_RANKED_DEPTH);
    const ordered: FusedCandidate[] = [];
    const placed = new Set<string>();
    let first: ScoredMatches | null = null;
    for (const bandEnd of rankingBands(this.fusion.depth)) {
      const { lexical, fused } = await rank(bandEnd, first === null && (monthCounts ?? false));
      first ??= lexical;
      for (const candidate of fused) {
        if (ordered.length >= bandEnd) break;
        if (placed.has(candidate.paperId)) continue;
        placed.add(candidate.paperId);
        ordered.push(candidate);
      }
      if (bandEnd >= end) break;
    }
    return { lexical: first!, ordered };
  }

  /**
   * Nearest papers that pass the query's filters, hold its names with symbols (C++) and quoted
   * phrases and none of its excluded words (checked by the store, stemmed as word matches are), most
   * similar first.
   */
  private async denseCandidates(query: SearchQuery, vector: Float32Array, k: number): Promise<Neighbour[]> {
    if (isZeroVector(vector)) return [];
    const { index } = this.semantic!;
    const constrained = query.phrases.length > 0 || query.excluded.length > 0;
    const literals = query.literals.length > 0 || query.excludedLiterals.length > 0;
    if (!hasFilters(query.filters) && !constrained && !literals) return index.nearest(vector, k);
    const most = Math.min(k * FILTER_OVERFETCH, MAX_DENSE_CANDIDATES);
    const papers = new Map<string, Paper>();
    const kept = new Map<string, boolean>();
    // Read as far as the k passing papers lie: a common filter passes most of the nearest papers, and
    // each one checked is a row read.
    for (let fetch = Math.min(k * FIRST_OVERFETCH, most); ; fetch = Math.min(fetch * FIRST_OVERFETCH, most)) {
      const neighbours = index.nearest(vector, fetch);
      const unread = neighbours.map((n) => n.paperId).filter((id) => !papers.has(id));
      for (const [id, paper] of await this.papersById(unread)) papers.set(id, paper);
      const passing = neighbours.filter((n) => {
        const paper = papers.get(n.paperId);
        return paper !== undefined && matchesFilters(paper, query.filters) && holdsLiterals(paper, query);
      });
      if (constrained) {
        const unchecked = passing.map((n) => n.paperId).filter((id) => !kept.has(id));
        const keeping = new Set(await this.store.keepPhrasesAndExclusions(query, unchecked));
        for (const id of unchecked) kept.set(id, keeping.has(id));
      }
      const found = constrained ? passing.filter((n) => kept.get(n.paperId)) : passing;
      if (found.length >= k || fetch >= most || neighbours.length < fetch) return found.slice(0, k);
    }
  }

  /** The requested page in the requested order, reading only the papers that order needs. */
  private async orderedPage<T extends { paperId: string }>(
    ranked: T[],
    known: Map<string, Paper>,
    { sort, offset, limit }: SearchOptions,
  ): Promise<{ page: T[]; papers: Map<string, Paper> }> {
    const needed = sort === "relevance" ? ranked.slice(offset, offset + limit) : ranked;
    const missing = needed.filter((item) => !known.has(item.paperId)).map((item) => item.paperId);
    for (const [id, paper] of await this.papersById(missing)) known.set(id, paper);
    const present = needed.filter((item) => known.has(item.paperId));
    const page =
      sort === "relevance"
        ? present
        : sortByRequest(present, (item) => known.get(item.paperId)!, sort).slice(offset, offset + limit);
    return { page, papers: known };
  }

  private async papersById(ids: string[]): Promise<Map<string, Paper>> {
    return new Map((await this.store.getPapers(ids)).map((paper) => [paper.id, paper]));
  }

  private meaningHit(paper: Paper, score: number, text: string): RankedHit {
    return {
      paper,
      score,
      titleHighlighted: paper.title,
      abstractSnippet: openingPassage(paper.abstract, SNIPPET_CHARS),
      foundBy: "meaning",
      relatedTerms: relatedTerms(this.semantic!.embedder, text, embeddingText(paper), RELATED_TERMS),
    };
  }
}
