import type { ForYouPageModel } from "../presenters/for-you-page.js";
import { Layout } from "./layout.js";
import { MathText } from "./math.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import { siteFeatures } from "./site-features.js";
import { SortLinks } from "./sort-links.js";
import type { Visitor } from "./visitor-context.js";

export function renderForYouPage(model: ForYouPageModel, visitor: Visitor | null): string {
  return renderDocument(
    <Layout title="For you">
      <div class="page-head">
        <h1>For you</h1>
        <p class="page-subtitle muted">{model.explanation}</p>
      </div>
      <SortLinks label="Period" links={model.periods} />
      {model.emptyText && <p class="empty">{model.emptyText}</p>}
      {siteFeatures().digests && model.cards.length > 0 && (
        <p class="muted">
          In your inbox too: a personal <a href="/me/digest">email digest</a> with “papers like my upvoted and
          saved papers” sends the new ones daily or weekly.
        </p>
      )}
      {/* The cards' titles are h3: this keeps the outline from skipping a level. */}
      {model.cards.length > 0 && <h2 class="visually-hidden">Recommended papers</h2>}
      <div class="cards">
        {model.cards.map(({ card, likeTitle, likeHref }) => (
          <PaperCard
            paper={card}
            abstract={
              <>
                {/* First, so the abstract's three-line clamp never hides it. */}
                <span class="related-terms">
                  Like{" "}
                  <a href={likeHref}>
                    <MathText text={likeTitle} inline />
                  </a>{" "}
                  —{" "}
                </span>
                <MathText text={card.abstractPreview} inline />
              </>
            }
          />
        ))}
      </div>
    </Layout>,
    visitor,
  );
}
