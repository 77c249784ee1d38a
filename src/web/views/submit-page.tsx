import type { SubmissionPreviewModel } from "../presenters/submission.js";
import { CsrfField } from "./account/csrf-field.js";
import { Layout } from "./layout.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import type { Visitor } from "./visitor-context.js";

export interface SubmitPageModel {
  input: string;
  preview: SubmissionPreviewModel | null;
  /** Why the paper cannot be submitted (too old, not on arXiv, …). */
  problem: string | null;
  /** Where to go instead: a paper too old to submit is upvoted from its own page. */
  problemLink: { href: string; text: string } | null;
  /** After a confirmed submission. */
  done: string | null;
}

export function renderSubmitPage(model: SubmitPageModel, visitor: Visitor): string {
  return renderDocument(
    <Layout title="Submit a paper">
      <div class="page-head">
        <h1>Submit a paper</h1>
        <p class="page-subtitle muted">
          An arXiv id or link (abs, pdf or html page, any version). Papers join today’s list; one already
          listed gets your upvote instead.
        </p>
      </div>
      {model.done && (
        <p class="notice" role="status">
          {model.done}
        </p>
      )}
      <form class="inline-form" method="get" action="/submit">
        <label for="submit-paper">arXiv id or URL</label>
        <input id="submit-paper" name="paper" value={model.input} required maxLength={300} size={40} />
        <button class="button" type="submit">
          Preview
        </button>
      </form>
      {model.problem && (
        <p class="notice" role="alert">
          {model.problem}
          {model.problemLink && (
            <>
              {" "}
              <a href={model.problemLink.href}>{model.problemLink.text}</a>
            </>
          )}
        </p>
      )}
      {model.preview && (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview</h2>
          <div class="cards">
            <PaperCard paper={model.preview.card} />
          </div>
          <p>{model.preview.message}</p>
          <form method="post" action="/submit">
            <CsrfField token={visitor.csrfToken} />
            <input type="hidden" name="paper" value={model.preview.paperId} />
            <button class="button" type="submit">
              {model.preview.confirmLabel}
            </button>
          </form>
        </section>
      )}
    </Layout>,
    visitor,
  );
}
