import type { SearchPageModel } from "../presenters/search-page.js";
import { Highlighted } from "./highlighted.js";
import { Layout } from "./layout.js";
import { Pagination } from "./pagination.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

function SearchHelp() {
  return (
    <section class="empty-state" aria-labelledby="search-help">
      <h2 id="search-help">Search titles and abstracts</h2>
      <ul>
        <li>
          <code>diffusion locality</code> — papers with these words, best matches first
        </li>
        <li>
          <code>"vision transformer"</code> — the exact phrase
        </li>
        <li>
          <code>attention -survey</code> — leave out papers with a word
        </li>
      </ul>
    </section>
  );
}

export function renderSearchPage(model: SearchPageModel, visitor: Visitor | null = null): string {
  return renderDocument(
    <Layout title={model.query ? `Search: ${model.query}` : "Search"} query={model.query}>
      <div class="page-head">
        <h1>Search</h1>
        {model.totalText && (
          <p class="page-subtitle" role="status">
            {model.totalText} for <q>{model.query}</q>
          </p>
        )}
      </div>
      {model.notice && <p class="notice">{model.notice}</p>}
      {model.truncatedNotice && <p class="notice">{model.truncatedNotice}</p>}
      {model.totalText === null && <SearchHelp />}
      {model.totalText !== null && model.hits.length === 0 && (
        <p class="empty">No papers match. Try fewer or different words.</p>
      )}
      <div class="cards">
        {model.hits.map((hit) => (
          <PaperCard
            paper={hit.card}
            title={<Highlighted segments={hit.title} />}
            abstract={<Highlighted segments={hit.snippet} />}
          />
        ))}
      </div>
      <Pagination pagination={model.pagination} />
    </Layout>,
    visitor,
  );
}
