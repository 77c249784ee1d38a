import { emphasisWrappers, mathSpans, proseText } from "./math-text.js";
import { parseFieldSyntax } from "./search-field-syntax.js";
import { hasFilters, type SearchFilters } from "./search-filters.js";

/**
 * The search box's query language, parsed into plain data that each store turns into its own
 * full-text syntax. Users never reach the engine's syntax directly, so no input can break a query.
 *   words            all should match (ranked by BM25)
 *   "exact phrase"   words in this order
 *   -word            exclude papers with this word
 *   C++  C#  F#      a name with symbols the index drops: its letters are searched as a word, and the
 *                    title or abstract must hold it as written (case aside); -C# leaves such papers out
 *   author: cat: year: after: before:   filters (see search-field-syntax.ts)
 */
export interface SearchQuery {
  /** Lower-cased words to match. */
  terms: string[];
  /** Each phrase is its words in order. */
  phrases: string[][];
  /** Words that must not occur. */
  excluded: string[];
  /**
   * Lower-cased names with symbols (`c++`, `c#`) the title or abstract must contain as written; the
   * index drops the symbols, so their letters are among `terms` to find the candidates.
   */
  literals: string[];
  /** Names with symbols that must not occur in the title or abstract. */
  excludedLiterals: string[];
  /** Restrictions beyond the words (categories, authors, dates). */
  filters: SearchFilters;
  /** Set when the input was partly malformed and was read as plain text. */
  notice: string | null;
}

const MAX_QUERY_CHARS = 500;
const MAX_TERMS = 32;
const WORD = /[\p{L}\p{N}]+/gu;

/** Words too common to rank by; dropped unless the query has nothing else. */
const STOPWORDS = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were with we our via into using".split(
    " ",
  ),
);

function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).slice(0, MAX_TERMS);
}

/**
 * A programming language's name ending in symbols (C++, C#, F#): searching its letters alone would
 * find every paper with a stray "c". ASCII only, so every store folds its case alike.
 */
const SYMBOL_NAME = /^[a-z][a-z0-9]*(?:\+\+|#)$/i;
const ENCLOSING_PUNCTUATION = /^[([{'"“‘]+|[)\]}'"”’,.;:!?]+$/gu;

/** The name with symbols a whitespace-separated token stands for (lower-cased), or null. */
function symbolNameOf(token: string): string | null {
  const bare = token.replaceAll(ENCLOSING_PUNCTUATION, "");
  return SYMBOL_NAME.test(bare) ? bare.toLowerCase() : null;
}

export function parseSearchQuery(input: string): SearchQuery {
  const notices: string[] = [];
  if (input.length > MAX_QUERY_CHARS) notices.push(`Query shortened to ${MAX_QUERY_CHARS} characters.`);
  const fields = parseFieldSyntax(input.slice(0, MAX_QUERY_CHARS));
  notices.push(...fields.notices);
  let text = fields.rest;
  if ((text.match(/"/g) ?? []).length % 2 === 1) {
    notices.push("Unbalanced quote ignored: searched the words as plain text.");
    text = text.replaceAll('"', " ");
  }

  const phrases: string[][] = [];
  const literals: string[] = [];
  const excluded: string[] = [];
  const excludedLiterals: string[] = [];
  // A quoted word after a minus is left out like a bare one; a phrase cannot be left out yet.
  const withoutExcludedPhrases = text.replace(/(?<=^|\s)-"([^"]*)"/g, (_, phrase: string) => {
    const name = symbolNameOf(phrase.trim());
    const words = wordsOf(phrase);
    if (name !== null) excludedLiterals.push(name);
    else if (words.length === 1) excluded.push(...words);
    else if (words.length > 1)
      notices.push(
        `Phrases cannot be left out yet: -"${words.join(" ")}" was ignored (leave out a word: -${words[0]}).`,
      );
    return " ";
  });
  const withoutPhrases = withoutExcludedPhrases.replace(/"([^"]*)"/g, (_, phrase: string) => {
    for (const token of phrase.split(/\s+/)) {
      const name = symbolNameOf(token);
      if (name !== null) literals.push(name);
    }
    const words = wordsOf(phrase);
    if (words.length > 1) phrases.push(words);
    return words.length === 1 ? ` ${words[0]} ` : " ";
  });

  const terms: string[] = [];
  for (const token of withoutPhrases.split(/\s+/)) {
    const isExclusion = token.startsWith("-") && token.length > 1;
    const bare = isExclusion ? token.slice(1) : token;
    const name = symbolNameOf(bare);
    // An excluded name leaves out papers holding it, not every paper with its letters.
    if (name !== null && isExclusion) excludedLiterals.push(name);
    else {
      if (name !== null) literals.push(name);
      (isExclusion ? excluded : terms).push(...wordsOf(bare));
    }
  }

  const meaningful = terms.filter((term) => !STOPWORDS.has(term));
  const kept = meaningful.length > 0 || phrases.length > 0 ? meaningful : terms;
  return {
    terms: [...new Set(kept)],
    phrases,
    excluded: [...new Set(excluded)],
    literals: [...new Set(literals)],
    excludedLiterals: [...new Set(excludedLiterals)],
    filters: fields.filters,
    notice: notices.length > 0 ? notices.join(" ") : null,
  };
}

/** Whether the query has words or phrases to rank by. */
export function hasWords(query: SearchQuery): boolean {
  return query.terms.length > 0 || query.phrases.length > 0;
}

/**
 * Whether a search that finds no paper with every word has a broader one to try, any of them: with
 * one word or phrase the two are the same search.
 */
export function hasAnyWordFallback(query: SearchQuery): boolean {
  return query.terms.length + query.phrases.length > 1;
}

/** Whether a paper's title or abstract holds every name with symbols and none of the excluded ones. */
export function holdsLiterals(text: { title: string; abstract: string }, query: SearchQuery): boolean {
  // ASCII case only, as the stores fold it: the names are ASCII.
  const fold = (value: string) => value.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
  const title = fold(text.title);
  const abstract = fold(text.abstract);
  const holds = (name: string) => title.includes(name) || abstract.includes(name);
  return query.literals.every(holds) && !query.excludedLiterals.some(holds);
}

/** Nothing to search for: no words and no filters. */
export function isEmptyQuery(query: SearchQuery): boolean {
  return !hasWords(query) && !hasFilters(query.filters);
}

/**
 * What to tell a reader whose query only leaves words out (`-diffusion`): an exclusion narrows a
 * search, so alone it has nothing to narrow. Null for any other query.
 */
export function exclusionsOnlyNotice(query: SearchQuery): string | null {
  const left = [...query.excluded, ...query.excludedLiterals].map((word) => `-${word}`).join(" ");
  if (!isEmptyQuery(query) || left === "") return null;
  return `Nothing to leave out from: “${left}” only excludes papers, so add a word or a filter to search within, as in “attention ${left}” or “cat:cs.LG ${left}”.`;
}

/** Marks the store puts around matched words in titles and snippets; views turn them into <mark>. */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_END = "\u0003";

/** A regular expression matching `text` as written. */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The index keeps only a name's letters (C of C++), so the stores mark just them: the mark is widened
 * over the symbols that follow where the query searched the name (C++, C#), in any case.
 */
export function markNamesWhole(marked: string, query: Pick<SearchQuery, "literals">): string {
  let text = marked;
  for (const name of query.literals) {
    const [, letters, symbols] = /^([a-z0-9]+)(.+)$/.exec(name) ?? [];
    if (letters === undefined || symbols === undefined) continue;
    const split = new RegExp(
      `${HIGHLIGHT_START}(${literally(letters)})${HIGHLIGHT_END}(${literally(symbols)})`,
      "gi",
    );
    text = text.replace(split, `${HIGHLIGHT_START}$1$2${HIGHLIGHT_END}`);
  }
  return text;
}

export interface HighlightSegment {
  text: string;
  matched: boolean;
}

/** Highlighted text with its math apart: a formula holding a matched word is matched whole. */
export type HighlightedMathPart =
  | { kind: "text"; text: string; matched: boolean }
  | { kind: "math"; tex: string; display: boolean; matched: boolean };

/**
 * Splits text carrying highlight marks into prose and math parts. The marks come out first (a mark
 * inside a formula would break its TeX), then the math is found in the plain text.
 */
export function splitHighlightedMath(marked: string): HighlightedMathPart[] {
  let plain = "";
  const matchedAt: boolean[] = [];
  let matched = false;
  for (const char of marked) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      matched = char === HIGHLIGHT_START;
      continue;
    }
    plain += char;
    for (let unit = 0; unit < char.length; unit++) matchedAt.push(matched);
  }
  const parts: HighlightedMathPart[] = [];
  // A highlight inside "\\emph{…}" splits the command between runs: its wrappers are dropped first.
  const wrappers = emphasisWrappers(plain);
  const proseOf = (from: number, to: number) => {
    let kept = "";
    for (let index = from; index < to; index++) if (!wrappers.has(index)) kept += plain[index];
    return proseText(kept);
  };
  const pushProse = (from: number, to: number) => {
    let runStart = from;
    for (let index = from + 1; index <= to; index++) {
      if (index < to && matchedAt[index] === matchedAt[runStart]) continue;
      const text = proseOf(runStart, index);
      if (text !== "") parts.push({ kind: "text", text, matched: matchedAt[runStart]! });
      runStart = index;
    }
  };
  let last = 0;
  for (const span of mathSpans(plain)) {
    if (span.start > last) pushProse(last, span.start);
    const { tex, display } = span;
    parts.push({ kind: "math", tex, display, matched: matchedAt.slice(span.start, span.end).includes(true) });
    last = span.end;
  }
  if (last < plain.length) pushProse(last, plain.length);
  return parts;
}

/** Splits text carrying highlight marks into plain and matched segments. */
export function splitHighlights(text: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let matched = false;
  let current = "";
  for (const char of text) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      if (current) segments.push({ text: current, matched });
      current = "";
      matched = char === HIGHLIGHT_START;
    } else {
      current += char;
    }
  }
  if (current) segments.push({ text: current, matched });
  return segments;
}
