import type { Paper } from "../paper.js";

/** A CSL-JSON item (Citation Style Language), the format Zotero, Pandoc and citeproc read. */
export interface CslItem {
  id: string;
  type: "article";
  title: string;
  author: { given?: string; family?: string; literal?: string }[];
  issued: { "date-parts": [[number, number, number]] };
  number: string;
  publisher: "arXiv";
  URL: string;
  DOI?: string;
  abstract: string;
}

/** "Ada Lovelace" → given "Ada", family "Lovelace"; a single word stays a literal name. */
function cslName(name: string): CslItem["author"][number] {
  const words = name.trim().split(/\s+/);
  if (words.length < 2) return { literal: name.trim() };
  return { given: words.slice(0, -1).join(" "), family: words.at(-1) as string };
}

export function paperToCsl(paper: Paper): CslItem {
  const date = paper.publishedAt ?? `${paper.day}T00:00:00Z`;
  return {
    id: `arXiv:${paper.id}`,
    type: "article",
    title: paper.title.replace(/\s+/g, " ").trim(),
    author: paper.authors.map(cslName),
    issued: {
      "date-parts": [[Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))]],
    },
    number: `arXiv:${paper.id}`,
    publisher: "arXiv",
    URL: `https://arxiv.org/abs/${paper.id}`,
    ...(paper.doi ? { DOI: paper.doi } : {}),
    abstract: paper.abstract.replace(/\s+/g, " ").trim(),
  };
}
