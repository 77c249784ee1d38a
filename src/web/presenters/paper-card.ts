import { findCodeLinks } from "../../core/code-links.js";
import type { Paper } from "../../core/paper.js";
import { formatShortDate, plural } from "./format.js";
import { authorLink, categoryLink, type EntityLink } from "./links.js";

/** What a card in a list shows: already formatted, so the view only lays it out. */
export interface PaperCardModel {
  id: string;
  href: string;
  title: string;
  /** The first few authors, each linking their page. */
  authors: EntityLink[];
  /** What follows the names: "et al.", or "4 authors" when the names are unknown; empty otherwise. */
  authorsRest: string;
  /** Machine-readable date for <time datetime>. */
  dateTime: string;
  date: string;
  upvotes: number;
  /** The abstract's opening, cut at a word; CSS clamps it further to three lines. */
  abstractPreview: string;
  categories: EntityLink[];
  /** The paper's code repository (GitHub or GitLab) named in its abstract or comments. */
  codeUrl: string | null;
  /** Visible comments, where the page knows them. */
  commentCount?: number;
}

const NAMES_SHOWN = 3;
const PREVIEW_CHARS = 360;
const CATEGORIES_SHOWN = 3;

export function paperPath(id: string): string {
  return `/papers/${id}`;
}

/** A few names then "et al.", or a count when only the count is known. */
export function summariseAuthors(paper: Pick<Paper, "authors" | "authorCount">): {
  shown: string[];
  rest: string;
} {
  const { authors, authorCount } = paper;
  if (authors.length === 0) return { shown: [], rest: authorCount ? plural(authorCount, "author") : "" };
  return { shown: authors.slice(0, NAMES_SHOWN), rest: authors.length > NAMES_SHOWN ? "et al." : "" };
}

/** Collapses whitespace and cuts at the last word boundary before `limit`, adding an ellipsis. */
export function previewText(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= limit) return flat;
  const cut = flat.slice(0, limit);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > limit / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** The date a reader cares about in a list: first submission, else the listing day. */
export function paperDate(paper: Paper): string {
  return (paper.publishedAt ?? paper.day).slice(0, 10);
}

export function presentPaperCard(paper: Paper): PaperCardModel {
  const dateTime = paperDate(paper);
  const authorSummary = summariseAuthors(paper);
  return {
    id: paper.id,
    href: paperPath(paper.id),
    title: paper.title,
    authors: authorSummary.shown.map(authorLink),
    authorsRest: authorSummary.rest,
    dateTime,
    date: formatShortDate(dateTime),
    upvotes: paper.upvotes,
    abstractPreview: previewText(paper.abstract, PREVIEW_CHARS),
    categories: paper.categories.slice(0, CATEGORIES_SHOWN).map(categoryLink),
    codeUrl: findCodeLinks(paper.abstract, paper.comments)[0] ?? null,
  };
}
