import type { PaperService } from "./paper-service.js";

export interface Health {
  /** The newest listing day: read on every probe (an index's end), so a probe answers only when the store does. */
  latestDay: string | null;
  /** Stored papers, counted at most once per `countMaxAgeMs`: a count reads every row. */
  papers: number;
  /** When `papers` was counted (ISO). */
  papersCountedAt: string;
}

/** One minute: a count at 1M papers costs 20–30 ms on SQLite, too much for a probe sent every second. */
export const HEALTH_COUNT_MAX_AGE_MS = 60_000;

/**
 * What `/healthz` answers, in constant time per probe. The paper count is cached; once it is older than
 * `countMaxAgeMs`, a probe answers with it and has it counted again after its answer is sent.
 */
export class HealthService {
  private counted: { papers: number; at: number } | null = null;
  private recount: Promise<void> | null = null;

  constructor(
    private readonly papers: PaperService,
    private readonly countMaxAgeMs = HEALTH_COUNT_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async health(): Promise<Health> {
    const latestDay = await this.papers.latestDay();
    if (this.counted === null) await this.count(false);
    else if (this.now() - this.counted.at >= this.countMaxAgeMs)
      // A failed recount keeps the last count; the next probe's own read shows whether the store answers.
      this.count(true).catch(() => undefined);
    const { papers, at } = this.counted!;
    return { latestDay, papers, papersCountedAt: new Date(at).toISOString() };
  }

  /**
   * One count at a time, shared by the probes that ask meanwhile. `afterAnswer`: once the current probe
   * is answered (a synchronous store would otherwise count before the answer is sent).
   */
  private count(afterAnswer: boolean): Promise<void> {
    this.recount ??= (afterAnswer ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve())
      .then(() => this.papers.countPapers())
      .then((papers) => {
        this.counted = { papers, at: this.now() };
      })
      .finally(() => {
        this.recount = null;
      });
    return this.recount;
  }
}
