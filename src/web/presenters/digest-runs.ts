import type { DigestRun } from "../../store/digest-store.js";

export interface DigestRunModel {
  started: string;
  finished: string;
  due: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Prepared and not yet sent or failed (retries pending, or being sent). */
  waiting: number;
}

function time(iso: string | null): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : "running";
}

export function presentDigestRuns(runs: DigestRun[]): DigestRunModel[] {
  return runs.map((run) => ({
    started: time(run.startedAt),
    finished: time(run.finishedAt),
    due: run.due,
    sent: run.sent,
    skipped: run.skipped,
    failed: run.failed,
    waiting: Math.max(0, run.prepared - run.sent - run.failed),
  }));
}
