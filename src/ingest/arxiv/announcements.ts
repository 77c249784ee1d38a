import type { PaperInput } from "../../core/paper.js";
import type { Listing, PaperStore } from "../../store/store.js";
import {
  type Announcement,
  FeedFormatError,
  parseAnnouncementFeed,
  type RejectedAnnouncement,
} from "./announcement-feed.js";
import { type HttpGetter, UnexpectedStatusError } from "./http.js";
import { HttpRetriesExhaustedError } from "./polite-http-client.js";

/**
 * A day's announcements of the configured categories into the store, one feed per category.
 *
 * The listing rule, so the daily pages show what arXiv's own day list shows as that day's papers:
 * - new and cross entries are stored and listed on the feed's day (arXiv's "New submissions" and
 *   "Cross-lists"); they carry full metadata, and their listing day goes on the paper itself too, so
 *   the upsert alone already puts them on the right page;
 * - replace and replace-cross entries update a paper the store already has to the new version and
 *   are not listed: they are earlier papers, and the store keeps a paper's earliest listing day anyway.
 *   A replacement of a paper the store lacks is not stored (counted as `notStored`): the feed has no
 *   date for its first version, so it would land on a wrong day; the OAI-PMH harvest brings it.
 *
 * The listings are written with the source state `announcements:<category>` = the latest day seen, and
 * every write is an upsert, so running again on the same day changes nothing.
 */
export interface AnnouncementOptions {
  /** Base URL of the feeds; `${feedUrl}/${category}` is fetched. */
  feedUrl: string;
  categories: readonly string[];
  /** Stops before the next category; the one being written completes. */
  signal?: AbortSignal;
  onCategory?: (outcome: CategoryOutcome) => void;
}

export interface AnnouncementCounts {
  new: number;
  cross: number;
  /** replace and replace-cross entries. */
  replace: number;
  rejected: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Listing rows not seen before. */
  listed: number;
  /** Replacements of papers the store does not have (see the rule above). */
  notStored: number;
}

export interface CategoryOutcome extends AnnouncementCounts {
  category: string;
  /** "empty": no entries (a weekend or a holiday); "failed": the feed could not be fetched or read. */
  status: "announced" | "empty" | "failed";
  /** The announcement day (New York); null when the feed could not be read or had no date. */
  day: string | null;
  /** The day was already recorded for this category before this run. */
  seenBefore: boolean;
  rejects: RejectedAnnouncement[];
  /** Why the category failed; null otherwise. */
  error: string | null;
}

export interface AnnouncementsSummary {
  categories: CategoryOutcome[];
  /** True when the signal stopped the run before every category was read. */
  interrupted: boolean;
}

/** Failures of one category's feed: reported for that category, the others still run. */
const FEED_FAILURES = [HttpRetriesExhaustedError, UnexpectedStatusError, FeedFormatError];

export function sourceStateKey(category: string): string {
  return `announcements:${category}`;
}

export function feedUrlFor(feedUrl: string, category: string): string {
  return `${feedUrl.replace(/\/+$/, "")}/${encodeURIComponent(category)}`;
}

export async function fetchAnnouncements(
  store: PaperStore,
  client: HttpGetter,
  options: AnnouncementOptions,
): Promise<AnnouncementsSummary> {
  const summary: AnnouncementsSummary = { categories: [], interrupted: false };
  for (const category of options.categories) {
    if (options.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    const outcome = await announceCategory(store, client, category, options);
    if (outcome === null) {
      summary.interrupted = true;
      break;
    }
    summary.categories.push(outcome);
    options.onCategory?.(outcome);
  }
  return summary;
}

/** One category's feed, fetched, read and stored; null when the signal stopped the fetch. */
async function announceCategory(
  store: PaperStore,
  client: HttpGetter,
  category: string,
  options: AnnouncementOptions,
): Promise<CategoryOutcome | null> {
  const outcome = emptyOutcome(category);
  const url = feedUrlFor(options.feedUrl, category);
  try {
    const response = await client.get(url, options.signal ? { signal: options.signal } : undefined);
    if (response.status !== 200) throw new UnexpectedStatusError("the feed", url, response.status);
    const feed = parseAnnouncementFeed(response.body);
    outcome.day = feed.day;
    outcome.rejects = feed.rejected;
    outcome.rejected = feed.rejected.length;
    if (feed.entryCount === 0 || feed.day === null) {
      outcome.status = "empty";
      return outcome;
    }
    await storeAnnouncements(store, category, feed.day, feed.announcements, outcome);
    return outcome;
  } catch (error) {
    // Stopped while the feed was being fetched: nothing of this category was written.
    if (options.signal?.aborted && error === options.signal.reason) return null;
    if (!FEED_FAILURES.some((type) => error instanceof type)) throw error;
    return { ...outcome, status: "failed", error: (error as Error).message };
  }
}

async function storeAnnouncements(
  store: PaperStore,
  category: string,
  day: string,
  announcements: Announcement[],
  outcome: CategoryOutcome,
): Promise<void> {
  const key = sourceStateKey(category);
  const previous = await store.getSourceState(key);
  outcome.seenBefore = previous !== null && previous >= day;

  const papers: PaperInput[] = [];
  const listings: Listing[] = [];
  for (const { type, paper } of announcements) {
    if (type === "new" || type === "cross") {
      outcome[type]++;
      papers.push({ ...paper, listingDay: day });
      listings.push({ day, paperId: paper.id });
      continue;
    }
    outcome.replace++;
    if ((await store.getPaper(paper.id)) === null) outcome.notStored++;
    else papers.push(paper);
  }

  if (papers.length > 0) {
    const written = await store.upsertPapers(papers);
    outcome.inserted = written.inserted;
    outcome.updated = written.updated;
    outcome.unchanged = written.unchanged;
  }
  // A stale feed (an older day than one already seen) never moves the state back.
  const sourceState = { key, value: previous !== null && previous > day ? previous : day };
  const listed = await store.addListings(listings, { sourceState });
  outcome.listed = listed.added;
}

/** The counts of several categories added up. */
export function totalAnnouncementCounts(outcomes: readonly AnnouncementCounts[]): AnnouncementCounts {
  const sum = zeroCounts();
  for (const outcome of outcomes) {
    for (const key of Object.keys(sum) as (keyof AnnouncementCounts)[]) sum[key] += outcome[key];
  }
  return sum;
}

function emptyOutcome(category: string): CategoryOutcome {
  return {
    category,
    status: "announced",
    day: null,
    seenBefore: false,
    rejects: [],
    error: null,
    ...zeroCounts(),
  };
}

function zeroCounts(): AnnouncementCounts {
  return {
    new: 0,
    cross: 0,
    replace: 0,
    rejected: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    listed: 0,
    notStored: 0,
  };
}
