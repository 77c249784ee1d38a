import type { CollectionSummaryModel } from "../presenters/collections.js";
import type { PaperCardModel } from "../presenters/paper-card.js";
import { CsrfField } from "./account/csrf-field.js";
import { Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

export interface CollectionsPageModel {
  collections: CollectionSummaryModel[];
  query: string;
  /** Saved papers matching the query; null when there is no query. */
  found: PaperCardModel[] | null;
}

export function renderCollectionsPage(model: CollectionsPageModel, visitor: Visitor): string {
  return renderDocument(
    <Layout title="Your collections">
      <div class="page-head">
        <h1>Your collections</h1>
      </div>
      {model.collections.length === 0 ? (
        <p class="muted">No collections yet.</p>
      ) : (
        <ul>
          {model.collections.map((collection) => (
            <li>
              <a href={collection.href}>{collection.name}</a> <span class="muted">{collection.detail}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" method="post" action="/collections">
        <CsrfField token={visitor.csrfToken} />
        <label for="collection-name">New collection</label>
        <input id="collection-name" name="name" required maxLength={100} />
        <label>
          <input type="checkbox" name="public" value="true" /> public
        </label>
        <button class="button" type="submit">
          Create
        </button>
      </form>
      <section aria-labelledby="saved-search-heading">
        <h2 id="saved-search-heading">Search your saved papers</h2>
        <form class="inline-form" method="get" action="/collections">
          <label class="visually-hidden" for="saved-search">
            Words
          </label>
          <input id="saved-search" type="search" name="q" value={model.query} maxLength={500} />
          <button class="button" type="submit">
            Search saved
          </button>
        </form>
        {model.found && model.found.length === 0 && <p class="muted">None of your saved papers match.</p>}
        {model.found && (
          <div class="cards">
            {model.found.map((card) => (
              <PaperCard paper={card} />
            ))}
          </div>
        )}
      </section>
    </Layout>,
    visitor,
  );
}
