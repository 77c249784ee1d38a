import type { PaperListPageModel } from "../presenters/paper-list-page.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";
import { SortedCards } from "./sorted-cards.js";
import type { Visitor } from "./visitor-context.js";

/** Author and category pages: a heading, a feed, and the papers. */
export function renderPaperListPage(model: PaperListPageModel, visitor: Visitor | null): string {
  return renderDocument(
    <Layout title={model.documentTitle} canonicalPath={model.canonicalPath} feeds={[model.feed]}>
      <div class="page-head">
        <h1>{model.heading}</h1>
        <p class="page-subtitle">
          {model.subtitle}
          <span class="muted"> · {model.totalText}</span>
          <span class="muted">
            {" · "}
            <a href={`${model.feed.base}.rss`}>RSS</a> · <a href={`${model.feed.base}.atom`}>Atom</a>
          </span>
        </p>
      </div>
      <SortedCards model={model} />
    </Layout>,
    visitor,
  );
}
