import type { HighlightedMathPart } from "../../core/search-query.js";
import { MathMarkup } from "./math.js";

/**
 * A title or snippet with matched words as <mark> elements (built from parts, so no markup comes from
 * data) and its math typeset in the line, as on cards.
 */
export function HighlightedMath({ parts }: { parts: HighlightedMathPart[] }) {
  return (
    <>
      {parts.map((part) => {
        const content = part.kind === "text" ? part.text : <MathMarkup tex={part.tex} display={false} />;
        return part.matched ? <mark>{content}</mark> : content;
      })}
    </>
  );
}
