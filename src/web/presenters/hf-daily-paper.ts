import { createHash } from "node:crypto";
import type { Paper } from "../../core/paper.js";
import type { HfDailyPaper } from "../api/schemas.js";

/** Hugging Face ids are 24 hex digits; these derive from what they name, so they never change. */
function stableId(...parts: (string | number)[]): string {
  return createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 24);
}

/** Papers come from arXiv's own listings unless a member submitted them. */
const ARXIV_LISTING = {
  avatarUrl: "/favicon.svg",
  fullname: "arXiv listing",
  name: "arxiv",
  type: "org",
  isPro: false,
  isHf: false,
  isMod: false,
};

/** One paper in Hugging Face's daily_papers item shape, links absolute to this instance. */
export function presentHfDailyPaper(paper: Paper, origin: string): HfDailyPaper {
  const listedAt = `${paper.day}T00:00:00.000Z`;
  return {
    paper: {
      id: paper.id,
      authors: paper.authors.map((name, index) => ({
        _id: stableId(paper.id, "author", index),
        name,
        hidden: false,
      })),
      publishedAt: paper.publishedAt ?? listedAt,
      title: paper.title,
      summary: paper.abstract,
      upvotes: paper.upvotes,
      discussionId: stableId(paper.id, "discussion"),
    },
    publishedAt: listedAt,
    title: paper.title.replace(/\s+/g, " ").trim(),
    thumbnail: `${origin}/thumbnails/${paper.id}.svg`,
    numComments: 0,
    submittedBy: { ...ARXIV_LISTING, avatarUrl: `${origin}${ARXIV_LISTING.avatarUrl}` },
  };
}
