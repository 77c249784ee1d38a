import { readableText } from "../../core/math-text.js";
import type { Paper } from "../../core/paper.js";
import { paperPath } from "./paper-card.js";

/** A feed as plain data, whatever the format it is written in (RSS 2.0 or Atom 1.0). */
export interface FeedModel {
  title: string;
  description: string;
  /** The HTML page showing the same list. */
  pageUrl: string;
  /** This feed's own URL in each format, so each can name itself and its sibling. */
  rssUrl: string;
  atomUrl: string;
  /**
   * The newest item's date, stable while no newer paper comes (so is the ETag); an empty feed has no
   * date to give and says it was updated at the start of the day it was built (UTC), so that its ETag
   * holds for that day.
   */
  updated: Date;
  items: FeedItem[];
}

export interface FeedItem {
  /** The paper page's absolute URL: a stable, unique id. */
  id: string;
  title: string;
  link: string;
  pdfLink: string;
  published: Date;
  updated: Date;
  authors: string[];
  categories: string[];
  abstract: string;
  upvotes: number;
}

export interface FeedMeta {
  title: string;
  description: string;
  /** Absolute URL of the page showing the same list. */
  pageUrl: string;
  /** Absolute URL of the feed without its extension ("https://host/feeds/daily"). */
  feedUrlBase: string;
  /** Query string both formats share (a search's parameters), without "?"; empty for none. */
  query?: string;
}

function dateOf(iso: string | null, fallbackDay: string): Date {
  const date = new Date(iso ?? `${fallbackDay}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(`${fallbackDay}T00:00:00Z`) : date;
}

function presentItem(paper: Paper, origin: string): FeedItem {
  const published = dateOf(paper.publishedAt, paper.day);
  const latest = paper.versions.at(-1)?.createdAt ?? null;
  const updated = dateOf(latest, paper.day);
  return {
    id: `${origin}${paperPath(paper.id)}`,
    title: readableText(paper.title).replace(/\s+/g, " ").trim(),
    link: `${origin}${paperPath(paper.id)}`,
    pdfLink: `https://arxiv.org/pdf/${paper.id}`,
    published,
    updated: new Date(Math.max(updated.getTime(), published.getTime())),
    authors: paper.authors,
    categories: paper.categories,
    abstract: readableText(paper.abstract).replace(/\s+/g, " ").trim(),
    upvotes: paper.upvotes,
  };
}

/** Midnight UTC today: an empty feed's date, so its ETag holds for the day. */
function startOfToday(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function presentPaperFeed(papers: Paper[], meta: FeedMeta, origin: string): FeedModel {
  const items = papers.map((paper) => presentItem(paper, origin));
  const newest = items.length > 0 ? Math.max(...items.map((item) => item.updated.getTime())) : startOfToday();
  const suffix = meta.query ? `?${meta.query}` : "";
  return {
    title: meta.title,
    description: meta.description,
    pageUrl: meta.pageUrl,
    rssUrl: `${meta.feedUrlBase}.rss${suffix}`,
    atomUrl: `${meta.feedUrlBase}.atom${suffix}`,
    updated: new Date(newest),
    items,
  };
}
