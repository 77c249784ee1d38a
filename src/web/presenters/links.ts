import { categoryName } from "../../core/arxiv-category-names.js";

/** A link to an author's or a category's page, as cards and paper pages show them. */
export interface EntityLink {
  text: string;
  href: string;
  /** A tooltip: a category's name beside its code. */
  title?: string;
}

export function authorPath(name: string): string {
  return `/authors/${encodeURIComponent(name.replace(/\s+/g, " ").trim())}`;
}

export function categoryPath(code: string): string {
  return `/categories/${code}`;
}

export function authorLink(name: string): EntityLink {
  return { text: name, href: authorPath(name) };
}

/** "cs.LG" linking its page, with "Machine Learning" as its title where arXiv names it. */
export function categoryLink(code: string): EntityLink {
  const name = categoryName(code);
  return name
    ? { text: code, href: categoryPath(code), title: name }
    : { text: code, href: categoryPath(code) };
}
