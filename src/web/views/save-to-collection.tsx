import { useContext } from "preact/hooks";
import { CsrfField } from "./account/csrf-field.js";
import { VisitorContext } from "./visitor-context.js";

/** On a paper's page: put it into one of the visitor's collections. */
export function SaveToCollection({ paperId }: { paperId: string }) {
  const visitor = useContext(VisitorContext);
  if (!visitor) return null;
  if (visitor.collections.length === 0) {
    return (
      <p class="muted">
        <a href="/collections">Create a collection</a> to save papers.
      </p>
    );
  }
  const first = visitor.collections[0]!;
  return (
    <form class="inline-form save-form" method="post" action={`/collections/${first.id}/items`}>
      <CsrfField token={visitor.csrfToken} />
      <input type="hidden" name="paper" value={paperId} />
      <input type="hidden" name="action" value="add" />
      {visitor.collections.length === 1 ? (
        <button class="button button-secondary" type="submit">
          Save to {first.name}
        </button>
      ) : (
        visitor.collections.map((collection) => (
          <button
            class="button button-secondary"
            type="submit"
            formAction={`/collections/${collection.id}/items`}
          >
            Save to {collection.name}
          </button>
        ))
      )}
    </form>
  );
}
