import { categoryName } from "../../core/arxiv-category-names.js";
import { arxivAbsUrl, arxivPdfUrl } from "../../core/arxiv-id.js";
import { findCodeLinks } from "../../core/code-links.js";
import { readableText } from "../../core/math-text.js";
import type { Paper } from "../../core/paper.js";
import { formatLongDate, formatShortDate, plural } from "./format.js";
import { authorLink, categoryPath, type EntityLink } from "./links.js";
import { paperDate, paperPath, previewText } from "./paper-card.js";

const SUMMARY_CHARS = 200;

export interface VersionModel {
  label: string;
  date: string | null;
  /** That version's page on arXiv. */
  href: string;
}

export interface PaperDetailModel {
  id: string;
  title: string;
  paragraphs: string[];
  /** The page's meta description: the abstract's opening, cut at a word. */
  summary: string;
  authors: EntityLink[];
  /** "12 authors" when the names are unknown, else null. */
  authorCountOnly: string | null;
  /** Each category's name and code ("Machine Learning (cs.LG)"), linking its page. */
  categories: EntityLink[];
  comments: string | null;
  journalRef: string | null;
  doi: { text: string; href: string } | null;
  license: { text: string; href: string | null } | null;
  submitted: { dateTime: string; text: string };
  versions: VersionModel[];
  upvotes: number;
  listing: { text: string; href: string };
  /** Code repositories named in the abstract or comments: "Code", or "Code: org/repo" when several. */
  codeLinks: { text: string; href: string }[];
  absUrl: string;
  pdfUrl: string;
  /** Citation downloads: BibTeX and CSL-JSON. */
  exports: { bibtex: string; csl: string };
  /** Said on the page of a paper moderators took off the lists; null for a listed paper. */
  hiddenNotice: string | null;
  /** The paper a merged duplicate's votes, collection entries and comments went to. */
  mergedInto: { href: string; text: string } | null;
}

const HIDDEN_NOTICE =
  "Moderators took this paper off the lists, search and feeds (a duplicate of another paper, or off " +
  "topic here); its page stays at this address, and its day's list does not show it.";

const MERGED_NOTICE =
  "Moderators merged this paper, a duplicate, into the one below: its votes, collection entries and " +
  "comments are there now, and this page stays at its address off the lists.";

/** How the page of a paper stands with moderators: listed, hidden, or merged into another paper. */
export type PaperStanding = { listed: true } | { listed: false; mergedInto: Paper | null };

/** arXiv abstracts mark paragraphs with blank lines or an indented line; everything else is wrapping. */
export function abstractParagraphs(abstract: string): string[] {
  return abstract
    .split(/\n\s*\n|\n(?=[ \t]{2,}\S)/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph.length > 0);
}

function presentLicense(license: string | null): PaperDetailModel["license"] {
  if (!license) return null;
  const isUrl = /^https?:\/\//.test(license);
  const text = isUrl ? license.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "") : license;
  return { text, href: isUrl ? license : null };
}

function presentCodeLinks(urls: string[]): PaperDetailModel["codeLinks"] {
  return urls.map((href) => ({
    text: urls.length === 1 ? "Code" : `Code: ${href.split("/").slice(3).join("/")}`,
    href,
  }));
}

function namedCategoryLink(code: string): EntityLink {
  const name = categoryName(code);
  return { text: name ? `${name} (${code})` : code, href: categoryPath(code) };
}

/** `listed`: false for a paper moderators hid (a merged duplicate is one). */
export function presentPaperDetail(
  paper: Paper,
  standing: PaperStanding = { listed: true },
): PaperDetailModel {
  const mergedInto = standing.listed ? null : standing.mergedInto;
  const submitted = paperDate(paper);
  return {
    id: paper.id,
    title: paper.title,
    paragraphs: abstractParagraphs(paper.abstract),
    summary: previewText(readableText(paper.abstract), SUMMARY_CHARS),
    authors: paper.authors.map(authorLink),
    authorCountOnly:
      paper.authors.length === 0 && paper.authorCount ? plural(paper.authorCount, "author") : null,
    categories: paper.categories.map(namedCategoryLink),
    comments: paper.comments,
    journalRef: paper.journalRef,
    doi: paper.doi ? { text: paper.doi, href: `https://doi.org/${paper.doi}` } : null,
    license: presentLicense(paper.license),
    submitted: { dateTime: submitted, text: formatShortDate(submitted) },
    versions: paper.versions.map((version) => ({
      label: `v${version.version}`,
      date: version.createdAt ? formatShortDate(version.createdAt) : null,
      href: arxivAbsUrl(`${paper.id}v${version.version}`),
    })),
    upvotes: paper.upvotes,
    listing: { text: formatLongDate(paper.day), href: `/days/${paper.day}` },
    codeLinks: presentCodeLinks(findCodeLinks(paper.abstract, paper.comments)),
    absUrl: arxivAbsUrl(paper.id),
    pdfUrl: arxivPdfUrl(paper.id),
    exports: { bibtex: `/export/${paper.id}.bib`, csl: `/export/${paper.id}.csl.json` },
    hiddenNotice: standing.listed ? null : mergedInto ? MERGED_NOTICE : HIDDEN_NOTICE,
    mergedInto: mergedInto ? { href: paperPath(mergedInto.id), text: mergedInto.title } : null,
  };
}
