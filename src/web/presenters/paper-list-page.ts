import { archiveNameOf, categoryName } from "../../core/arxiv-category-names.js";
import type { Paper } from "../../core/paper.js";
import { authorNameWords } from "../../core/search-filters.js";
import type { RankedResult } from "../../search/search-service.js";
import type { FeedLink } from "../views/layout.js";
import { plural, titleWithPage } from "./format.js";
import { authorPath, categoryPath } from "./links.js";
import { type PaginationModel, presentPagination, withQuery } from "./pagination.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";
import type { LinkModel } from "./period-page.js";

export type PaperListSort = "date" | "upvotes";

/** An author's or a category's page: every paper, newest (or most upvoted) first. */
export interface PaperListPageModel {
  documentTitle: string;
  heading: string;
  /** Under the heading: the code and archive of a category, other spellings of an author's name. */
  subtitle: string;
  totalText: string;
  canonicalPath: string;
  feed: FeedLink;
  sortLinks: LinkModel[];
  cards: PaperCardModel[];
  pagination: PaginationModel | null;
  emptyMessage: string | null;
}

interface ListInput {
  path: string;
  sort: PaperListSort;
  page: number;
  perPage: number;
  result: RankedResult;
}

const SORTS: { sort: PaperListSort; label: string }[] = [
  { sort: "date", label: "Newest" },
  { sort: "upvotes", label: "Most upvoted" },
];

function listParts({ path, sort, page, perPage, result }: ListInput) {
  const hrefFor = (target: number, targetSort = sort) =>
    withQuery(path, { sort: targetSort === "date" ? null : targetSort, page: target > 1 ? target : null });
  return {
    canonicalPath: path,
    sortLinks: SORTS.map((option) => ({
      label: option.label,
      href: hrefFor(1, option.sort),
      current: option.sort === sort,
    })),
    // A list broader than the search window counts only its newest matches.
    totalText: `${result.truncated ? "More than " : ""}${plural(result.total, "paper")}`,
    cards: result.hits.map((hit) => presentPaperCard(hit.paper)),
    // Newest or most upvoted first, every paper is listed, past the counted ones too.
    pagination: presentPagination(
      page,
      perPage,
      result.total,
      (target) => hrefFor(target),
      result.truncated ? { papersOnPage: result.hits.length } : null,
    ),
  };
}

/**
 * The spellings of the author's name on these papers, most frequent first: the names whose words
 * include every word asked for ("Jürgen Müller", "J. Muller" for "muller").
 */
export function authorSpellings(papers: Paper[], name: string): string[] {
  const wanted = authorNameWords(name);
  const counts = new Map<string, number>();
  for (const paper of papers) {
    for (const author of paper.authors) {
      const words = new Set(authorNameWords(author));
      if (wanted.every((word) => words.has(word))) counts.set(author, (counts.get(author) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([spelling]) => spelling);
}

/** Spellings named in a page's subtitle; a surname alone can match hundreds. */
const SPELLINGS_NAMED = 8;

function namedList(names: string[]): string {
  const more = names.length - SPELLINGS_NAMED;
  return `${names.slice(0, SPELLINGS_NAMED).join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
}

export function presentAuthorPage(name: string, input: Omit<ListInput, "path">): PaperListPageModel {
  const spellings = authorSpellings(
    input.result.hits.map((hit) => hit.paper),
    name,
  );
  // The name asked for heads every page: spelled as on the papers when it is a whole name there
  // ("jurgen muller" → "Jürgen Müller"), as typed when it is part of several ("Wang").
  const asked = authorNameWords(name).join(" ");
  const whole = spellings.find((spelling) => authorNameWords(spelling).join(" ") === asked);
  const heading = whole ?? name;
  const others = spellings.filter((spelling) => spelling !== heading);
  const subtitle =
    others.length === 0
      ? "Author"
      : whole
        ? `Also written ${namedList(others)}`
        : `Names on this page: ${namedList(others)}`;
  return {
    ...listParts({ ...input, path: authorPath(name) }),
    documentTitle: titleWithPage(heading, input.page),
    heading,
    subtitle,
    feed: { title: `Papers by ${heading}`, base: `/feeds/author/${encodeURIComponent(name)}` },
    emptyMessage: input.result.total === 0 ? `No papers by ${name} here yet.` : null,
  };
}

/** `code` is canonical (cs.LG, not cs.lg): the caller redirects other spellings. */
export function presentCategoryPage(code: string, input: Omit<ListInput, "path">): PaperListPageModel {
  const name = categoryName(code) ?? code;
  const archive = archiveNameOf(code);
  return {
    ...listParts({ ...input, path: categoryPath(code) }),
    documentTitle: titleWithPage(`${name} (${code})`, input.page),
    heading: name,
    subtitle: archive ? `${code} · ${archive}` : code,
    feed: { title: `${name} (${code})`, base: `/feeds/category/${code}` },
    emptyMessage: input.result.total === 0 ? `No papers in ${code} here yet.` : null,
  };
}
