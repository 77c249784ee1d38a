import type { Paper } from "../core/paper.js";
import { authorNameWords, hasFilters, matchesFilters } from "../core/search-filters.js";
import { parseSearchQuery, type SearchQuery } from "../core/search-query.js";
import type { Topics } from "./topics.js";

/**
 * Which papers a digest carries, and why. Pure: candidates, topics and similarities in, ranked picks
 * with their reasons out.
 *
 * Personal score (higher first): each matching category 3, keyword 2, author 4, saved search 3, plus
 * 10 × the semantic similarity (cosine) to what the subscriber liked (upvoted, saved, "more like
 * this") when it reaches SIMILAR_FROM, minus 10 × the similarity to "less like this" papers. A paper
 * must match at least one topic or be similar enough to liked papers; a negative keyword excludes it
 * outright. Ties: more upvotes first, then the newer id.
 */
export interface Pick {
  paper: Paper;
  score: number;
  /** Short reasons shown in the mail, e.g. "keyword: diffusion", "category: cs.CL". */
  reasons: string[];
}

/** How alike a candidate is to what the subscriber liked and disliked (cosine, -1…1); absent: unknown. */
export interface Similarity {
  liked?: number;
  disliked?: number;
}

/** Calibrated on the bundled static model: its cosines to a taste of a few papers rarely pass 0.3 by chance. */
export const SIMILAR_FROM = 0.3;

const WEIGHTS = { category: 3, keyword: 2, author: 4, search: 3, similarity: 10 } as const;

/** Lower-cased words of a text joined by single spaces, padded so phrase checks respect word edges. */
function wordText(text: string): string {
  return ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `;
}

/** A topic phrase, normalised the same way; empty when it has no words. */
function wordPhrase(phrase: string): string {
  return wordText(phrase).trim();
}

function containsPhrase(text: string, phrase: string): boolean {
  return phrase !== "" && text.includes(` ${phrase} `);
}

/** Whether a paper matches a query in the search language, the way the search box would filter it. */
export function matchesQuery(paper: Paper, text: string, query: SearchQuery): boolean {
  const words = new Set(text.trim().split(" "));
  if (!query.terms.every((term) => words.has(term))) return false;
  if (!query.phrases.every((phrase) => containsPhrase(text, phrase.join(" ")))) return false;
  if (query.excluded.some((word) => words.has(word))) return false;
  if (query.terms.length === 0 && query.phrases.length === 0 && !hasFilters(query.filters)) return false;
  return matchesFilters(paper, query.filters);
}

function authorMatches(paper: Paper, wanted: string): boolean {
  const words = authorNameWords(wanted);
  if (words.length === 0) return false;
  return paper.authors.some((name) => {
    const have = new Set(authorNameWords(name));
    return words.every((word) => have.has(word));
  });
}

function inCategory(paper: Paper, wanted: string): boolean {
  return paper.categories.some((category) => category === wanted || category.startsWith(`${wanted}.`));
}

/** Topics prepared once per subscriber, so scoring a candidate does no parsing. */
export interface CompiledTopics {
  topics: Topics;
  keywords: { label: string; phrase: string }[];
  negative: string[];
  searches: { label: string; query: SearchQuery }[];
}

export function compileTopics(topics: Topics): CompiledTopics {
  return {
    topics,
    keywords: topics.keywords
      .map((label) => ({ label, phrase: wordPhrase(label) }))
      .filter((keyword) => keyword.phrase !== ""),
    negative: topics.negativeKeywords.map(wordPhrase).filter((phrase) => phrase !== ""),
    searches: topics.savedSearches.map((label) => ({ label, query: parseSearchQuery(label) })),
  };
}

/** The paper's score and reasons, or null when it must not be picked. */
export function scorePaper(paper: Paper, compiled: CompiledTopics, similarity: Similarity = {}): Pick | null {
  const text = wordText(`${paper.title} ${paper.abstract}`);
  if (compiled.negative.some((phrase) => containsPhrase(text, phrase))) return null;
  const reasons: string[] = [];
  let score = 0;
  for (const category of compiled.topics.categories) {
    if (!inCategory(paper, category)) continue;
    score += WEIGHTS.category;
    reasons.push(`category: ${category}`);
  }
  for (const keyword of compiled.keywords) {
    if (!containsPhrase(text, keyword.phrase)) continue;
    score += WEIGHTS.keyword;
    reasons.push(`keyword: ${keyword.label}`);
  }
  for (const author of compiled.topics.authors) {
    if (!authorMatches(paper, author)) continue;
    score += WEIGHTS.author;
    reasons.push(`author: ${author}`);
  }
  for (const search of compiled.searches) {
    if (!matchesQuery(paper, text, search.query)) continue;
    score += WEIGHTS.search;
    reasons.push(`saved search: ${search.label}`);
  }
  const liked = similarity.liked ?? 0;
  const likedEnough = liked >= SIMILAR_FROM;
  if (reasons.length === 0 && !likedEnough) return null;
  if (likedEnough) {
    score += WEIGHTS.similarity * liked;
    reasons.push("like papers you upvoted or saved");
  }
  if ((similarity.disliked ?? 0) >= SIMILAR_FROM) score -= WEIGHTS.similarity * (similarity.disliked ?? 0);
  return { paper, score, reasons };
}

function byRank(a: Pick, b: Pick): number {
  return b.score - a.score || b.paper.upvotes - a.paper.upvotes || (a.paper.id < b.paper.id ? 1 : -1);
}

/** The personal digest's papers: the best `size` scored candidates. */
export function selectPersonal(
  candidates: Paper[],
  topics: Topics,
  size: number,
  similarities: ReadonlyMap<string, Similarity> = new Map(),
  exclude: ReadonlySet<string> = new Set(),
): Pick[] {
  const compiled = compileTopics(topics);
  const picks: Pick[] = [];
  for (const paper of candidates) {
    if (exclude.has(paper.id)) continue;
    const pick = scorePaper(paper, compiled, similarities.get(paper.id));
    if (pick) picks.push(pick);
  }
  return picks.sort(byRank).slice(0, size);
}

/** The trending digest's papers: the most upvoted, newer first on ties; no reasons needed. */
export function selectTrending(candidates: Paper[], size: number): Pick[] {
  return candidates
    .map((paper) => ({ paper, score: paper.upvotes, reasons: [] }))
    .sort(byRank)
    .slice(0, size);
}
