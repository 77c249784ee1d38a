import type { SchedulerLog } from "../jobs/scheduler.js";
import type { LiveVectorIndex } from "./live-index.js";

export interface IndexRefresh {
  /** Reads the vectors saved since the last look now (or joins the look in progress). */
  refreshNow(): Promise<number>;
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
  log: SchedulerLog,
): IndexRefresh {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let first = true;
  let running: Promise<number> | null = null;

  async function refresh(): Promise<number> {
    const added = await index.catchUp();
    if (first && index.snapshotRejection !== null)
      log.warn(`saved vector graph not used (${index.snapshotRejection}): rebuilt from the stored vectors`);
    if (first) log.info(`${index.size} papers in the ${index.kind} vector index`);
    first = false;
    return added;
  }

  function refreshNow(): Promise<number> {
    running ??= refresh()
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
      await running;
    },
  };
}
