/** One version of a paper as arXiv lists it (v1, v2, …). */
export interface PaperVersion {
  version: number;
  /** ISO-8601 UTC timestamp of the version's submission, when the source gives it. */
  createdAt: string | null;
}

/**
 * A paper as it arrives from any source (bulk files, OAI-PMH, the arXiv API, the demo seed),
 * after parsing and normalisation. Every source produces exactly this shape.
 */
export interface PaperInput {
  /** Normalised arXiv id without version (see core/arxiv-id). */
  id: string;
  title: string;
  abstract: string;
  /** Author names in paper order; empty when the source has no names. */
  authors: string[];
  /** Number of authors; equals authors.length unless the source gives only a count. */
  authorCount: number | null;
  /** arXiv categories, primary first; codes that are not arXiv categories are dropped. */
  categories: string[];
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  submitter: string | null;
  /** Known versions, ascending by number; may be empty when the source does not say. */
  versions: PaperVersion[];
  /** ISO timestamp of the first version (v1), UTC. */
  publishedAt: string | null;
  /** First announcement day (America/New_York date, YYYY-MM-DD) when the source knows it. */
  listingDay: string | null;
  /** Upvotes carried by the source (the demo seed, our own export). */
  upvotes: number;
}

/** A stored paper: the merged input plus what the store derives. */
export interface Paper extends PaperInput {
  /** The day page the paper belongs to: its listing day, else its v1 date. */
  day: string;
  /** Latest known version number (1 when unknown). */
  latestVersion: number;
}

/** Limits that keep absurd records out of the store. */
export const PAPER_LIMITS = {
  titleChars: 1_000,
  abstractChars: 10_000,
  authors: 5_000,
  authorNameChars: 300,
  categories: 50,
  commentChars: 2_000,
  versions: 200,
} as const;
