/**
 * Author filters compare names in base letters (`authorNameWords`: "Łukasz" → "lukasz"), so the words
 * stored for the filter's index are spelled that way too; before, `author:lukasz` found no "Łukasz"
 * (decomposition leaves "ł", "ø", "ß"… whole). The words are lower-cased already, so only lower-case
 * letters occur. The search vector needs nothing: its unaccent dictionary spells them so already.
 */
export const sql = `
UPDATE papers SET author_words = (replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(author_words::text, 'ł', 'l'), 'ø', 'o'), 'đ', 'd'), 'ð', 'd'), 'ħ', 'h'), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'), 'þ', 'th'), 'ı', 'i'))::jsonb
  WHERE author_words::text ~ '[łøđðħßæœþı]';
`;
