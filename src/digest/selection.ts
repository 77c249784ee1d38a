import { SIMILAR_FROM } from "../community/recommendations.js";
import type { Paper } from "../core/paper.js";
import { authorNameWords, hasFilters, matchesFilters } from "../core/search-filters.js";
import { holdsLiterals, parseSearchQuery, type SearchQuery } from "../core/search-query.js";
import type { Topics } from "./topics.js";

/**
 * Which papers a digest carries, and why. Pure: candidates, topics and similarities in, ranked picks
 * with their reasons out.
 *
 * Personal score (higher first): each matching category 3, keyword 2, author 4, saved search 3, plus
 * 10 × the semantic similarity (cosine) to what the subscriber liked (upvoted, saved, "more like
 * this"; the nearest of the interests those make, as "for you" groups them) when it reaches
 * SIMILAR_FROM, minus 10 × the similarity to "less like this" papers. A paper
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

const WEIGHTS = { category: 3, keyword: 2, author: 4, search: 3, similarity: 10 } as const;

/** Lower-cased words of a text joined by single spaces, padded so phrase checks respect word edges. */
export function wordText(text: string): string {
  return ` ${(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `;
}

/** A topic phrase, normalised the same way; empty when it has no words. */
function wordPhrase(phrase: string): string {
  return wordText(phrase).trim();
}

function containsPhrase(text: string, phrase: string): boolean {
  return phrase !== "" && text.includes(` ${phrase} `);
}

function phraseTestOf(text: string): PhraseTest {
  return (phrase) => containsPhrase(text, phrase);
}

/** The text a paper is matched on: its title and abstract as `wordText`. */
export function paperWordText(paper: Paper): string {
  return wordText(`${paper.title} ${paper.abstract}`);
}

/** Whether the paper's title or abstract holds a phrase (lower-cased words joined by spaces). */
export type PhraseTest = (phrase: string) => boolean;

/** Whether a paper matches a query in the search language, the way the search box would filter it. */
export function matchesQuery(paper: Paper, contains: PhraseTest, query: SearchQuery): boolean {
  if (!query.terms.every((term) => contains(term))) return false;
  if (!query.phrases.every((phrase) => contains(phrase.join(" ")))) return false;
  if (query.excluded.some((word) => contains(word))) return false;
  // Names with symbols (C++, C#) as written, as the stores match them.
  if (!holdsLiterals(paper, query)) return false;
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
export function scorePaper(
  paper: Paper,
  compiled: CompiledTopics,
  similarity: Similarity = {},
  contains: PhraseTest = phraseTestOf(paperWordText(paper)),
): Pick | null {
  if (compiled.negative.some((phrase) => contains(phrase))) return null;
  const reasons: string[] = [];
  let score = 0;
  for (const category of compiled.topics.categories) {
    if (!inCategory(paper, category)) continue;
    score += WEIGHTS.category;
    reasons.push(`category: ${category}`);
  }
  for (const keyword of compiled.keywords) {
    if (!contains(keyword.phrase)) continue;
    score += WEIGHTS.keyword;
    reasons.push(`keyword: ${keyword.label}`);
  }
  for (const author of compiled.topics.authors) {
    if (!authorMatches(paper, author)) continue;
    score += WEIGHTS.author;
    reasons.push(`author: ${author}`);
  }
  for (const search of compiled.searches) {
    if (!matchesQuery(paper, contains, search.query)) continue;
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

/**
 * Candidates indexed by word and category, built once per candidate list and shared by every
 * subscriber choosing from it: a subscriber's topics then narrow the list to the papers that can
 * match before any is scored (scoring a whole week for each of 10,000 subscribers was the cost).
 */
export class CandidateIndex {
  private readonly texts = new Map<Paper, string>();
  private readonly byWord = new Map<string, Paper[]>();
  private readonly byPhrase = new Map<string, ReadonlySet<Paper>>();
  private readonly byCategory = new Map<string, Paper[]>();

  constructor(readonly papers: Paper[]) {
    const add = (map: Map<string, Paper[]>, key: string, paper: Paper) => {
      const list = map.get(key);
      if (!list) map.set(key, [paper]);
      else if (list.at(-1) !== paper) list.push(paper);
    };
    for (const paper of papers) {
      const text = paperWordText(paper);
      this.texts.set(paper, text);
      for (const word of text.trim().split(" ")) if (word !== "") add(this.byWord, word, paper);
      for (const category of paper.categories) {
        add(this.byCategory, category, paper);
        add(this.byCategory, category.split(".")[0] ?? category, paper);
      }
    }
  }

  /** Papers holding every one of these words (the list of the rarest); all papers for none. */
  withWords(words: string[]): Paper[] {
    let rarest: Paper[] | null = null;
    for (const word of words) {
      const list = this.byWord.get(word) ?? [];
      if (rarest === null || list.length < rarest.length) rarest = list;
    }
    return rarest ?? this.papers;
  }

  inCategory(category: string): Paper[] {
    return this.byCategory.get(category) ?? [];
  }

  /** The papers holding a phrase, found once per phrase and list (subscribers share their words). */
  withPhrase(phrase: string): ReadonlySet<Paper> {
    let papers = this.byPhrase.get(phrase);
    if (!papers) {
      const words = phrase.split(" ");
      const candidates = this.withWords(words);
      papers = new Set(
        words.length === 1
          ? candidates
          : candidates.filter((paper) => containsPhrase(this.texts.get(paper) ?? "", phrase)),
      );
      this.byPhrase.set(phrase, papers);
    }
    return papers;
  }

  phraseTest(paper: Paper): PhraseTest {
    return (phrase) => phrase !== "" && this.withPhrase(phrase).has(paper);
  }
}

/** Every paper that could score for these topics: a superset scorePaper then decides on. */
function mayMatch(
  index: CandidateIndex,
  compiled: CompiledTopics,
  similarities: ReadonlyMap<string, Similarity>,
) {
  const papers = new Set<Paper>();
  const addAll = (list: Paper[]) => {
    for (const paper of list) papers.add(paper);
  };
  for (const category of compiled.topics.categories) addAll(index.inCategory(category));
  for (const keyword of compiled.keywords) addAll([...index.withPhrase(keyword.phrase)]);
  if (compiled.topics.authors.length > 0) addAll(index.papers);
  for (const { query } of compiled.searches)
    addAll(index.withWords([...query.terms, ...query.phrases.flat()]));
  for (const paper of index.papers)
    if ((similarities.get(paper.id)?.liked ?? 0) >= SIMILAR_FROM) papers.add(paper);
  return papers;
}

export interface PersonalOptions {
  similarities?: ReadonlyMap<string, Similarity>;
  /** Papers never to pick (those the subscriber said "less like this" about). */
  exclude?: ReadonlySet<string>;
  /** The candidates' index, when many subscribers choose from the same list. */
  index?: CandidateIndex;
}

/** The personal digest's papers: the best `size` scored candidates. */
export function selectPersonal(
  candidates: Paper[],
  topics: Topics,
  size: number,
  options: PersonalOptions = {},
): Pick[] {
  const index = options.index ?? new CandidateIndex(candidates);
  const similarities = options.similarities ?? new Map<string, Similarity>();
  const compiled = compileTopics(topics);
  const picks: Pick[] = [];
  for (const paper of mayMatch(index, compiled, similarities)) {
    if (options.exclude?.has(paper.id)) continue;
    const pick = scorePaper(paper, compiled, similarities.get(paper.id), index.phraseTest(paper));
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
