import { Layout } from "./layout.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

/** The home page of an empty database: how to get papers in; the header names a signed-in visitor. */
export function renderWelcomePage(visitor: Visitor | null): string {
  return renderDocument(
    <Layout title="PaperPulse" section="today">
      <div class="page-head">
        <h1>Daily Papers</h1>
        <p class="page-subtitle">No papers yet.</p>
      </div>
      <section class="empty-state" aria-labelledby="welcome-heading">
        <h2 id="welcome-heading">Welcome to PaperPulse</h2>
        <p>The database is empty. Import arXiv papers to fill the daily pages:</p>
        <pre>
          <code>npx paperpulse import papers.jsonl</code>
        </pre>
        <p>
          Or start the server with <code>PAPERPULSE_DEMO=true</code> on an empty database to load the bundled
          demo papers.
        </p>
      </section>
    </Layout>,
    visitor,
  );
}
