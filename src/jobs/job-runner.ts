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
  /** Resolves when done (the job completes); throws to fail it (retried while retries remain). */
  run(data: unknown, signal: AbortSignal): Promise<void>;
}

export interface JobRunnerOptions {
  queue: JobQueue;
  handlers: JobHandler[];
  /** Pause between looks at an empty queue; wake() cuts it short. */
  pollMs: number;
  log: SchedulerLog;
}

export interface JobRunner {
  /** Looks at every queue now (this process has just queued something). */
  wake(): void;
  /** Stops taking jobs, aborts the ones running and waits for them. */
  stop(): Promise<void>;
}

/** Takes jobs from each handler's queue, one at a time per queue, and runs them. */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const { queue, log } = options;
  const stopping = new AbortController();
  const waiting = new Set<() => void>();

  function pause(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, options.pollMs);
      waiting.add(done);
    });
  }

  async function runJob(handler: JobHandler, id: string, data: unknown): Promise<void> {
    const controller = new AbortController();
    const abort = () => controller.abort(new Error(`${handler.queue} job stopped`));
    stopping.signal.addEventListener("abort", abort);
    const leaseEnds = setTimeout(abort, handler.leaseSeconds * 1_000);
    try {
      await handler.run(data, controller.signal);
      await queue.complete(handler.queue, id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`${handler.queue} job failed: ${message}`);
      await queue.fail(handler.queue, id, message, { permanent: false });
    } finally {
      clearTimeout(leaseEnds);
      stopping.signal.removeEventListener("abort", abort);
    }
  }

  async function loop(handler: JobHandler): Promise<void> {
    while (!stopping.signal.aborted) {
      try {
        const [job] = await queue.fetch(handler.queue, { batchSize: 1, leaseSeconds: handler.leaseSeconds });
        if (job) {
          await runJob(handler, job.id, job.data);
          continue;
        }
      } catch (error) {
        // The database briefly away: look again after the pause.
        log.error({ err: error }, `${handler.queue} jobs: could not take one`);
      }
      if (!stopping.signal.aborted) await pause();
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
