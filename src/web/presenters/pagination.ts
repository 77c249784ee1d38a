export interface PaginationModel {
  page: number;
  pageCount: number;
  /** The count is a lower bound: more pages may follow (a list longer than the counting window). */
  openEnded: boolean;
  previousHref: string | null;
  nextHref: string | null;
}

/**
 * Null when everything fits on one page (and the reader is on it). `beyondCount`, for a list whose
 * total only counts it up to a cap but which lists every paper: the number of papers on this page.
 * The list then goes on past the counted pages, and the next page is offered while this one is full.
 */
export function presentPagination(
  page: number,
  perPage: number,
  total: number,
  hrefFor: (page: number) => string,
  beyondCount: { papersOnPage: number } | null = null,
): PaginationModel | null {
  const counted = Math.max(1, Math.ceil(total / perPage));
  const openEnded = beyondCount !== null && beyondCount.papersOnPage > 0;
  const pageCount = openEnded ? Math.max(counted, page) : counted;
  const full = openEnded && beyondCount.papersOnPage === perPage;
  if (pageCount === 1 && page === 1 && !full) return null;
  return {
    page,
    pageCount,
    openEnded,
    previousHref: page > 1 ? hrefFor(Math.min(page - 1, pageCount)) : null,
    nextHref: page < pageCount || full ? hrefFor(page + 1) : null,
  };
}

/** A query string (without "?") of the parameters that are set: null ones are left out. */
export function queryString(params: Record<string, string | number | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null) search.set(key, String(value));
  }
  return search.toString();
}

/** A path with its query string, leaving out parameters at their default value. */
export function withQuery(path: string, params: Record<string, string | number | null>): string {
  const query = queryString(params);
  return query ? `${path}?${query}` : path;
}
