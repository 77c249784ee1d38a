import type { ViewerModel } from "../../presenters/viewer.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import { CsrfField } from "./csrf-field.js";

export function renderLogoutPage(viewer: ViewerModel | null, csrfToken: string): string {
  return renderDocument(
    <Layout title="Sign out" viewer={viewer}>
      <section class="account-box" aria-labelledby="logout-heading">
        <h1 id="logout-heading">Sign out</h1>
        {viewer ? (
          <form class="stack-form" method="post" action="/logout">
            <CsrfField token={csrfToken} />
            <button class="button" type="submit" name="scope" value="this">
              Sign out
            </button>
            <button class="button button-secondary" type="submit" name="scope" value="everywhere">
              Sign out everywhere
            </button>
          </form>
        ) : (
          <p>
            You are not signed in. <a href="/login">Sign in</a>
          </p>
        )}
      </section>
    </Layout>,
  );
}
