/**
 * Splits plain text (a title, an abstract) into prose and TeX math, as arXiv writes it: $inline$,
 * $$display$$, \(inline\) and \[display\]. A lone or escaped dollar (\$, "costs $5") stays prose, so
 * text without math comes back as one prose part.
 */
export type MathTextPart = { kind: "text"; text: string } | { kind: "math"; tex: string; display: boolean };

/** Longer "math" is more likely two stray dollars around prose than a formula. */
const MAX_TEX_CHARS = 400;

const MATH =
  /(?<!\\)\$\$([^$]{1,400}?)\$\$|(?<![\\$])\$(?!\s)([^$\n]{1,400}?)(?<![\s\\])\$(?!\d)|\\\(([\s\S]{1,400}?)\\\)|\\\[([\s\S]{1,400}?)\\\]/g;

/** Where math stands in a text: [start, end) in UTF-16 units, with its TeX. */
export interface MathSpan {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

export function mathSpans(text: string): MathSpan[] {
  const spans: MathSpan[] = [];
  for (const match of text.matchAll(MATH)) {
    const [whole, displayDollars, inlineDollars, inlineParens, displayBrackets] = match;
    const tex = (displayDollars ?? inlineDollars ?? inlineParens ?? displayBrackets ?? "").trim();
    if (tex === "" || tex.length > MAX_TEX_CHARS) continue;
    const display = displayDollars !== undefined || displayBrackets !== undefined;
    spans.push({ start: match.index, end: match.index + whole.length, tex, display });
  }
  return spans;
}

/** Text-mode emphasis that abstracts use outside math ("\\emph{zero-shot}"): its words are kept, the command dropped. */
const TEXT_FONT_COMMANDS = /\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|underline)\s*\{([^{}$]*)\}/g;
/** TeX's escaped specials, read as the characters they print. */
const ESCAPED_SPECIAL = /\\([$%&#_])/g;

/**
 * Prose between formulas, as TeX would print it: escaped specials ("\\$", "\\%") are the characters,
 * ``quotes'' are typographic quotes, and text-mode emphasis keeps its words without the command.
 */
export function proseText(text: string): string {
  return text
    .replace(TEXT_FONT_COMMANDS, "$1")
    .replace(ESCAPED_SPECIAL, "$1")
    .replaceAll("``", "\u201C")
    .replaceAll("''", "\u201D");
}

/**
 * Where text-mode emphasis wraps words: the indices of each "\\emph{" and its "}", which prose drops.
 * For text cut into pieces (search highlights) that may split a command between two of them.
 */
export function emphasisWrappers(text: string): Set<number> {
  const wrappers = new Set<number>();
  for (const match of text.matchAll(TEXT_FONT_COMMANDS)) {
    const opening = match[0].length - (match[1] ?? "").length - 1;
    for (let index = 0; index < opening; index++) wrappers.add(match.index + index);
    wrappers.add(match.index + match[0].length - 1);
  }
  return wrappers;
}

export function splitMath(text: string): MathTextPart[] {
  const parts: MathTextPart[] = [];
  let last = 0;
  for (const { start, end, tex, display } of mathSpans(text)) {
    if (start > last) parts.push({ kind: "text", text: proseText(text.slice(last, start)) });
    parts.push({ kind: "math", tex, display });
    last = end;
  }
  if (last < text.length) parts.push({ kind: "text", text: proseText(text.slice(last)) });
  return parts;
}

/**
 * The text as one string where math cannot be typeset (a page's <title>, a feed item): prose read as TeX
 * prints it, formulas kept as $TeX$.
 */
export function readableText(text: string): string {
  return splitMath(text)
    .map((part) => (part.kind === "text" ? part.text : part.display ? `$$${part.tex}$$` : `$${part.tex}$`))
    .join("");
}
