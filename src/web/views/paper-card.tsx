import type { ComponentChildren } from "preact";
import type { PaperCardModel } from "../presenters/paper-card.js";
import { LinkList } from "./link-list.js";
import { MathText } from "./math.js";
import { VoteButton } from "./vote-button.js";

interface PaperCardProps {
  paper: PaperCardModel;
  /** Replaces the plain title and abstract preview, e.g. with search highlights. */
  title?: ComponentChildren;
  abstract?: ComponentChildren;
}

export function PaperCard({ paper, title, abstract }: PaperCardProps) {
  return (
    <article class="card">
      <div class="card-votes">
        <VoteButton paperId={paper.id} upvotes={paper.upvotes} href={paper.href} />
      </div>
      <div class="card-body">
        <h3 class="card-title">
          <a href={paper.href}>{title ?? <MathText text={paper.title} inline />}</a>
        </h3>
        <p class="card-abstract">{abstract ?? <MathText text={paper.abstractPreview} inline />}</p>
        <p class="card-meta">
          {(paper.authors.length > 0 || paper.authorsRest) && (
            <span class="card-authors">
              <LinkList links={paper.authors} />
              {paper.authorsRest && ` ${paper.authorsRest}`}
            </span>
          )}
          <time dateTime={paper.dateTime}>{paper.date}</time>
          {paper.categories.map((category) => (
            <a class="tag" href={category.href} title={category.title}>
              {category.text}
            </a>
          ))}
          {paper.codeUrl && (
            <a class="card-code" href={paper.codeUrl} rel="noopener">
              Code
            </a>
          )}
          {paper.commentCount !== undefined && (
            <a class="card-comments" href={`${paper.href}#comments`}>
              {paper.commentCount === 1 ? "1 comment" : `${paper.commentCount} comments`}
            </a>
          )}
        </p>
      </div>
    </article>
  );
}
