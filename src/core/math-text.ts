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

/** Prose between formulas: an escaped dollar is a dollar. */
export function proseText(text: string): string {
  return text.replaceAll("\\$", "$");
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
