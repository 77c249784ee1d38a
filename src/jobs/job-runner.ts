import type { JobQueue } from "./queue.js";
import type { SchedulerLog } from "./scheduler.js";

/** A named job: what a worker runs for each job it takes from the queue of that name. */
export interface JobHandler {
  queue: string;
  /**
   * How long a worker holds a job before another may take it (its process died). The run is aborted
   * at the end of its lease, so two workers never run one job at once.
   */
  leaseSeconds: number;
  /**
   * Resolves when done (the job completes); throws to fail it (retried while retries remain). A run
   * whose signal was aborted is not completed, even when it resolves: it stopped part-way.
   */
  run(data: unknown, signal: AbortSignal): Promise<void>;
}

export interface JobRunnerOptions {
  queue: JobQueue;
  handlers: JobHandler[];
  /** Pause between looks at an empty queue (longer while the queue cannot be reached); wake() cuts it short. */
  pollMs: number;
  log: SchedulerLog;
}

export interface JobRunner {
  /** Looks at every queue now (this process has just queued something). */
  wake(): void;
  /** Stops taking jobs, aborts the ones running and waits for them. */
  stop(): Promise<void>;
}

/** The longest pause between looks while the queue cannot be reached (doubling from pollMs). */
export const MAX_POLL_BACKOFF_MS = 30_000;

/**
 * The pause before the next look after `failures` consecutive looks that could not reach the queue:
 * pollMs, doubled at each failure up to MAX_POLL_BACKOFF_MS, so a database that is away is neither
 * hammered nor flooding the log.
 */
export function pollDelayMs(pollMs: number, failures: number): number {
  return Math.min(pollMs * 2 ** failures, Math.max(pollMs, MAX_POLL_BACKOFF_MS));
}

/** What the handler's signal said when its run ended. */
type Interruption = "stopped" | "lease ended" | null;

/**
 * Takes jobs from each handler's queue, one at a time per queue, and runs them. A run that ends
 * interrupted is never completed, whatever the handler returned: one stopped with the runner is
 * failed as temporary (due again after its retry delay, on any worker), one whose lease ran out is
 * left alone (the queue already hands it out again, perhaps to another worker).
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const { queue, log } = options;
  const stopping = new AbortController();
  const waiting = new Set<() => void>();

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
    });
  }

  async function failStopped(handler: JobHandler, id: string, started: boolean): Promise<void> {
    const message = started ? "stopped before it finished" : "stopped before it started";
    log.info(`${handler.queue} job ${message}; failed as temporary, so it is retried`);
    await queue.fail(handler.queue, id, message, { permanent: false });
  }

  async function runJob(handler: JobHandler, id: string, data: unknown): Promise<void> {
    // Fetched while the runner was stopping: not started, but given back to the queue.
    if (stopping.signal.aborted) return failStopped(handler, id, false);
    const controller = new AbortController();
    let interruption: Interruption = null;
    const interrupt = (why: Exclude<Interruption, null>) => {
      interruption ??= why;
      controller.abort(new Error(`${handler.queue} job ${why}`));
    };
    const stop = () => interrupt("stopped");
    stopping.signal.addEventListener("abort", stop);
    const leaseEnds = setTimeout(() => interrupt("lease ended"), handler.leaseSeconds * 1_000);
    let failure: string | null = null;
    try {
      await handler.run(data, controller.signal);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(leaseEnds);
      stopping.signal.removeEventListener("abort", stop);
    }
    if (interruption === "lease ended") {
      log.warn(`${handler.queue} job stopped at the end of its lease; the queue hands it out again`);
      return;
    }
    if (interruption === "stopped") return failStopped(handler, id, true);
    if (failure === null) return queue.complete(handler.queue, id);
    log.warn(`${handler.queue} job failed: ${failure}`);
    await queue.fail(handler.queue, id, failure, { permanent: false });
  }

  async function loop(handler: JobHandler): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      try {
        const [job] = await queue.fetch(handler.queue, { batchSize: 1, leaseSeconds: handler.leaseSeconds });
        failures = 0;
        if (job) {
          await runJob(handler, job.id, job.data);
          continue;
        }
      } catch (error) {
        // The database away: look again after a pause that grows while it stays away.
        failures++;
        log.error({ err: error }, `${handler.queue} jobs: could not take one (${failures} in a row)`);
      }
      if (!stopping.signal.aborted) await pause(pollDelayMs(options.pollMs, failures));
    }
  }

  const loops = options.handlers.map(loop);
  return {
    wake() {
      for (const done of [...waiting]) done();
    },
    async stop() {
      stopping.abort();
      for (const done of [...waiting]) done();
      await Promise.all(loops);
    },
  };
}
