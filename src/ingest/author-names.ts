/**
 * Author names from arXiv metadata, which spells them as one string ("A. Bal\'azs, B. Chen and C. Diaz
 * (MIT)") with TeX accents, or as authors_parsed triples ([["Bal\'azs", "A.", ""]]).
 */

/** TeX accent commands and the Unicode combining mark each one adds. */
const COMBINING_MARKS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  c: "\u0327",
  v: "\u030C",
  u: "\u0306",
  H: "\u030B",
  k: "\u0328",
  r: "\u030A",
};
const LETTER_COMMANDS: Record<string, string> = {
  ss: "ß",
  o: "ø",
  O: "Ø",
  l: "ł",
  L: "Ł",
  ae: "æ",
  AE: "Æ",
  oe: "œ",
  OE: "Œ",
  aa: "å",
  AA: "Å",
  i: "ı",
  j: "ȷ",
};
// \'a  \'{a}  {\'a}  \c{c}  \v s  \"{\i}
const ACCENT = /\{?\\(['`^"~=.]|[cvuHkr](?=[\s{]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))\}?/g;
const LETTER = /\{?\\(ss|ae|AE|oe|OE|aa|AA|[oOlLij])(?![A-Za-z])\s*(?:\{\})?\}?/g;

/** Replaces TeX accents and special letters with Unicode and removes grouping braces. */
export function texToUnicode(text: string): string {
  if (!text.includes("\\")) return text.replace(/[{}]/g, "");
  return text
    .replace(ACCENT, (_match, accent: string, braced?: string, bare?: string) => {
      const base = braced ?? bare ?? "";
      const letter = base === "\\i" ? "i" : base === "\\j" ? "j" : base;
      return `${letter}${COMBINING_MARKS[accent]}`;
    })
    .replace(LETTER, (_match, command: string) => LETTER_COMMANDS[command] ?? "")
    .replace(/[{}]/g, "")
    .normalize("NFC");
}

/** Removes parenthesised affiliations, nested ones included: "A (1), B ((1) MIT)" → "A , B ". */
function withoutParentheses(text: string): string {
  let depth = 0;
  let result = "";
  for (const char of text) {
    if (char === "(") depth++;
    else if (char === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0) result += char;
  }
  return result;
}

/** "A, B and C" (also "A and B", "A, B, and C") → names in order, accents decoded. */
export function splitAuthorString(authors: string): string[] {
  return withoutParentheses(texToUnicode(authors))
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** One authors_parsed triple ["Last", "First", "Suffix"] → "First Last Suffix". */
export function nameFromParts(parts: readonly string[]): string {
  const [last = "", first = "", suffix = ""] = parts;
  return texToUnicode([first, last, suffix].filter((part) => part.trim() !== "").join(" "));
}
