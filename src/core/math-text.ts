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

export function splitMath(text: string): MathTextPart[] {
  const parts: MathTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(MATH)) {
    const [whole, displayDollars, inlineDollars, inlineParens, displayBrackets] = match;
    const tex = (displayDollars ?? inlineDollars ?? inlineParens ?? displayBrackets ?? "").trim();
    if (tex === "" || tex.length > MAX_TEX_CHARS) continue;
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "math", tex, display: displayDollars !== undefined || displayBrackets !== undefined });
    last = match.index + whole.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts.map((part) =>
    part.kind === "text" ? { kind: "text", text: part.text.replaceAll("\\$", "$") } : part,
  );
}
