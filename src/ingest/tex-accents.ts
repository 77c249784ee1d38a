/**
 * TeX accents and special letters as arXiv metadata writes them (Bal\'azs, Gr\"obner, {\ss}) and the
 * Unicode letters they stand for.
 */
import { mathSpans } from "../core/math-text.js";

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

/** The letter an accent command sits on ("\i" is a dotless i) with the accent's combining mark. */
function accented(accent: string, base = ""): string {
  const letter = base === "\\i" ? "i" : base === "\\j" ? "j" : base;
  return `${letter}${COMBINING_MARKS[accent]}`;
}

/** Replaces TeX accents and special letters with Unicode and removes grouping braces. */
export function texToUnicode(text: string): string {
  if (!text.includes("\\")) return text.replace(/[{}]/g, "");
  return text
    .replace(ACCENT, (_match, accent: string, braced?: string, bare?: string) =>
      accented(accent, braced ?? bare),
    )
    .replace(LETTER, (_match, command: string) => LETTER_COMMANDS[command] ?? "")
    .replace(/[{}]/g, "")
    .normalize("NFC");
}

/**
 * A title's or abstract's prose with its TeX accents as Unicode letters ("Gr\"obner bases" →
 * "Gröbner bases"), so that pages show the letters and search finds the word; math keeps its TeX,
 * and other braces stay, as only an accent's own are part of it.
 */
export function decodeTexAccents(text: string): string {
  if (!text.includes("\\")) return text;
  let decoded = "";
  let last = 0;
  for (const { start, end } of mathSpans(text)) {
    decoded += decodeProse(text.slice(last, start)) + text.slice(start, end);
    last = end;
  }
  return (decoded + decodeProse(text.slice(last))).normalize("NFC");
}

function decodeProse(prose: string): string {
  return prose
    .replace(ACCENT, (match, accent: string, braced?: string, bare?: string) =>
      withUnpairedBraces(match, accented(accent, braced ?? bare)),
    )
    .replace(LETTER, (match, command: string) =>
      withUnpairedBraces(match, LETTER_COMMANDS[command] ?? match),
    );
}

/** The accent patterns take an optional brace on either side; one without its pair belongs to the text. */
function withUnpairedBraces(match: string, letter: string): string {
  const opened = match.split("{").length - match.split("}").length;
  if (opened > 0 && match.startsWith("{")) return `{${letter}`;
  if (opened < 0 && match.endsWith("}")) return `${letter}}`;
  return letter;
}
