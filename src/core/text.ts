/** The opening of a text up to `limit` characters, cut at a word, with an ellipsis when cut. */
export function openingPassage(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf(" ", limit);
  return `${text.slice(0, cut > 0 ? cut : limit)}…`;
}

/**
 * Latin letters that Unicode decomposition leaves whole, spelled in base letters as PostgreSQL's
 * unaccent spells them (citation keys are ASCII: "Łukasiewicz" gives "lukasiewicz").
 */
const UNDECOMPOSED_LETTERS: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Ø: "O",
  ø: "o",
  Đ: "D",
  đ: "d",
  Ð: "D",
  ð: "d",
  Ħ: "H",
  ħ: "h",
  ß: "ss",
  ẞ: "SS",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  Þ: "TH",
  þ: "th",
  ı: "i",
};
const UNDECOMPOSED_LETTER = new RegExp(`[${Object.keys(UNDECOMPOSED_LETTERS).join("")}]`, "g");

/** The letters decomposition leaves whole spelled in base letters, the rest as it is: "Łódź" → "Lódź". */
export function foldUndecomposedLetters(text: string): string {
  return text.replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED_LETTERS[letter] ?? letter);
}

/** Text without accents, whatever letter they sit on: "Łukasz Müller-Straße" → "Lukasz Muller-Strasse". */
export function foldAccents(text: string): string {
  return foldUndecomposedLetters(text.normalize("NFKD").replace(/\p{M}/gu, ""));
}

/**
 * A text's length in characters as people count them: Unicode code points, not UTF-16 units, in which
 * an emoji counts twice.
 */
export function characterCount(text: string): number {
  let characters = 0;
  for (const _codePoint of text) characters++;
  return characters;
}
