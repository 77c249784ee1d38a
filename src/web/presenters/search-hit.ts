import { type HighlightSegment, splitHighlights } from "../../core/search-query.js";
import type { RankedHit } from "../../search/search-service.js";
import { presentPaperJson } from "./paper-json.js";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Highlight marks as HTML: the text escaped first, then matched segments wrapped in <mark>. */
export function highlightsToHtml(marked: string): string {
  return splitHighlights(marked)
    .map((segment: HighlightSegment) =>
      segment.matched ? `<mark>${escapeHtml(segment.text)}</mark>` : escapeHtml(segment.text),
    )
    .join("");
}

export function presentSearchHitJson(hit: RankedHit) {
  return {
    paper: presentPaperJson(hit.paper),
    score: hit.score,
    titleHighlighted: highlightsToHtml(hit.titleHighlighted),
    snippet: highlightsToHtml(hit.abstractSnippet),
    foundBy: hit.foundBy,
    relatedTerms: hit.relatedTerms,
  };
}
