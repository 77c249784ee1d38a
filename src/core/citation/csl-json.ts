import type { Paper } from "../paper.js";
import { parsePersonName } from "./person-name.js";

/** A CSL-JSON name: its parts, or one literal string when it has but one word. */
export interface CslName {
  given?: string;
  family?: string;
  suffix?: string;
  "non-dropping-particle"?: string;
  literal?: string;
}

/** A CSL-JSON item (Citation Style Language), the format Zotero, Pandoc and citeproc read. */
export interface CslItem {
  id: string;
  type: "article";
  title: string;
  author: CslName[];
  issued: { "date-parts": [[number, number, number]] };
  number: string;
  publisher: "arXiv";
  URL: string;
  DOI?: string;
  abstract: string;
}

/** "Anne-Marie van der Berg" → given "Anne-Marie", particle "van der", family "Berg"; one word stays literal. */
function cslName(name: string): CslName {
  const { given, particle, family, suffix } = parsePersonName(name);
  if (!given && !particle && !suffix) return { literal: family };
  return {
    family,
    ...(given ? { given } : {}),
    ...(particle ? { "non-dropping-particle": particle } : {}),
    ...(suffix ? { suffix } : {}),
  };
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
