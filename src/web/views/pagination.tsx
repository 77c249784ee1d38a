import { plural } from "../presenters/format.js";
import type { PaginationModel } from "../presenters/pagination.js";

export function Pagination({ pagination }: { pagination: PaginationModel | null }) {
  if (!pagination) return null;
  const { page, pageCount, openEnded, previousHref, nextHref } = pagination;
  // A page asked past the end (an old link, a hand-typed number) points back to the last one.
  const pastTheEnd = page > pageCount;
  return (
    <nav class="pagination" aria-label="Pages">
      {previousHref ? (
        <a href={previousHref} rel="prev">
          {pastTheEnd ? "← Last page" : "← Previous"}
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">
        {pastTheEnd
          ? `Past the end (${plural(pageCount, "page")})`
          : `Page ${page} of ${pageCount}${openEnded ? "+" : ""}`}
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
