import type { TrendingPageModel } from "../presenters/trending-page.js";
import { type FeedLink, Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

const TRENDING_FEED: FeedLink = { title: "PaperPulse trending papers", base: "/feeds/trending" };

export function renderTrendingPage(model: TrendingPageModel, visitor: Visitor | null): string {
  return renderDocument(
    <Layout title="Trending" section="trending" feeds={[TRENDING_FEED]}>
      <div class="page-head">
        <h1>Trending</h1>
        <p class="page-subtitle muted">{model.explanation}</p>
      </div>
      {model.cards.length === 0 && <p class="empty">No votes in the last days yet.</p>}
      <div class="cards">
        {model.cards.map((card) => (
          <PaperCard paper={card} />
        ))}
      </div>
    </Layout>,
    visitor,
  );
}
