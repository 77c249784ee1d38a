import type { ComponentChildren } from "preact";
import { readableText } from "../../core/math-text.js";
import type { CommentThreadModel } from "../presenters/comment-thread.js";
import type { PaperDetailModel } from "../presenters/paper-detail.js";
import type { SimilarPapersModel } from "../presenters/similar-papers.js";
import { CommentsSection } from "./comments-section.js";
import { Layout } from "./layout.js";
import { LinkList } from "./link-list.js";
import { LinkedText } from "./linked-text.js";
import { MathText } from "./math.js";
import { PaperCard } from "./paper-card.js";
import { renderDocument } from "./render.js";
import { SaveToCollection } from "./save-to-collection.js";
import { SortLinks } from "./sort-links.js";
import type { Visitor } from "./visitor-context.js";
import { VoteButton } from "./vote-button.js";

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function SimilarPapers({ model }: { model: SimilarPapersModel }) {
  return (
    <section id="similar" class="similar-papers" aria-labelledby="similar-heading">
      <h2 id="similar-heading">Similar papers</h2>
      <SortLinks label="Order similar papers" links={model.sorts} />
      {model.cards.length === 0 && <p class="empty">{model.emptyText}</p>}
      <div class="cards">
        {model.cards.map((card) => (
          <PaperCard paper={card} />
        ))}
      </div>
    </section>
  );
}

export function renderPaperPage(
  paper: PaperDetailModel,
  similar: SimilarPapersModel,
  visitor: Visitor | null = null,
  thread: CommentThreadModel | null = null,
): string {
  return renderDocument(
    <Layout
      title={readableText(paper.title)}
      description={paper.summary}
      canonicalPath={`/papers/${paper.id}`}
    >
      <article class="paper" aria-labelledby="paper-title">
        {paper.hiddenNotice && (
          <p class="notice" role="status">
            {paper.hiddenNotice}
            {paper.mergedInto && (
              <>
                {" "}
                <a href={paper.mergedInto.href}>
                  <MathText text={paper.mergedInto.text} inline />
                </a>
              </>
            )}
          </p>
        )}
        <p class="paper-kicker">
          <a href={paper.listing.href}>Listed {paper.listing.text}</a>
          <span class="muted"> · arXiv:{paper.id}</span>
        </p>
        <h1 id="paper-title">
          <MathText text={paper.title} inline />
        </h1>
        <p class="paper-authors">{paper.authorCountOnly ?? <LinkList links={paper.authors} />}</p>
        <div class="paper-actions">
          <span class="upvote-badge">
            <VoteButton
              paperId={paper.id}
              upvotes={paper.upvotes}
              href={`/papers/${paper.id}`}
              closed={paper.hiddenNotice !== null}
            />
          </span>
          <a class="button" href={paper.pdfUrl}>
            PDF
          </a>
          <a class="button button-secondary" href={paper.absUrl}>
            arXiv page
          </a>
          {paper.codeLinks.map((link) => (
            <a class="button button-secondary" href={link.href} rel="noopener">
              {link.text}
            </a>
          ))}
          {paper.doi && (
            <a class="button button-secondary" href={paper.doi.href}>
              DOI
            </a>
          )}
          <a class="button button-secondary" href={paper.exports.bibtex}>
            BibTeX
          </a>
          <a class="button button-secondary" href={paper.exports.csl}>
            CSL-JSON
          </a>
        </div>
        <SaveToCollection paperId={paper.id} />
        <section class="paper-abstract" aria-labelledby="abstract-heading">
          <h2 id="abstract-heading">Abstract</h2>
          {paper.paragraphs.map((paragraph) => (
            <p>
              <MathText text={paragraph} />
            </p>
          ))}
        </section>
        <section aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <dl class="facts">
            <Fact label="Submitted">
              <time dateTime={paper.submitted.dateTime}>{paper.submitted.text}</time>
            </Fact>
            {paper.categories.length > 0 && (
              <Fact label="Categories">
                {paper.categories.map((category) => (
                  <a class="tag" href={category.href}>
                    {category.text}
                  </a>
                ))}
              </Fact>
            )}
            {paper.versions.length > 0 && (
              <Fact label="Versions">
                <ol class="versions">
                  {paper.versions.map((version) => (
                    <li>
                      <strong>
                        <a href={version.href}>{version.label}</a>
                      </strong>{" "}
                      {version.date ?? "date unknown"}
                    </li>
                  ))}
                </ol>
              </Fact>
            )}
            {paper.comments && (
              <Fact label="Comments">
                <LinkedText text={paper.comments} />
              </Fact>
            )}
            {paper.journalRef && <Fact label="Journal reference">{paper.journalRef}</Fact>}
            {paper.doi && (
              <Fact label="DOI">
                <a href={paper.doi.href}>{paper.doi.text}</a>
              </Fact>
            )}
            {paper.license && (
              <Fact label="License">
                {paper.license.href ? (
                  <a href={paper.license.href}>{paper.license.text}</a>
                ) : (
                  paper.license.text
                )}
              </Fact>
            )}
          </dl>
        </section>
      </article>
      <SimilarPapers model={similar} />
      {thread && <CommentsSection thread={thread} />}
    </Layout>,
    visitor,
  );
}
