import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { dueTimeOf, isCronSchedule } from "../../src/jobs/cron-schedule.js";
import { type ScheduledJob, type Scheduler, startScheduler } from "../../src/jobs/scheduler.js";

// Real croner timers on a per-second schedule: each test waits a second or two.

const EVERY_SECOND = "* * * * * *";

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
});

function recordingLog() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (message: string) => lines.push(`info ${message}`),
      warn: (message: string) => lines.push(`warn ${message}`),
      error: (details: { err: unknown }, message: string) =>
        lines.push(`error ${message}: ${(details.err as Error).message}`),
    },
  };
}

function start(job: ScheduledJob, log = recordingLog().log): Scheduler {
  scheduler = startScheduler({
    name: "test job",
    schedule: EVERY_SECOND,
    timezone: "America/New_York",
    job,
    log,
  });
  return scheduler;
}

async function waitFor(condition: () => boolean, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await delay(20);
  }
}

describe("startScheduler", () => {
  it("runs the job at the scheduled times and logs each run and the next time", async () => {
    const { lines, log } = recordingLog();
    let runs = 0;
    const started = start(async () => {
      runs++;
    }, log);
    expect(started.nextRun()!.getTime() - Date.now()).toBeLessThanOrEqual(1_000);
    await waitFor(() => runs >= 2);
    expect(lines).toContain("info test job: started");
    expect(lines.some((line) => /^info test job: finished in \d+ s$/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith("info test job: next run at 20"))).toBe(true);
  });

  it("never starts a run while the previous one is going, and stop() aborts and awaits it", async () => {
    const { lines, log } = recordingLog();
    let active = 0;
    let maxActive = 0;
    let starts = 0;
    let sawAbort = false;
    const started = start(async (signal) => {
      starts++;
      active++;
      maxActive = Math.max(maxActive, active);
      // A slow run: goes on past several scheduled times, until stopped.
      await delay(10_000, undefined, { signal }).catch(() => {
        sawAbort = signal.aborted;
      });
      active--;
    }, log);
    await waitFor(() => lines.some((line) => line.startsWith("warn test job: skipped")));
    expect(starts).toBe(1);

    await started.stop();
    expect(sawAbort).toBe(true);
    expect(active).toBe(0);
    expect(maxActive).toBe(1);
    expect(started.nextRun()).toBeNull();
  });

  it("logs a failed run and keeps the schedule", async () => {
    const { lines, log } = recordingLog();
    let runs = 0;
    start(async () => {
      runs++;
      throw new Error("arXiv is down");
    }, log);
    await waitFor(() => runs >= 2);
    expect(lines).toContain("error test job: failed: arXiv is down");
  });

  it("runs each occurrence once across schedulers that share a claim, as workers share the store", async () => {
    const claimed = new Set<string>();
    const claim = async (dueAt: Date) => {
      const key = dueAt.toISOString();
      if (claimed.has(key)) return false;
      claimed.add(key);
      return true;
    };
    const runsByWorker = [0, 0];
    const helpsByWorker = [0, 0];
    const { lines, log } = recordingLog();
    const workers = [0, 1].map((worker) =>
      startScheduler({
        name: `worker ${worker}`,
        schedule: EVERY_SECOND,
        timezone: "America/New_York",
        job: async () => {
          runsByWorker[worker]!++;
        },
        log,
        claim,
        whenClaimedElsewhere: async () => {
          helpsByWorker[worker]!++;
        },
      }),
    );
    try {
      await waitFor(() => claimed.size >= 3);
      await delay(200);
    } finally {
      for (const worker of workers) await worker.stop();
    }
    // Every due second was claimed once and run once, by one worker or the other.
    expect(runsByWorker[0]! + runsByWorker[1]!).toBe(claimed.size);
    // The worker that lost an occurrence's claim did its part for it instead (digests: help send).
    expect(helpsByWorker[0]! + helpsByWorker[1]!).toBeGreaterThanOrEqual(claimed.size - 1);
    expect(lines.some((line) => / belongs to another worker$/.test(line))).toBe(true);
  });

  it("runs nothing after stop()", async () => {
    let runs = 0;
    const started = start(async () => {
      runs++;
    });
    await started.stop();
    await delay(1_200);
    expect(runs).toBe(0);
  });
});

describe("dueTimeOf", () => {
  const NEW_YORK = "America/New_York";

  it("names a late trigger by the time it was due", () => {
    // 20:30 in New York on 2025-09-11 (daylight saving) is 00:30 UTC the next day.
    const due = "2025-09-12T00:30:00.000Z";
    for (const late of [3, 4_000, 29_000]) {
      const triggeredAt = new Date(Date.parse(due) + late);
      expect(dueTimeOf("30 20 * * 0-4", NEW_YORK, triggeredAt).toISOString()).toBe(due);
    }
  });

  it("never looks back further than half the interval, so a late trigger is not taken for the previous one", () => {
    expect(dueTimeOf(EVERY_SECOND, NEW_YORK, new Date("2025-09-12T10:00:05.300Z")).toISOString()).toBe(
      "2025-09-12T10:00:05.000Z",
    );
    expect(dueTimeOf("*/2 * * * * *", NEW_YORK, new Date("2025-09-12T10:00:04.900Z")).toISOString()).toBe(
      "2025-09-12T10:00:04.000Z",
    );
  });
});

describe("isCronSchedule", () => {
  it("accepts 5- and 6-field patterns croner can parse and that fire", () => {
    for (const pattern of ["30 20 * * 0-4", "0 20 * * MON-FRI", EVERY_SECOND]) {
      expect(isCronSchedule(pattern)).toBe(true);
    }
    for (const pattern of ["61 * * * *", "* * 31 2 *", "2030-01-01T00:00:00", "@daily", "every day", ""]) {
      expect(isCronSchedule(pattern)).toBe(false);
    }
  });
});
