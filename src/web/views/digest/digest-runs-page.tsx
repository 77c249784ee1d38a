import type { DigestRunModel } from "../../presenters/digest-runs.js";
import { Layout } from "../layout.js";
import { renderDocument } from "../render.js";
import type { Visitor } from "../visitor-context.js";

/** GET /admin/digests — the latest digest runs. */
export function renderDigestRunsPage(runs: DigestRunModel[], visitor: Visitor): string {
  return renderDocument(
    <Layout title="Digest runs">
      <div class="page-head">
        <h1>Digest runs</h1>
        <p class="page-subtitle muted">
          The latest runs, newest first (times in UTC). Sent and failed count each run's digests as they stand
          now, those whose record the 30-day retention let go included; waiting ones are prepared and not yet
          sent or failed.
        </p>
      </div>
      {runs.length === 0 ? (
        <p class="muted">No digest runs yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="data-table">
            <thead>
              <tr>
                <th>Started</th>
                <th>Finished</th>
                <th>Due</th>
                <th>Sent</th>
                <th>Skipped</th>
                <th>Failed</th>
                <th>Waiting</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr>
                  <td>{run.started}</td>
                  <td>{run.finished}</td>
                  <td>{run.due}</td>
                  <td>{run.sent}</td>
                  <td>{run.skipped}</td>
                  <td>{run.failed}</td>
                  <td>{run.waiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>,
    visitor,
  );
}
