import type { AuditEntry } from "./comments-store.js";

/** What moderators do to papers; each change is recorded in the audit log in its own transaction. */
export interface MergeResult {
  /** Votes that moved to the kept paper (people who had voted for both keep their one vote there). */
  votesMoved: number;
  /** The kept paper's count afterwards. */
  upvotes: number;
  /** Collection entries that moved to the kept paper (a collection holding both keeps one entry). */
  collectionEntriesMoved: number;
  /** Comments (threads whole) that moved to the kept paper. */
  commentsMoved: number;
}

export interface ModerationStore {
  /**
   * Takes the paper off the lists, search and feeds (a time) or lists it again (null), with the
   * audit entry in the same transaction. Hiding a hidden paper keeps its first time. False when there
   * is no such paper.
   */
  setPaperHidden(paperId: string, at: string | null, audit: AuditEntry): Promise<boolean>;
  /** Which of these papers are hidden. */
  hiddenAmong(paperIds: string[]): Promise<string[]>;
  /** The id of the paper a duplicate was merged into, while the duplicate stays hidden; else null. */
  mergedInto(paperId: string): Promise<string | null>;
  /**
   * Merges a duplicate into the paper kept: the duplicate's votes move to it, once per user, both
   * counts follow; its collection entries move (where a collection holds both, one entry stays, with
   * both notes, the earlier addition and any read mark); its comment threads move; the duplicate is
   * hidden, remembering the paper kept (mergedInto), and the audit entry recorded, all in one transaction.
   * Null (and nothing changed) when either paper is missing, or both are the same; "kept-hidden" (and
   * nothing changed) when the paper to keep is hidden, a merged duplicate itself included: merging
   * into it would hide the votes with it, and two papers merged into each other would both vanish.
   */
  mergePapers(
    duplicateId: string,
    keptId: string,
    audit: AuditEntry,
  ): Promise<MergeResult | "kept-hidden" | null>;
}
