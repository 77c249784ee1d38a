import { h, type VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { type Visitor, VisitorContext } from "./visitor-context.js";

/** A full HTML document; preact escapes every text and attribute value it renders. */
export function renderDocument(page: VNode, visitor: Visitor | null = null): string {
  return `<!doctype html>${renderToString(h(VisitorContext.Provider, { value: visitor }, page))}`;
}
