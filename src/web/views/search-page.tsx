import type { SearchPageModel } from "../presenters/search-page.js";
import type { TopicTrendModel } from "../presenters/topic-trend.js";
import { BarChart } from "./bar-chart.js";
import { HighlightedMath } from "./highlighted.js";
import { Layout } from "./layout.js";
import { Pagination } from "./pagination.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

function SearchHelp() {
  return (
    <section class="empty-state" aria-labelledby="search-help">
      <h2 id="search-help">Search titles, abstracts and authors</h2>
      <ul>
        <li>
          <code>diffusion locality</code> — papers with these words or about them, best matches first
        </li>
        <li>
          <code>"vision transformer"</code> — the exact phrase
        </li>
        <li>
          <code>attention -survey</code>, <code>cat:cs.LG -survey</code> — leave out papers with a word (from
          the papers some words or filters find: exclusions alone search nothing)
        </li>
        <li>
          <code>C++</code>, <code>C#</code>, <code>F#</code> — papers whose title or abstract says it as
          written
        </li>
        <li>
          <code>author:"Yann LeCun"</code> — papers by an author
        </li>
        <li>
          <code>cat:cs.LG</code>, <code>cat:math</code> — papers in a category or a whole archive
        </li>
        <li>
          <code>year:2024</code>, <code>year:2020-2023</code>, <code>after:2025-03</code>,{" "}
          <code>before:2025</code> — papers listed in a period: by the day page that shows them, which can be
          later than the first version's date on a card
        </li>
      </ul>
    </section>
  );
}

function RefineForm({ model }: { model: SearchPageModel }) {
  const { form } = model;
  return (
    <form class="search-refine" action="/search" method="get" aria-label="Refine the search">
      <div class="search-refine-row">
        <label class="search-refine-query">
          <span>Words</span>
          <input
            type="search"
            name="q"
            value={form.q}
            placeholder='attention cat:cs.LG "vision transformer"'
          />
        </label>
        <label>
          <span>Sort by</span>
          <select name="sort">
            {model.sortOptions.map((option) => (
              <option value={option.value} selected={option.selected}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <button class="button" type="submit">
          Search
        </button>
      </div>
      <details class="search-filters" open={model.filtersOpen}>
        <summary>Filters</summary>
        <div class="search-refine-row">
          <label>
            <span>Category</span>
            <input name="category" value={form.category} placeholder="cs.LG, stat.ML" />
          </label>
          <label>
            <span>Author</span>
            <input name="author" value={form.author} placeholder="LeCun" />
          </label>
          <label>
            <span>Listed from</span>
            <input type="date" name="from" value={form.from} />
          </label>
          <label>
            <span>Listed to</span>
            <input type="date" name="to" value={form.to} />
          </label>
        </div>
      </details>
    </form>
  );
}

function TopicTrend({ trend }: { trend: TopicTrendModel }) {
  return (
    <section class="topic-trend" aria-labelledby="trend-heading">
      <h2 id="trend-heading" class="visually-hidden">
        Trend over time
      </h2>
      <BarChart chart={trend.papers} id="trend-papers" />
      <BarChart chart={trend.upvotes} id="trend-upvotes" />
      <p class="muted chart-legend">
        <span class="legend-swatch legend-papers" aria-hidden="true" /> papers per month{" "}
        <span class="legend-swatch legend-votes" aria-hidden="true" /> upvotes per month, over every matching
        paper
      </p>
    </section>
  );
}

export function renderSearchPage(model: SearchPageModel, visitor: Visitor | null = null): string {
  const searched = model.totalText !== null;
  return renderDocument(
    <Layout
      title={searched ? `Search: ${model.description}` : "Search"}
      query={model.form.q}
      feeds={
        model.feedQuery
          ? [{ title: `Search: ${model.description}`, base: "/feeds/search", query: model.feedQuery }]
          : []
      }
    >
      <div class="page-head">
        <h1>Search</h1>
        {searched && (
          <p class="page-subtitle" role="status">
            {model.totalText} — {model.description}
          </p>
        )}
      </div>
      <RefineForm model={model} />
      {model.feedQuery && (
        <p class="feed-links">
          Follow this search: <a href={`/feeds/search.rss?${model.feedQuery}`}>RSS</a> ·{" "}
          <a href={`/feeds/search.atom?${model.feedQuery}`}>Atom</a> · Cite this page:{" "}
          <a href={`/export/search.bib?${model.exportQuery}`}>BibTeX</a> ·{" "}
          <a href={`/export/search.csl.json?${model.exportQuery}`}>CSL-JSON</a>
        </p>
      )}
      {model.notices.map((notice) => (
        <p class="notice">{notice}</p>
      ))}
      {model.truncatedNotice && <p class="notice">{model.truncatedNotice}</p>}
      {model.trend && <TopicTrend trend={model.trend} />}
      {!searched && <SearchHelp />}
      {model.empty && (
        <p class="empty">
          {model.empty.text}
          {model.empty.lastPageHref && (
            <>
              {" "}
              <a href={model.empty.lastPageHref}>Go to the last page</a>
            </>
          )}
        </p>
      )}
      <div class="cards">
        {model.hits.map((hit) => (
          <PaperCard
            paper={hit.card}
            title={<HighlightedMath parts={hit.title} />}
            abstract={
              <>
                {/* First, so the abstract's three-line clamp never hides it. */}
                {hit.relatedTo && <span class="related-terms">{hit.relatedTo} — </span>}
                <HighlightedMath parts={hit.snippet} />
              </>
            }
          />
        ))}
      </div>
      <Pagination pagination={model.pagination} />
    </Layout>,
    visitor,
  );
}
