/**
 * Words and lengths for an FTS5-like BM25 (ADR 0016). The `paperpulse` configuration now tokenises as
 * SQLite's `porter unicode61` does: Porter's original stemmer (Snowball's `porter`), no stopwords (FTS5
 * indexes every word, so "not" counts in an all-words match on both tiers), and hyphenated words only
 * as their parts. Every stored vector is recomputed under it. `search_length` is each paper's length
 * in whitespace-separated words over title, abstract and authors: BM25's document length, within ~3%
 * of FTS5's token count relative to the mean (a regular expression counting tokens exactly costs
 * about half of to_tsvector again on every write). Ranking reads the vector of every ranked match:
 * stored MAIN, it stays in the row (compressed) rather than in TOAST, one lookup per read.
 */
export const sql = `
CREATE TEXT SEARCH DICTIONARY paperpulse_porter (TEMPLATE = snowball, Language = porter);
ALTER TEXT SEARCH CONFIGURATION paperpulse DROP MAPPING IF EXISTS FOR asciihword, hword, numhword;
ALTER TEXT SEARCH CONFIGURATION paperpulse
  ALTER MAPPING FOR asciiword, hword_asciipart WITH paperpulse_porter;
ALTER TEXT SEARCH CONFIGURATION paperpulse
  ALTER MAPPING FOR word, hword_part, numword, hword_numpart WITH public.unaccent, paperpulse_porter;

ALTER TABLE papers
  DROP COLUMN search_vector,
  ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('paperpulse', title), 'A') ||
    setweight(to_tsvector('paperpulse', abstract), 'B') ||
    setweight(to_tsvector('paperpulse', author_names), 'C')
  ) STORED,
  ADD COLUMN search_length INTEGER GENERATED ALWAYS AS (
    1 + char_length(title || ' ' || abstract || ' ' || author_names)
      - char_length(translate(title || ' ' || abstract || ' ' || author_names, E' \\n\\t', ''))
  ) STORED,
  ALTER COLUMN search_vector SET STORAGE MAIN;
CREATE INDEX papers_search ON papers USING GIN (search_vector);
`;
