/**
 * Author names from arXiv metadata, which spells them as one string ("A. Bal\'azs, B. Chen and C. Diaz
 * (MIT)") with TeX accents, or as authors_parsed triples ([["Bal\'azs", "A.", ""]]).
 */
import { texToUnicode } from "./tex-accents.js";

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
