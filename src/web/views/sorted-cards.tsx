import type { PaginationModel } from "../presenters/pagination.js";
import type { PaperCardModel } from "../presenters/paper-card.js";
import type { LinkModel } from "../presenters/period-page.js";
import { Pagination } from "./pagination.js";
import { PaperCard } from "./paper-card.js";

export interface SortedCardsModel {
  sortLinks: LinkModel[];
  cards: PaperCardModel[];
  pagination: PaginationModel | null;
  emptyMessage: string | null;
}

/** A list of paper cards with its sort links and pages: the body of period, author and category pages. */
export function SortedCards({ model }: { model: SortedCardsModel }) {
  return (
    <>
      {model.cards.length > 0 && (
        <div class="list-toolbar">
          <h2 class="visually-hidden">Papers</h2>
          <span class="muted">Sort by</span>
          {model.sortLinks.map((link) => (
            <a class="chip" href={link.href} aria-current={link.current ? "true" : undefined}>
              {link.label}
            </a>
          ))}
        </div>
      )}
      {model.emptyMessage && <p class="empty">{model.emptyMessage}</p>}
      <div class="cards">
        {model.cards.map((card) => (
          <PaperCard paper={card} />
        ))}
      </div>
      <Pagination pagination={model.pagination} />
    </>
  );
}
