import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchQuery } from "../../core/search-query.js";
import type { Parameters } from "./postgres-search.js";

/** A title's lexemes with their 1-based word positions, as `unnest(tsvector)` gives them. */
export type TitleLexemes = [lexeme: string, positions: number[]][];

/** A word as FTS5's unicode61 tokenizer reads one, and as migration 0015 makes PostgreSQL read it. */
const WORD = /[\p{L}\p{N}]+/gu;

/** The query's words and phrases as the title highlight needs them: each word's lexeme, per phrase. */
export interface HighlightTerms {
  words: string[];
  phrases: string[][];
}

/**
 * SQL for the columns the title highlight reads: the title's lexemes by position, and the lexemes of
 * the query's words and phrase words (one statement-wide value), both as JSON.
 */
export function titleHighlightColumns(query: SearchQuery, params: Parameters): string {
  const words = params.add([...query.terms, ...query.phrases.flat()]);
  return `(SELECT json_agg(json_build_array(t.lexeme, t.positions))
       FROM unnest(to_tsvector('paperpulse', paperpulse_search_text(p.title))) AS t) AS title_lexemes,
     (SELECT json_agg(coalesce((tsvector_to_array(to_tsvector('paperpulse', w.word)))[1], '') ORDER BY w.i)
       FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, i)) AS query_lexemes`;
}

/** The query's words and phrases as lexemes, from the `query_lexemes` column, in the query's order. */
export function highlightTerms(query: SearchQuery, lexemes: string[] | null): HighlightTerms {
  const all = lexemes ?? [];
  const words = all.slice(0, query.terms.length);
  let next = query.terms.length;
  const phrases = query.phrases.map((phrase) => {
    const lexemesOfPhrase = all.slice(next, next + phrase.length);
    next += phrase.length;
    return lexemesOfPhrase;
  });
  return { words, phrases };
}

/**
 * The title with its matched words marked as FTS5's highlight() marks them: each query word where it
 * occurs, each phrase as one span where all its words occur in order, overlapping spans merged. Null
 * when PostgreSQL's words and FTS5's do not line up one to one (a symbol such as "²" inside a word).
 */
export function highlightTitle(
  title: string,
  lexemes: TitleLexemes | null,
  terms: HighlightTerms,
): string | null {
  const tokens = [...title.matchAll(WORD)].map((match) => ({
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
  const spans: [number, number][] = [];
  const words = new Set(terms.words.filter((word) => word !== ""));
  lexemeAt.forEach((lexeme, i) => {
    if (words.has(lexeme!)) spans.push([i, i]);
  });
  for (const phrase of terms.phrases) {
    if (phrase.length === 0 || phrase.includes("")) continue;
    for (let i = 0; i + phrase.length <= lexemeAt.length; i++) {
      if (phrase.every((lexeme, j) => lexemeAt[i + j] === lexeme)) spans.push([i, i + phrase.length - 1]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  let marked = "";
  let from = 0;
  for (const [first, last] of merged) {
    const start = tokens[first]!.start;
    const end = tokens[last]!.end;
    marked += `${title.slice(from, start)}${HIGHLIGHT_START}${title.slice(start, end)}${HIGHLIGHT_END}`;
    from = end;
  }
  return marked + title.slice(from);
}
