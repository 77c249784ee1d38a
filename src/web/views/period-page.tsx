import type { PeriodPageModel } from "../presenters/period-page.js";
import { SubscribeForm } from "./digest/subscribe-form.js";
import { Layout, type NavSection } from "./layout.js";
import { renderDocument } from "./render.js";
import { SortedCards } from "./sorted-cards.js";
import type { Visitor } from "./visitor-context.js";

const SECTIONS: Record<PeriodPageModel["kind"], NavSection> = { day: "today", week: "week", month: "month" };

function PeriodNav({ model }: { model: PeriodPageModel }) {
  return (
    <nav class="period-nav" aria-label="Periods">
      {model.previous ? (
        <a class="period-step" href={model.previous.href} rel="prev">
          {model.previous.label}
        </a>
      ) : (
        <span class="period-step" />
      )}
      <div class="segmented">
        {model.switcher.map((link) => (
          <a href={link.href} aria-current={link.current ? "page" : undefined}>
            {link.label}
          </a>
        ))}
      </div>
      {model.next ? (
        <a class="period-step period-step-next" href={model.next.href} rel="next">
          {model.next.label}
        </a>
      ) : (
        <span class="period-step" />
      )}
    </nav>
  );
}

/** Home, day, week and month pages: one list view, different periods. */
export function renderPeriodPage(
  model: PeriodPageModel,
  isHome: boolean,
  visitor: Visitor | null = null,
): string {
  return renderDocument(
    <Layout
      title={isHome && (model.pagination?.page ?? 1) === 1 ? "PaperPulse" : model.documentTitle}
      section={isHome ? "today" : SECTIONS[model.kind]}
      canonicalPath={model.canonicalPath}
    >
      <div class="page-head">
        <h1>{model.heading}</h1>
        <p class="page-subtitle">
          <time dateTime={model.dateTime}>{model.periodText}</time>
          <span class="muted"> · {model.totalText}</span>
        </p>
      </div>
      {isHome && <SubscribeForm id="home-subscribe-email" />}
      <PeriodNav model={model} />
      <SortedCards model={model} />
    </Layout>,
    visitor,
  );
}
