import { firstDayOfIdMonth } from "./arxiv-id.js";
import type { Paper, PaperInput, PaperVersion } from "./paper.js";

/**
 * The day page a paper belongs to: its first listing day, else the UTC date of v1, else the first
 * day of the month its id was assigned in (ids encode YYMM, so every paper has a day).
 */
export function paperDay(paper: Pick<PaperInput, "id" | "listingDay" | "publishedAt" | "versions">): string {
  if (paper.listingDay) return paper.listingDay;
  const firstVersion = paper.publishedAt ?? paper.versions[0]?.createdAt ?? null;
  return firstVersion ? firstVersion.slice(0, 10) : firstDayOfIdMonth(paper.id);
}

/**
 * Whether `dayOnly` is a date without its time (midnight UTC, as arXiv's OAI-PMH format dates a first
 * version) on the same UTC day as `precise`, which has one: the time is then only unknown, not earlier.
 */
function lessPreciseSameDay(dayOnly: string, precise: string): boolean {
  return (
    dayOnly.endsWith("T00:00:00.000Z") &&
    !precise.endsWith("T00:00:00.000Z") &&
    dayOnly.slice(0, 10) === precise.slice(0, 10)
  );
}

/** The earlier of two instants, where a day-only date gives way to a time of that same day. */
function earliestInstant(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  if (lessPreciseSameDay(a, b)) return b;
  if (lessPreciseSameDay(b, a)) return a;
  return a < b ? a : b;
}

function mergeVersions(a: PaperVersion[], b: PaperVersion[]): PaperVersion[] {
  const byNumber = new Map<number, PaperVersion>();
  for (const version of [...a, ...b]) {
    const known = byNumber.get(version.version)?.createdAt ?? null;
    const precise =
      known !== null && version.createdAt !== null && lessPreciseSameDay(known, version.createdAt);
    byNumber.set(version.version, {
      version: version.version,
      createdAt: precise ? version.createdAt : (known ?? version.createdAt),
    });
  }
  return [...byNumber.values()].sort((x, y) => x.version - y.version);
}

function latestVersionOf(paper: Pick<PaperInput, "versions">): number {
  return paper.versions.at(-1)?.version ?? 1;
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Completes an input with the fields the store derives. */
/** The input with the store's earlier listing day, when the store knows one: a paper keeps its first listing. */
export function withEarliestListingDay(input: PaperInput, storedListingDay: string | undefined): PaperInput {
  if (!storedListingDay || (input.listingDay !== null && input.listingDay <= storedListingDay)) return input;
  return { ...input, listingDay: storedListingDay };
}

export function toPaper(input: PaperInput): Paper {
  return { ...input, day: paperDay(input), latestVersion: latestVersionOf(input) };
}

/**
 * Merges a newly read record into the stored paper. A strictly newer version brings its metadata; for
 * the same version the stored values stay and the record only fills gaps, so re-reading two sources of
 * one version in any order changes nothing. A source that lacks a field (no authors, no comments) never
 * erases what another source gave. Versions are unioned, the listing day is the earliest seen, upvotes
 * never go down by import.
 */
export function mergePaper(stored: Paper, incoming: PaperInput): Paper {
  const incomingIsNewer = latestVersionOf(incoming) > stored.latestVersion;
  const [primary, secondary]: [PaperInput, PaperInput] = incomingIsNewer
    ? [incoming, stored]
    : [stored, incoming];
  const pick = <T>(a: T | null, b: T | null): T | null => a ?? b;
  const authors = primary.authors.length > 0 ? primary.authors : secondary.authors;
  const merged: PaperInput = {
    id: stored.id,
    title: primary.title || secondary.title,
    abstract: primary.abstract || secondary.abstract,
    authors,
    authorCount: authors.length > 0 ? authors.length : pick(primary.authorCount, secondary.authorCount),
    categories: primary.categories.length > 0 ? primary.categories : secondary.categories,
    comments: pick(primary.comments, secondary.comments),
    journalRef: pick(primary.journalRef, secondary.journalRef),
    doi: pick(primary.doi, secondary.doi),
    license: pick(primary.license, secondary.license),
    submitter: pick(primary.submitter, secondary.submitter),
    versions: mergeVersions(stored.versions, incoming.versions),
    publishedAt: earliestInstant(stored.publishedAt, incoming.publishedAt),
    listingDay: earliest(stored.listingDay, incoming.listingDay),
    upvotes: Math.max(stored.upvotes, incoming.upvotes),
  };
  return toPaper(merged);
}

const same = <T>(a: T, b: T): boolean => a === b;
const sameStrings = (a: string[], b: string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
const sameVersions = (a: PaperVersion[], b: PaperVersion[]): boolean =>
  a.length === b.length && a.every((x, i) => x.version === b[i]!.version && x.createdAt === b[i]!.createdAt);

/** One comparison per field; the type makes a new Paper field a compile error until it is listed here. */
const FIELD_EQUALS: { [K in keyof Paper]-?: (a: Paper[K], b: Paper[K]) => boolean } = {
  id: same,
  title: same,
  abstract: same,
  authors: sameStrings,
  authorCount: same,
  categories: sameStrings,
  comments: same,
  journalRef: same,
  doi: same,
  license: same,
  submitter: same,
  versions: sameVersions,
  publishedAt: same,
  listingDay: same,
  upvotes: same,
  day: same,
  latestVersion: same,
};
const FIELDS = Object.keys(FIELD_EQUALS) as (keyof Paper)[];

/** True when two papers hold the same data (counts "unchanged" on re-import). */
export function samePaper(a: Paper, b: Paper): boolean {
  return FIELDS.every((field) =>
    (FIELD_EQUALS[field] as (x: unknown, y: unknown) => boolean)(a[field], b[field]),
  );
}
