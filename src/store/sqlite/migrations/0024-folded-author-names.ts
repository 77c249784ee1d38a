/**
 * Author names holding a letter that decomposition leaves whole ("Łukasz", "Straße", "Øyvind") gain
 * their spelling in base letters in the full-text index's author column, those names alone
 * ("Łukasz Kaiser, Ada Lovelace; Lukasz Kaiser"), as `authorNames` writes new rows: FTS5's unicode61 drops accents but keeps these letters, so
 * `author:lukasz` found no "Łukasz". The affected rows' index entries are moved with them. During a bulk
 * load the index does not hold every row yet: the load is marked stale instead, so that its end rebuilds
 * the index from the table.
 */
const LETTERS = "'*[ŁłØøĐđÐðĦħßẞÆæŒœÞþı]*'";
const AFFECTED = `author_names GLOB ${LETTERS}`;
const BULK_LOAD = "(SELECT 1 FROM source_state WHERE key = 'search-index:bulk-load')";

export const sql = `
INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names)
  SELECT 'delete', rowid, title, abstract, author_names FROM papers
  WHERE ${AFFECTED} AND NOT EXISTS ${BULK_LOAD};
UPDATE source_state SET value = json_set(value, '$.stale', json('true'))
  WHERE key = 'search-index:bulk-load' AND json_valid(value) AND EXISTS (SELECT 1 FROM papers WHERE ${AFFECTED});
UPDATE papers SET author_names = author_names || '; ' || (
  SELECT group_concat(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(value, 'Ł', 'L'), 'ł', 'l'), 'Ø', 'O'), 'ø', 'o'), 'Đ', 'D'), 'đ', 'd'), 'Ð', 'D'), 'ð', 'd'), 'Ħ', 'H'), 'ħ', 'h'), 'ß', 'ss'), 'ẞ', 'SS'), 'Æ', 'AE'), 'æ', 'ae'), 'Œ', 'OE'), 'œ', 'oe'), 'Þ', 'TH'), 'þ', 'th'), 'ı', 'i'), ', ' ORDER BY key)
  FROM json_each(papers.authors) WHERE value GLOB ${LETTERS}
)
  WHERE ${AFFECTED};
INSERT INTO papers_fts (rowid, title, abstract, author_names)
  SELECT rowid, title, abstract, author_names FROM papers
  WHERE ${AFFECTED} AND NOT EXISTS ${BULK_LOAD};
`;
