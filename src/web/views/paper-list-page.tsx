import type { PaperListPageModel } from "../presenters/paper-list-page.js";
import { Layout } from "./layout.js";
import { Pagination } from "./pagination.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
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
      {model.cards.length > 0 && (
        <div class="list-toolbar">
          <h2 class="visually-hidden">Papers</h2>
          <span class="muted">Sort by</span>
          {model.sortLinks.map((link) => (
            <a class="chip" href={link.href} aria-current={link.current ? "true" : undefined}>
              {link.label}
            </a>
          ))}
        </div>
      )}
      {model.emptyMessage && <p class="empty">{model.emptyMessage}</p>}
      <div class="cards">
        {model.cards.map((card) => (
          <PaperCard paper={card} />
        ))}
      </div>
      <Pagination pagination={model.pagination} />
    </Layout>,
    visitor,
  );
}
