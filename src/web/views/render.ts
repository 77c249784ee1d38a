import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";

/** A full HTML document; preact escapes every text and attribute value it renders. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
