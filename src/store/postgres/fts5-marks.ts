import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchQuery } from "../../core/search-query.js";
import type { Parameters } from "./postgres-search.js";

/*
 * Titles and abstract snippets marked as SQLite's FTS5 marks them (its highlight() and snippet(),
 * fts5_aux.c), from the lexemes PostgreSQL stores by word position: since migration 0015 both tiers
 * read the same words, so the n-th word of the text is the n-th position of its part of the vector.
 */

/** A text's lexemes with their 1-based word positions, as `unnest(tsvector)` gives them. */
export type TextLexemes = [lexeme: string, positions: number[]][];

/** A word as FTS5's unicode61 tokenizer reads one, and as migration 0015 makes PostgreSQL read it. */
const WORD = /[\p{L}\p{N}]+/gu;
/** The words of snippet(…, 40) in the SQLite store, and its ellipsis. */
const SNIPPET_WORDS = 40;
const ELLIPSIS = "…";

/** The query's words and phrases as lexemes, in FTS5's order of a query's phrases. */
export interface HighlightTerms {
  words: string[];
  phrases: string[][];
}

/**
 * SQL for the columns the marks are made from, read from the stored vector: the title's lexemes by
 * position (weight A), the abstract's (weight B, numbered on from the title's words: `abstract_from`),
 * and the lexemes of the query's words and phrase words (one statement-wide value), as JSON.
 */
export function highlightColumns(query: SearchQuery, params: Parameters): string {
  const words = params.add([...query.terms, ...query.phrases.flat()]);
  const lexemes = (weight: string) => `(SELECT json_agg(json_build_array(t.lexeme, t.positions))
       FROM unnest(ts_filter(p.search_vector, '{${weight}}')) AS t)`;
  return `${lexemes("a")} AS title_lexemes, ${lexemes("b")} AS abstract_lexemes,
     (SELECT coalesce(max(position), 0) FROM unnest(ts_filter(p.search_vector, '{a}')) AS t,
       unnest(t.positions) AS position) AS abstract_from,
     (SELECT json_agg(coalesce((tsvector_to_array(to_tsvector('paperpulse', w.word)))[1], '') ORDER BY w.i)
       FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, i)) AS query_lexemes`;
}

/** The abstract's lexemes numbered from its own first word (the stored vector numbers on from the title's). */
export function abstractLexemes(lexemes: TextLexemes | null, titleWords: number): TextLexemes | null {
  return (
    lexemes?.map(([lexeme, positions]) => [lexeme, positions.map((position) => position - titleWords)]) ??
    null
  );
}

/** The query's words and phrases as lexemes, from the `query_lexemes` column. */
export function highlightTerms(query: SearchQuery, lexemes: string[] | null): HighlightTerms {
  const all = lexemes ?? [];
  let next = query.terms.length;
  const phrases = query.phrases.map((phrase) => {
    next += phrase.length;
    return all.slice(next - phrase.length, next);
  });
  return { words: all.slice(0, query.terms.length), phrases };
}

interface Token {
  start: number;
  end: number;
}

/** One occurrence of a query word or phrase: FTS5's phrase number, first word position and length. */
interface Instance {
  phrase: number;
  offset: number;
  size: number;
}

interface AlignedText {
  tokens: Token[];
  instances: Instance[];
}

/**
 * The text's words and where the query occurs among them, or null when PostgreSQL's words and FTS5's
 * do not line up one to one (a symbol such as "²" inside a word): the caller shows the text unmarked.
 */
function align(text: string, lexemes: TextLexemes | null, terms: HighlightTerms): AlignedText | null {
  const tokens = [...text.matchAll(WORD)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
  const lexemeAt: (string | undefined)[] = Array.from({ length: tokens.length }, () => undefined);
  for (const [lexeme, positions] of lexemes ?? []) {
    for (const position of positions) {
      if (position > tokens.length) return null;
      lexemeAt[position - 1] = lexeme;
    }
  }
  if (lexemeAt.includes(undefined)) return null;
  const phrases = [...terms.words.map((word) => [word]), ...terms.phrases];
  const instances: Instance[] = [];
  phrases.forEach((phrase, number) => {
    if (phrase.length === 0 || phrase.includes("")) return;
    for (let i = 0; i + phrase.length <= lexemeAt.length; i++) {
      if (phrase.every((lexeme, j) => lexemeAt[i + j] === lexeme)) {
        instances.push({ phrase: number, offset: i, size: phrase.length });
      }
    }
  });
  instances.sort((a, b) => a.offset - b.offset || a.phrase - b.phrase);
  return { tokens, instances };
}

/** Overlapping instances as one span of word positions [start, end], as FTS5's CInstIter coalesces them. */
function coalesced(instances: Instance[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const { offset, size } of instances) {
    const last = spans.at(-1);
    if (last && offset <= last[1]) last[1] = Math.max(last[1], offset + size - 1);
    else spans.push([offset, offset + size - 1]);
  }
  return spans;
}

/** The text from word `first` to word `last`, its query spans marked (spans starting before `first` left out). */
function marked(
  text: string,
  tokens: Token[],
  spans: [number, number][],
  first: number,
  last: number,
): string {
  let out = "";
  let from = tokens[first]?.start ?? 0;
  for (const [start, end] of spans) {
    if (start < first || start > last) continue;
    const stop = Math.min(end, last);
    out += `${text.slice(from, tokens[start]!.start)}${HIGHLIGHT_START}${text.slice(tokens[start]!.start, tokens[stop]!.end)}${HIGHLIGHT_END}`;
    from = tokens[stop]!.end;
  }
  return out + text.slice(from, tokens[last]?.end ?? text.length);
}

/** The title with the query's words and phrases marked, as FTS5's highlight() marks them; null: see align. */
export function highlightTitle(
  title: string,
  lexemes: TextLexemes | null,
  terms: HighlightTerms,
): string | null {
  const aligned = align(title, lexemes, terms);
  if (aligned === null) return null;
  const { tokens, instances } = aligned;
  if (tokens.length === 0) return title;
  const body = marked(title, tokens, coalesced(instances), 0, tokens.length - 1);
  return title.slice(0, tokens[0]!.start) + body + title.slice(tokens.at(-1)!.end);
}

/** Word positions that open a sentence (after "." or ":" and a space), as FTS5's snippet finds them. */
function sentenceStarts(text: string, tokens: Token[]): number[] {
  const starts = [0];
  for (let i = 1; i < tokens.length; i++) {
    let j = tokens[i]!.start - 1;
    while (j >= 0 && " \t\n\r".includes(text[j]!)) j--;
    if (j !== tokens[i]!.start - 1 && (text[j] === "." || text[j] === ":")) starts.push(i);
  }
  return starts;
}

/** FTS5's fts5SnippetScore: 1,000 per distinct phrase in the window, 1 per repeat, and where to centre it. */
function windowScore(
  instances: Instance[],
  from: number,
  size: number,
): { score: number; first: number; last: number } {
  const seen = new Set<number>();
  let score = 0;
  let first = -1;
  let last = 0;
  for (const instance of instances) {
    if (instance.offset < from || instance.offset >= from + size) continue;
    score += seen.has(instance.phrase) ? 1 : 1000;
    seen.add(instance.phrase);
    if (first < 0) first = instance.offset;
    last = instance.offset + instance.size;
  }
  return { score, first, last };
}

/**
 * The abstract's best 40 words with the query marked and "…" where text is cut, as FTS5's
 * snippet(…, '…', 40) chooses them: the window holding the most distinct query words, centred on them,
 * or one opening a sentence when that holds as many. Null: see align.
 */
export function abstractSnippet(
  abstract: string,
  lexemes: TextLexemes | null,
  terms: HighlightTerms,
): string | null {
  const aligned = align(abstract, lexemes, terms);
  if (aligned === null) return null;
  const { tokens, instances } = aligned;
  const length = tokens.length;
  const starts = sentenceStarts(abstract, tokens);
  let bestScore = 0;
  let bestStart = 0;
  for (const { offset } of instances) {
    const centred = windowScore(instances, offset, SNIPPET_WORDS);
    let adjusted = centred.first - Math.trunc((SNIPPET_WORDS - (centred.last - centred.first)) / 2);
    if (adjusted + SNIPPET_WORDS > length) adjusted = length - SNIPPET_WORDS;
    if (adjusted < 0) adjusted = 0;
    if (centred.score > bestScore) {
      bestScore = centred.score;
      bestStart = adjusted;
    }
    if (length > SNIPPET_WORDS) {
      let j = 0;
      while (j < starts.length - 1 && starts[j + 1]! <= offset) j++;
      const sentence = starts[j]!;
      if (sentence < offset) {
        const score = windowScore(instances, sentence, SNIPPET_WORDS).score + (sentence === 0 ? 120 : 100);
        if (score > bestScore) {
          bestScore = score;
          bestStart = sentence;
        }
      }
    }
  }
  if (length === 0) return abstract;
  const last = Math.min(bestStart + SNIPPET_WORDS - 1, length - 1);
  const body = marked(abstract, tokens, coalesced(instances), bestStart, last);
  const head = bestStart > 0 ? ELLIPSIS : "";
  const tail = bestStart + SNIPPET_WORDS - 1 >= length - 1 ? abstract.slice(tokens[last]!.end) : ELLIPSIS;
  return head + (bestStart > 0 ? body : abstract.slice(0, tokens[0]!.start) + body) + tail;
}
