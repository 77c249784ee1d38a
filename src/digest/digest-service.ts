import type { Mailer } from "../mail/mailer.js";
import type { Embedder } from "../search/embedder.js";
import type { CommunityStores, DigestStores } from "../store/community-stores.js";
import type { DigestRun, PreparedDigest, StoredMessage } from "../store/digest-store.js";
import type { PaperStore } from "../store/store.js";
import { CandidateSource } from "./candidates.js";
import { DigestPlanner, type PlanSummary } from "./planner.js";
import { renderPrepared } from "./prepared.js";
import type { DigestLinks } from "./render.js";
import { DigestRetention, type ForgetSummary } from "./retention.js";
import { periodAt } from "./schedule.js";
import { SendRate } from "./send-rate.js";
import { DigestSender, type DrainSummary } from "./sender.js";
import { LinkSigner } from "./signed-links.js";

export interface DigestServiceOptions {
  stores: DigestStores;
  papers: PaperStore;
  /** Votes and collections, for "like my upvotes/saved"; null where the tier has none. */
  community: CommunityStores | null;
  /** The semantic model; without it personal digests rank by topics alone. */
  embedder: Embedder | null;
  mailer: Mailer;
  publicUrl: string;
  /** The sender (PAPERPULSE_MAIL_FROM); its address receives mailto: unsubscribe requests. */
  mailFrom: string;
  ratePerMinute: number;
  retryLimit: number;
  retryDelaySeconds: number;
  bounceLimit: number;
  leaseSeconds: number;
  /** Mails in flight at once (default DIGEST_CONNECTIONS); give a pooled mailer as many connections. */
  concurrency?: number;
  /** This machine's time (the retention's age, the bound on planning ahead); tests move it. */
  clock?: () => Date;
}

/** Mails in flight at once, and connections of the pooled SMTP transport that sends them. */
export const DIGEST_CONNECTIONS = 4;

export interface RunOptions {
  now?: Date;
  dryRun?: boolean;
  limit?: number;
  /** Wait for retries falling due before this time (default: none, they wait for the next run). */
  waitUntil?: Date;
  signal?: AbortSignal;
}

export interface RunSummary {
  plan: PlanSummary;
  /** Null on a dry run. */
  delivery: DrainSummary | null;
  /** What the run forgot of the digest history; null on a dry run or within the interval since the last time. */
  forgotten: ForgetSummary | null;
}

/** "PaperPulse <digest@example.org>" → "digest@example.org". */
export function mailboxOf(from: string): string {
  return /<([^<>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** Links signed with the instance's key, read from the digest store. */
export async function digestLinks(
  stores: DigestStores,
  publicUrl: string,
  mailFrom: string,
): Promise<DigestLinks> {
  return {
    publicUrl: publicUrl.replace(/\/+$/, ""),
    signer: new LinkSigner(await stores.digests.signingKey()),
    unsubscribeMailbox: mailboxOf(mailFrom),
  };
}

/** Digest runs (plan due digests, then send them through the queue), previews and the run history. */
export class DigestService {
  private constructor(
    private readonly options: DigestServiceOptions,
    /** A fresh planner per run: its candidate cache must not outlive the run (papers and votes change). */
    private readonly newPlanner: () => DigestPlanner,
    private readonly sender: DigestSender,
    private readonly retention: DigestRetention,
  ) {}

  static async open(options: DigestServiceOptions): Promise<DigestService> {
    const links = await digestLinks(options.stores, options.publicUrl, options.mailFrom);
    const retry = { retryLimit: options.retryLimit, retryDelaySeconds: options.retryDelaySeconds };
    const { digests, queue } = options.stores;
    const newPlanner = () =>
      new DigestPlanner(
        digests,
        queue,
        new CandidateSource(options.papers, options.community, options.embedder),
        links,
        retry,
      );
    const render = (prepared: PreparedDigest, subscriberId: string) =>
      renderPrepared(prepared, subscriberId, options.papers, links);
    const sender = new DigestSender(
      digests,
      queue,
      options.mailer,
      render,
      new SendRate(options.ratePerMinute),
      {
        retry,
        bounceLimit: options.bounceLimit,
        concurrency: options.concurrency ?? DIGEST_CONNECTIONS,
        leaseSeconds: options.leaseSeconds,
      },
    );
    return new DigestService(options, newPlanner, sender, new DigestRetention(digests, options.clock));
  }

  async run(options: RunOptions = {}): Promise<RunSummary> {
    const now = options.now ?? new Date();
    const dryRun = options.dryRun ?? false;
    await this.retention.checkPlanningTime(now);
    const plan = await this.newPlanner().plan({
      now,
      dryRun,
      limit: options.limit ?? Number.POSITIVE_INFINITY,
    });
    if (dryRun) return { plan, delivery: null, forgotten: null };
    const delivery = await this.sender.drain({ waitUntil: options.waitUntil ?? now, signal: options.signal });
    const forgotten = await this.retention.forgetIfDue(options.signal);
    return { plan, delivery, forgotten };
  }

  /** Sends what is queued (another process planned it), without planning: workers share the sending. */
  drain(options: { waitUntil: Date; signal?: AbortSignal }): Promise<DrainSummary> {
    return this.sender.drain(options);
  }

  /** The digest this address would receive for the current period (due or not); null when unknown. */
  async preview(email: string, now = new Date()): Promise<{ message: StoredMessage; papers: number } | null> {
    const subscriber = await this.options.stores.digests.subscriberByEmail(email.trim());
    if (!subscriber) return null;
    const planner = this.newPlanner();
    const digest = await planner.compose(subscriber, periodAt(subscriber.schedule, now));
    return { message: planner.render(subscriber, digest), papers: digest.picks.length };
  }

  recentRuns(limit: number): Promise<DigestRun[]> {
    return this.options.stores.digests.recentRuns(limit);
  }
}
