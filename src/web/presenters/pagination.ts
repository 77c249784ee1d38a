export interface PaginationModel {
  page: number;
  pageCount: number;
  previousHref: string | null;
  nextHref: string | null;
}

/** Null when everything fits on one page (and the reader is on it). */
export function presentPagination(
  page: number,
  perPage: number,
  total: number,
  hrefFor: (page: number) => string,
): PaginationModel | null {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (pageCount === 1 && page === 1) return null;
  return {
    page,
    pageCount,
    previousHref: page > 1 ? hrefFor(Math.min(page - 1, pageCount)) : null,
    nextHref: page < pageCount ? hrefFor(page + 1) : null,
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
