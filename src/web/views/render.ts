import { h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { KATEX_STYLESHEET } from "../static-assets.js";
import { type Visitor, VisitorContext } from "./visitor-context.js";

/**
 * KaTeX's output opens with this element; preact escapes every quote in data, so only KaTeX can
 * have written it.
 */
const KATEX_MARKUP = '<span class="katex">';

/**
 * A full HTML document; preact escapes every text and attribute value it renders. Pages with math get
 * KaTeX's stylesheet (and through it, its fonts); the others load nothing more.
 */
export function renderDocument(page: VNode, visitor: Visitor | null = null): string {
  const html = `<!doctype html>${renderToString(h(VisitorContext.Provider, { value: visitor }, page))}`;
  if (!html.includes(KATEX_MARKUP)) return html;
  return html.replace("</head>", `<link rel="stylesheet" href="${KATEX_STYLESHEET}"/></head>`);
}
