/**
 * Author names from arXiv metadata, which spells them as one string ("A. Bal\'azs, B. Chen and C. Diaz
 * (MIT)") with TeX accents, or as authors_parsed triples ([["Bal\'azs", "A.", ""]]).
 */
import { isNameSuffix } from "../core/citation/person-name.js";
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
  const names: string[] = [];
  for (const part of withoutParentheses(texToUnicode(authors)).split(/\s*,\s*(?:and\s+)?|\s+and\s+/)) {
    const name = part.trim();
    if (name === "") continue;
    // A suffix has a comma of its own in the list ("John Smith, Jr., Ada Lovelace").
    if (isNameSuffix(name) && names.length > 0) names[names.length - 1] += ` ${name}`;
    else names.push(name);
  }
  return names;
}

/** One authors_parsed triple ["Last", "First", "Suffix"] → "First Last Suffix". */
export function nameFromParts(parts: readonly string[]): string {
  const [last = "", first = "", suffix = ""] = parts;
  return texToUnicode([first, last, suffix].filter((part) => part.trim() !== "").join(" "));
}
