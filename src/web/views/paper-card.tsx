import type { ComponentChildren } from "preact";
import type { PaperCardModel } from "../presenters/paper-card.js";

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
        <span class="card-votes-arrow" aria-hidden="true">
          ▲
        </span>
        <span class="card-votes-count">{paper.upvotes}</span>
        <span class="visually-hidden">upvotes</span>
      </div>
      <div class="card-body">
        <h3 class="card-title">
          <a href={paper.href}>{title ?? paper.title}</a>
        </h3>
        <p class="card-abstract">{abstract ?? paper.abstractPreview}</p>
        <p class="card-meta">
          {paper.authors && <span class="card-authors">{paper.authors}</span>}
          <time dateTime={paper.dateTime}>{paper.date}</time>
          {paper.categories.map((category) => (
            <span class="tag">{category}</span>
          ))}
        </p>
      </div>
    </article>
  );
}
