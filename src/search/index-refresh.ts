import type { SchedulerLog } from "../jobs/scheduler.js";
import type { IndexStart, LiveVectorIndex } from "./live-index.js";

/** The scheduler's log, plus details beside a message (a JSON logger keeps them as fields). */
export interface IndexRefreshLog extends SchedulerLog {
  info(message: string): void;
  info(details: Record<string, unknown>, message: string): void;
}

const SOURCES: Record<IndexStart["from"], string> = {
  local: "the graph saved here",
  shared: "the graph shared in the database",
  vectors: "the stored vectors",
};

/** One line for operators: where the start's vectors came from and which phase took the time. */
export function describeIndexStart(start: IndexStart): string {
  const phases: string[] = [];
  const { seconds } = start;
  if (seconds.download !== undefined)
    phases.push(`download ${(start.downloadedBytes / 1e6).toFixed(0)} MB ${seconds.download.toFixed(1)} s`);
  if (seconds.checksum !== undefined) phases.push(`checksum ${seconds.checksum.toFixed(1)} s`);
  if (seconds.storeCheck !== undefined) phases.push(`store check ${seconds.storeCheck.toFixed(1)} s`);
  if (seconds.load !== undefined) phases.push(`load ${seconds.load.toFixed(1)} s`);
  if (seconds.share !== undefined) phases.push(`share ${seconds.share.toFixed(1)} s`);
  phases.push(`${start.vectorsRead} vectors read ${seconds.vectors.toFixed(1)} s`);
  const sharedNotUsed = start.sharedNotUsed === null ? "" : `; shared graph not used: ${start.sharedNotUsed}`;
  return (
    `vector index ready in ${seconds.total.toFixed(1)} s: ${start.size} vectors (${start.kind}) ` +
    `from ${SOURCES[start.from]} (${phases.join(", ")})${sharedNotUsed}`
  );
}

export interface IndexRefresh {
  /**
   * Reads the vectors saved up to now. Asked while a look is in progress (which may have read the store
   * before the caller saved its vectors), it runs one more after it; callers meanwhile share that one.
   * Resolves with the vectors both added.
   */
  refreshNow(): Promise<number>;
  /** Stops the look in progress at its next batch (a build from the stored vectors included), and the looks to come. */
  stop(): Promise<void>;
}

/**
 * Keeps a web node's vector index current: loads it at once (from the saved graph when it is usable),
 * then every interval reads the vectors saved since (whichever process embedded them): the change feed
 * by save order that LiveVectorIndex.catchUp follows.
 */
export function startIndexRefresh(
  index: LiveVectorIndex,
  intervalMs: number,
  log: IndexRefreshLog,
): IndexRefresh {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let first = true;
  let running: Promise<number> | null = null;
  let queued: Promise<number> | null = null;

  async function refresh(): Promise<number> {
    const added = await index.catchUp();
    const saveError = index.takeSaveError();
    if (saveError !== null) log.warn(`vector graph not saved (${saveError}): tried again after more vectors`);
    // The first look that filled the index tells how; one that failed or was stopped tells nothing.
    if (first && index.start) {
      if (index.snapshotRejection !== null)
        log.warn(`saved vector graph not used (${index.snapshotRejection}): rebuilt from the stored vectors`);
      log.info({ vectorIndex: index.start }, describeIndexStart(index.start));
      first = false;
    }
    return added;
  }

  function refreshNow(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    if (running) {
      queued ??= running.then((earlier) => {
        queued = null;
        return refreshNow().then((later) => earlier + later);
      });
      return queued;
    }
    running = refresh()
      .catch((error: unknown) => {
        log.warn(`vector index refresh failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => {
        running = null;
        if (stopped) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => void refreshNow(), intervalMs);
        timer.unref();
      });
    return running;
  }

  void refreshNow();
  return {
    refreshNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await index.stop();
      await running;
      await queued;
    },
  };
}
