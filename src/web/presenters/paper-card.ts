import type { Paper } from "../../core/paper.js";
import { formatShortDate, plural } from "./format.js";

/** What a card in a list shows: already formatted, so the view only lays it out. */
export interface PaperCardModel {
  id: string;
  href: string;
  title: string;
  /** "Ada Lovelace, Alan Turing, Grace Hopper et al." or "4 authors"; empty when unknown. */
  authors: string;
  /** Machine-readable date for <time datetime>. */
  dateTime: string;
  date: string;
  upvotes: number;
  /** The abstract's opening, cut at a word; CSS clamps it further to three lines. */
  abstractPreview: string;
  categories: string[];
  /** Visible comments, where the page knows them. */
  commentCount?: number;
}

const NAMES_SHOWN = 3;
const PREVIEW_CHARS = 360;
const CATEGORIES_SHOWN = 3;

export function paperPath(id: string): string {
  return `/papers/${id}`;
}

export function summariseAuthors(paper: Pick<Paper, "authors" | "authorCount">): string {
  const { authors, authorCount } = paper;
  if (authors.length === 0) return authorCount ? plural(authorCount, "author") : "";
  if (authors.length <= NAMES_SHOWN) return authors.join(", ");
  return `${authors.slice(0, NAMES_SHOWN).join(", ")} et al.`;
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
  return {
    id: paper.id,
    href: paperPath(paper.id),
    title: paper.title,
    authors: summariseAuthors(paper),
    dateTime,
    date: formatShortDate(dateTime),
    upvotes: paper.upvotes,
    abstractPreview: previewText(paper.abstract, PREVIEW_CHARS),
    categories: paper.categories.slice(0, CATEGORIES_SHOWN),
  };
}
