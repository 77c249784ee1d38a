import type { AuditRowModel } from "../presenters/audit-page.js";
import { CsrfField } from "./account/csrf-field.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

/** `notice`: what the last action did; `problem`: why it was refused, shown above the forms to correct it. */
export function renderAuditPage(
  rows: AuditRowModel[],
  visitor: Visitor,
  notice: string | null,
  problem: string | null = null,
): string {
  return renderDocument(
    <Layout title="Moderation">
      <div class="page-head">
        <h1>Moderation</h1>
        <p class="page-subtitle muted">Every moderator action, newest first (times in UTC).</p>
      </div>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {problem && (
        <p class="form-error" role="alert">
          {problem}
        </p>
      )}
      <section aria-labelledby="suspend-heading">
        <h2 id="suspend-heading">Suspend an account</h2>
        <form class="inline-form" method="post" action="/admin/users/suspend">
          <CsrfField token={visitor.csrfToken} />
          <input
            name="email"
            type="email"
            required
            maxLength={254}
            placeholder="person@example.org"
            aria-label="Email"
          />
          <input name="reason" maxLength={500} placeholder="Reason" aria-label="Reason" />
          <select name="suspended" aria-label="Action">
            <option value="true">Suspend</option>
            <option value="false">Lift suspension</option>
          </select>
          <button class="button" type="submit">
            Apply
          </button>
        </form>
      </section>
      <section aria-labelledby="hide-paper-heading">
        <h2 id="hide-paper-heading">Hide a paper</h2>
        <p class="muted">
          A hidden paper leaves the lists, search, feeds and what others see of collections; its own page
          stays.
        </p>
        <form class="inline-form" method="post" action="/admin/papers/hide">
          <CsrfField token={visitor.csrfToken} />
          <input name="paper" required maxLength={300} placeholder="2509.09672" aria-label="Paper" />
          <input name="reason" maxLength={500} placeholder="Reason" aria-label="Reason" />
          <select name="hidden" aria-label="Action">
            <option value="true">Hide</option>
            <option value="false">List again</option>
          </select>
          <button class="button" type="submit">
            Apply
          </button>
        </form>
      </section>
      <section aria-labelledby="merge-heading">
        <h2 id="merge-heading">Merge a duplicate</h2>
        <p class="muted">
          The duplicate's votes move to the paper kept (one per person) and the duplicate is hidden.
        </p>
        <form class="inline-form" method="post" action="/admin/papers/merge">
          <CsrfField token={visitor.csrfToken} />
          <input name="duplicate" required maxLength={300} placeholder="Duplicate" aria-label="Duplicate" />
          <input name="kept" required maxLength={300} placeholder="Paper kept" aria-label="Paper kept" />
          <input name="reason" maxLength={500} placeholder="Reason" aria-label="Reason" />
          <button class="button" type="submit">
            Merge
          </button>
        </form>
      </section>
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        {rows.length === 0 ? (
          <p class="muted">No moderator actions yet.</p>
        ) : (
          <div class="table-scroll">
            <table class="data-table">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Who</th>
                  <th>Action</th>
                  <th>Target</th>
                  <th>Reason</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr>
                    <td>{row.at}</td>
                    <td>{row.actor}</td>
                    <td>{row.action}</td>
                    <td>{row.target}</td>
                    <td>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>,
    visitor,
  );
}
