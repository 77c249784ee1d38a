import type { HighlightSegment } from "../../core/search-query.js";

/** Matched words as <mark> elements, built from segments so no markup ever comes from data. */
export function Highlighted({ segments }: { segments: HighlightSegment[] }) {
  return <>{segments.map((segment) => (segment.matched ? <mark>{segment.text}</mark> : segment.text))}</>;
}
