import { arxivAbsUrl, arxivPdfUrl } from "../../core/arxiv-id.js";
import type { Paper } from "../../core/paper.js";
import type { PaperJson } from "../api/schemas.js";
import { paperPath } from "./paper-card.js";

/** The API's public shape of a paper: a stable contract, independent of how the store keeps rows. */
export function presentPaperJson(paper: Paper): PaperJson {
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract,
    authors: paper.authors,
    authorCount: paper.authorCount ?? (paper.authors.length > 0 ? paper.authors.length : null),
    categories: paper.categories,
    primaryCategory: paper.categories[0] ?? null,
    comments: paper.comments,
    journalRef: paper.journalRef,
    doi: paper.doi,
    license: paper.license,
    versions: paper.versions,
    publishedAt: paper.publishedAt,
    day: paper.day,
    upvotes: paper.upvotes,
    links: { abs: arxivAbsUrl(paper.id), pdf: arxivPdfUrl(paper.id), page: paperPath(paper.id) },
  };
}
