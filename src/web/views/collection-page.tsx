import type { CollectionItemModel, CollectionPageModel } from "../presenters/collections.js";
import { plural } from "../presenters/format.js";
import { CsrfField } from "./account/csrf-field.js";
import { Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

function ItemControls({
  item,
  model,
  csrf,
}: {
  item: CollectionItemModel;
  model: CollectionPageModel;
  csrf: string;
}) {
  const action = `/collections/${model.id}/items`;
  return (
    <div class="comment-actions">
      <form class="inline-form" method="post" action={action}>
        <CsrfField token={csrf} />
        <input type="hidden" name="paper" value={item.paperId} />
        <button
          class="button button-secondary"
          type="submit"
          name="action"
          value={item.read ? "unread" : "read"}
        >
          {item.read ? "Mark unread" : "Mark as read"}
        </button>
        <button class="button button-secondary" type="submit" name="action" value="remove">
          Remove
        </button>
      </form>
      <form class="inline-form" method="post" action={action}>
        <CsrfField token={csrf} />
        <input type="hidden" name="paper" value={item.paperId} />
        <input type="hidden" name="action" value="note" />
        <input
          name="note"
          value={item.note}
          maxLength={5_000}
          placeholder="Private note"
          aria-label="Private note"
        />
        <button class="button button-secondary" type="submit">
          Save note
        </button>
      </form>
    </div>
  );
}

/** Visibility, rename and delete; deleting is behind a disclosure that says what goes, so one click cannot do it. */
function OwnerControls({ model, csrf }: { model: CollectionPageModel; csrf: string }) {
  return (
    <div class="collection-owner-controls">
      <form class="inline-form" method="post" action={`/collections/${model.id}/visibility`}>
        <CsrfField token={csrf} />
        <input type="hidden" name="public" value={model.isPublic ? "false" : "true"} />
        <button class="button button-secondary" type="submit">
          {model.isPublic ? "Make private" : "Make public"}
        </button>
        {model.isPublic && (
          <span class="muted">Anyone with the address {model.publicUrlPath} can see it.</span>
        )}
      </form>
      <details>
        <summary>Rename</summary>
        <form class="inline-form" method="post" action={`/collections/${model.id}/rename`}>
          <CsrfField token={csrf} />
          <label for="collection-rename">New name</label>
          <input id="collection-rename" name="name" value={model.name} required maxLength={100} />
          <button class="button" type="submit">
            Save name
          </button>
        </form>
      </details>
      <details>
        <summary>Delete this collection</summary>
        <form class="stack-form" method="post" action={`/collections/${model.id}/delete`}>
          <CsrfField token={csrf} />
          <p>
            Deleting “{model.name}” cannot be undone: its list of papers, your notes and read marks go with
            it, and its address, feeds and citation exports stop working. The papers themselves stay on the
            site.
          </p>
          <button class="button button-danger" type="submit">
            Delete “{model.name}” for good
          </button>
        </form>
      </details>
    </div>
  );
}

export function renderCollectionPage(model: CollectionPageModel, visitor: Visitor | null): string {
  const csrf = visitor?.csrfToken ?? "";
  return renderDocument(
    <Layout
      title={model.name}
      feeds={
        model.isPublic ? [{ title: `Collection: ${model.name}`, base: `/feeds/collection/${model.id}` }] : []
      }
    >
      <div class="page-head">
        <h1>{model.name}</h1>
        <p class="page-subtitle muted">
          {model.isPublic ? "Public collection" : "Private collection"} ·{" "}
          {plural(model.items.length, "paper")}
          {model.hiddenByModerators && ` · ${model.hiddenByModerators}`}
          {model.items.length > 0 && (
            <>
              {" · "}
              <a href={model.exports.bibtex}>BibTeX</a> · <a href={model.exports.csl}>CSL-JSON</a>
            </>
          )}
        </p>
      </div>
      {model.isOwner && <OwnerControls model={model} csrf={csrf} />}
      {model.items.length === 0 && <p class="empty">No papers in this collection yet.</p>}
      <div class="cards">
        {model.items.map((item) => (
          <div class={item.read ? "collection-item is-read" : "collection-item"}>
            <PaperCard paper={item.card} />
            {item.read && <span class="tag">read</span>}
            {item.hidden && <span class="tag">hidden by moderators</span>}
            {model.isOwner && <ItemControls item={item} model={model} csrf={csrf} />}
          </div>
        ))}
      </div>
    </Layout>,
    visitor,
  );
}
