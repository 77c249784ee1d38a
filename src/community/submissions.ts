import { parseArxivId } from "../core/arxiv-id.js";
import { newYorkDay } from "../core/calendar.js";
import type { Paper } from "../core/paper.js";
import type { Submission, SubmissionStore } from "../store/submissions-store.js";
import { CommunityError, RateLimitedError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { newId } from "./secrets.js";
import type { VoteService } from "./votes.js";

/** The submission rules, configurable (PAPERPULSE_SUBMISSION_*). */
export interface SubmissionRules {
  /** A paper's newest version may be at most this many days old. */
  maxAgeDays: number;
  /** Papers one person may list per UTC day (second submissions, which are upvotes, do not count). */
  dailyQuota: number;
}

/** Where papers come from: the store, else arXiv (which stores what it finds). */
export interface PaperFinder {
  getPaper(id: string): Promise<Paper | null>;
  /** Fetches the paper from arXiv into the store; null when arXiv has no such paper or none is configured. */
  fetchFromArxiv(id: string): Promise<Paper | null>;
}

export interface SubmissionPreview {
  paper: Paper;
  /** "list": the paper joins `day`'s list; "upvote": it is already listed, submitting upvotes it. */
  outcome: "list" | "upvote";
  day: string;
  message: string;
}

export interface SubmissionResult {
  paper: Paper;
  outcome: "listed" | "upvoted";
  day: string;
  upvotes: number;
}

const DAY_MS = 24 * 3_600_000;

/** Who asks: look-ups on arXiv are limited per person and per address. */
export interface Requester {
  userId: string;
  ip: string;
}

/** A paper too old to join today's list: it stays on its own day, where its page takes upvotes. */
export class PaperTooOldError extends CommunityError {
  constructor(
    readonly paperId: string,
    message: string,
  ) {
    super("invalid", message);
    this.name = "PaperTooOldError";
  }
}

/**
 * Submitting a paper by arXiv id or URL: one set of rules for the form and the API. A later version
 * of a paper is welcome: its age counts from its newest version.
 */
export class SubmissionService {
  constructor(
    private readonly submissions: SubmissionStore,
    private readonly papers: PaperFinder,
    private readonly votes: VoteService,
    private readonly limiter: RateLimiter,
    private readonly rules: SubmissionRules,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * What submitting would do; changes nothing but may fetch the paper's metadata into the store. The
   * look-ups on arXiv count against the requester's own limit (papers stored here cost nothing);
   * `lookUpRefused`, when given, is thrown instead of looking a paper up.
   */
  async preview(
    input: string,
    requester: Requester,
    lookUpRefused: Error | null = null,
  ): Promise<SubmissionPreview> {
    const id = this.paperIdOf(input);
    const stored = await this.papers.getPaper(id);
    let paper = stored ?? (await this.fetch(id, requester, lookUpRefused));
    const listedDay = await this.listedDay(paper);
    if (listedDay !== null) {
      return {
        paper,
        outcome: "upvote",
        day: listedDay,
        message: `This paper is already listed on ${listedDay}: submitting it again counts as your upvote.`,
      };
    }
    // The copy stored here may predate a new version, which makes the paper welcome again.
    if (stored && this.tooOld(paper)) paper = (await this.refetched(id, requester, lookUpRefused)) ?? paper;
    this.checkAge(paper);
    const day = newYorkDay(this.now());
    return { paper, outcome: "list", day, message: `The paper will join the list of ${day}.` };
  }

  async submit(userId: string, input: string, ip: string): Promise<SubmissionResult> {
    const requester = { userId, ip };
    await this.limiter.hit("submission", [`user:${userId}`, `ip:${ip}`]);
    // Over the daily quota only an upvote can go through: nothing is looked up for a listing refused anyway.
    const overQuota = await this.quotaRefusal(userId);
    const preview = await this.preview(input, requester, overQuota);
    if (preview.outcome === "upvote") return this.upvoteInstead(userId, preview, ip);
    if (overQuota) throw overQuota;
    const recorded = await this.submissions.recordSubmission({
      id: newId(),
      userId,
      paperId: preview.paper.id,
      day: preview.day,
      submittedAt: this.now().toISOString(),
    });
    // Someone else listed it a moment ago: the rule "listed once" makes this an upvote.
    if (!recorded) return this.upvoteInstead(userId, await this.preview(input, requester), ip);
    const paper = (await this.papers.getPaper(preview.paper.id)) ?? preview.paper;
    return { paper, outcome: "listed", day: preview.day, upvotes: paper.upvotes };
  }

  userSubmissions(userId: string, limit: number): Promise<Submission[]> {
    return this.submissions.userSubmissions(userId, limit);
  }

  private async upvoteInstead(
    userId: string,
    preview: SubmissionPreview,
    ip: string,
  ): Promise<SubmissionResult> {
    const { upvotes } = await this.votes.vote(userId, preview.paper.id, ip);
    return { paper: preview.paper, outcome: "upvoted", day: preview.day, upvotes };
  }

  private paperIdOf(input: string): string {
    const parsed = parseArxivId(input);
    if (!parsed) {
      throw new CommunityError(
        "invalid",
        "That is not an arXiv identifier or URL: try 2509.09672, arXiv:2509.09672v2 or https://arxiv.org/abs/2509.09672.",
      );
    }
    return parsed.id;
  }

  private async lookUp(id: string, requester: Requester, refused: Error | null): Promise<Paper | null> {
    if (refused) throw refused;
    await this.limiter.hit("arXiv look-up", [`user:${requester.userId}`, `ip:${requester.ip}`]);
    return this.papers.fetchFromArxiv(id);
  }

  private async fetch(id: string, requester: Requester, refused: Error | null): Promise<Paper> {
    const paper = await this.lookUp(id, requester, refused);
    if (!paper) throw new CommunityError("not_found", `arXiv has no paper ${id}.`);
    return paper;
  }

  /** arXiv's current record of a stored paper; null when arXiv cannot say (the stored copy stands). */
  private async refetched(id: string, requester: Requester, refused: Error | null): Promise<Paper | null> {
    try {
      return await this.lookUp(id, requester, refused);
    } catch (error) {
      if (error instanceof CommunityError && error.kind === "unavailable") return null;
      throw error;
    }
  }

  /** A paper is listed when someone submitted it or arXiv announced it on a day. */
  private async listedDay(paper: Paper): Promise<string | null> {
    const submission = await this.submissions.submissionOf(paper.id);
    return submission?.day ?? paper.listingDay;
  }

  /** The newest version's date and its age in whole days; null when the paper has no date. */
  private age(paper: Paper): { newest: string; ageDays: number } | null {
    const dates = paper.versions.map((version) => version.createdAt).filter((date): date is string => !!date);
    const newest = dates.sort().at(-1) ?? paper.publishedAt;
    if (!newest) return null;
    return { newest, ageDays: Math.floor((this.now().getTime() - Date.parse(newest)) / DAY_MS) };
  }

  private tooOld(paper: Paper): boolean {
    return (this.age(paper)?.ageDays ?? 0) > this.rules.maxAgeDays;
  }

  private checkAge(paper: Paper): void {
    const age = this.age(paper);
    if (age === null) return;
    const { newest, ageDays } = age;
    if (ageDays > this.rules.maxAgeDays) {
      throw new PaperTooOldError(
        paper.id,
        `arXiv:${paper.id} was last revised on ${newest.slice(0, 10)}, ${ageDays} days ago; ` +
          `papers can be submitted within ${this.rules.maxAgeDays} days of their newest version. ` +
          `It stays on the list of ${paper.day}, where it can be upvoted from its page.`,
      );
    }
  }

  /** The refusal of one more listing today, or null while the daily quota lasts. */
  private async quotaRefusal(userId: string): Promise<RateLimitedError | null> {
    const now = this.now();
    const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const used = await this.submissions.countUserSubmissionsSince(userId, dayStart.toISOString());
    if (used < this.rules.dailyQuota) return null;
    const secondsLeft = Math.ceil((dayStart.getTime() + DAY_MS - now.getTime()) / 1_000);
    return new RateLimitedError(
      secondsLeft,
      `You have submitted ${used} papers today, the daily limit; you can submit again after midnight UTC.`,
    );
  }
}
