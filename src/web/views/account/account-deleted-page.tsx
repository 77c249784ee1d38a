import type { ViewerModel } from "../../presenters/viewer.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";

/** Where deleting an account lands: it says what happened, to an anonymous visitor by then. */
export function renderAccountDeletedPage(viewer: ViewerModel | null): string {
  return renderDocument(
    <Layout title="Account deleted" viewer={viewer}>
      <section class="account-box" aria-labelledby="deleted-heading">
        <h1 id="deleted-heading">Your account was deleted</h1>
        <p>
          You are signed out everywhere, and your API tokens no longer work. Signing in with the same address
          later starts a new, empty account.
        </p>
        <p>
          <a href="/">Back to today's papers</a>
        </p>
      </section>
    </Layout>,
  );
}
