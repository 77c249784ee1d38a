import katex from "katex";
import { splitMath } from "../../core/math-text.js";

/**
 * TeX rendered on the server. The one raw HTML on our pages is KaTeX's output, which KaTeX builds
 * itself from the TeX (trust off: no links, no classes, no raw HTML from the input) with bounded size
 * and macro expansion. Pages holding it get KaTeX's stylesheet (views/render).
 */
export function MathMarkup({ tex, display }: { tex: string; display: boolean }) {
  const html = katex.renderToString(tex, {
    displayMode: display,
    throwOnError: false,
    trust: false,
    strict: "ignore",
    maxSize: 20,
    maxExpand: 200,
    output: "htmlAndMathml",
  });
  // A span either way, so display math may stand inside an abstract's paragraph.
  return <span class={display ? "math-display" : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A title or an abstract with its $…$ math typeset; display math stays in the line of a title or card. */
export function MathText({ text, inline = false }: { text: string; inline?: boolean }) {
  return (
    <>
      {splitMath(text).map((part) =>
        part.kind === "text" ? part.text : <MathMarkup tex={part.tex} display={part.display && !inline} />,
      )}
    </>
  );
}
