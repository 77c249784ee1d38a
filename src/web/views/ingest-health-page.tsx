import type { IngestHealthPageModel } from "../presenters/ingest-health-page.js";
import type { RunRowModel } from "../presenters/ingest-health-runs.js";
import type { ViewerModel } from "../presenters/viewer.js";
import { BarChart } from "./bar-chart.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";

function RunsTable({ runs }: { runs: RunRowModel[] }) {
  if (runs.length === 0) return <p class="empty">No ingest run has been recorded yet.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col">Counts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr>
              <td>
                <code>{run.source}</code>
              </td>
              <td>
                <time dateTime={run.startedAt}>{run.startedText}</time>
              </td>
              <td>{run.durationText}</td>
              <td>
                <span class={`status-badge status-${run.status}`}>{run.statusLabel}</span>
              </td>
              <td>
                {run.counts.length > 0 ? (
                  <dl class="run-counts">
                    {run.counts.map((count) => (
                      <div>
                        <dt>{count.name}</dt>
                        <dd>{count.value}</dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <span class="muted">—</span>
                )}
              </td>
              <td class="run-error">{run.error ?? <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CategoryTable({ categories }: { categories: IngestHealthPageModel["categories"] }) {
  if (categories.rows.length === 0) return <p class="empty">No papers in this window.</p>;
  return (
    <div class="table-scroll">
      <table class="data-table numeric">
        <caption class="visually-hidden">Papers per primary category per day, newest day first</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {categories.headers.map((category) => (
              <th scope="col">{category}</th>
            ))}
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {categories.rows.map((row) => (
            <tr>
              <th scope="row">
                <a href={row.day.href}>{row.day.label}</a>
              </th>
              {row.cells.map((cell) => (
                <td>{cell}</td>
              ))}
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** GET /admin/ingest: is ingestion keeping up, and which announcement days are missing? */
export function renderIngestHealthPage(model: IngestHealthPageModel, viewer: ViewerModel | null): string {
  return renderDocument(
    <Layout title="Ingestion health" viewer={viewer}>
      <div class="page-head">
        <h1>Ingestion health</h1>
        <p class="page-subtitle">
          {model.windowText}
          {model.latestDay && (
            <span class="muted">
              {" "}
              · latest day <a href={model.latestDay.href}>{model.latestDay.label}</a>
            </span>
          )}
        </p>
      </div>
      <nav class="segmented window-choice" aria-label="Window">
        {model.windowLinks.map((link) => (
          <a href={link.href} aria-current={link.current ? "page" : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      {model.emptyMessage && <p class="empty">{model.emptyMessage}</p>}
      <dl class="health-stats">
        {model.stats.map((stat) => (
          <div class={stat.alert ? "health-stat alert" : "health-stat"}>
            <dt>{stat.label}</dt>
            <dd>{stat.value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="chart-heading">
        <h2 id="chart-heading">Papers per day</h2>
        {model.chart && <BarChart chart={model.chart} id="papers-per-day" />}
        <p class="muted chart-legend">
          <span class="legend-swatch legend-papers" aria-hidden="true" /> papers{" "}
          <span class="legend-swatch legend-gap" aria-hidden="true" /> weekday without papers (gap)
        </p>
      </section>

      <section aria-labelledby="gaps-heading">
        <h2 id="gaps-heading">Gaps</h2>
        <p class="muted">
          Weekdays (New York) without papers. arXiv announces Sunday to Thursday evenings, so papers appear
          Monday to Friday; its holidays show up here too.
        </p>
        {model.gaps.length > 0 ? (
          <ul class="gap-list">
            {model.gaps.map((gap) => (
              <li>
                <a href={gap.href}>{gap.label}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="empty">No gaps in this window.</p>
        )}
      </section>

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading">Recent runs</h2>
        <RunsTable runs={model.runs} />
      </section>

      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Papers per category per day</h2>
        <CategoryTable categories={model.categories} />
      </section>
    </Layout>,
  );
}
