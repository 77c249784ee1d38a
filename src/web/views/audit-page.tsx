import type { AuditRowModel } from "../presenters/audit-page.js";
import { CsrfField } from "./account/csrf-field.js";
import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

export function renderAuditPage(rows: AuditRowModel[], visitor: Visitor, notice: string | null): string {
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
      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit log</h2>
        {rows.length === 0 ? (
          <p class="muted">No moderator actions yet.</p>
        ) : (
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
        )}
      </section>
    </Layout>,
    visitor,
  );
}
