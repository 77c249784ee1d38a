import type { PaginationModel } from "../presenters/pagination.js";

export function Pagination({ pagination }: { pagination: PaginationModel | null }) {
  if (!pagination) return null;
  const { page, pageCount, previousHref, nextHref } = pagination;
  return (
    <nav class="pagination" aria-label="Pages">
      {previousHref ? (
        <a href={previousHref} rel="prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">
        Page {page} of {pageCount}
      </span>
      {nextHref ? (
        <a href={nextHref} rel="next">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
