import { Worker } from "node:worker_threads";
import { type PaperSegment, type ParsePlan, parsePaperSegments } from "./paper-segments.js";
import { type FromParseWorker, recordsOf, type ToParseWorker } from "./parse-worker-protocol.js";

/** The parsed segments of a plan's files, consumed file by file in plan order. */
export interface PaperSegmentSource {
  segmentsOf(fileIndex: number): AsyncIterable<PaperSegment>;
  /** Where the lines were parsed: a worker source that could not start a worker says "main-thread". */
  parsedIn(): "worker" | "main-thread";
  /** Stops any parsing still under way; call it however the import ends. */
  close(): Promise<void>;
}

/** Parses on the calling thread, between writes. */
export function inThreadSource(plan: ParsePlan): PaperSegmentSource {
  return {
    segmentsOf: (fileIndex) => parsePaperSegments(plan, fileIndex),
    parsedIn: () => "main-thread",
    close: async () => {},
  };
}

/** Messages in arrival order, awaited one at a time; a failure comes after the messages before it. */
class Inbox<Message> {
  private readonly messages: Message[] = [];
  private failure: { error: unknown } | null = null;
  private wake: (() => void) | null = null;

  push(message: Message): void {
    this.messages.push(message);
    this.wake?.();
  }

  fail(error: unknown): void {
    this.failure ??= { error };
    this.wake?.();
  }

  async next(): Promise<Message> {
    while (this.messages.length === 0) {
      if (this.failure) throw this.failure.error;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return this.messages.shift()!;
  }
}

/** The worker module beside this one: JavaScript in dist/, TypeScript source under tsx and vitest. */
function startParseWorker(): Worker {
  const fromSource = import.meta.url.endsWith(".ts");
  return new Worker(new URL(fromSource ? "./parse-worker-tsx.mjs" : "./parse-worker.js", import.meta.url));
}

/**
 * Parses in a worker thread, so reading and parsing the next batches overlaps writing this one. Where no
 * worker can run (it fails before its first message), it parses on this thread instead.
 */
export function workerSource(plan: ParsePlan): PaperSegmentSource {
  let worker: Worker;
  try {
    worker = startParseWorker();
  } catch {
    return inThreadSource(plan);
  }
  const inbox = new Inbox<FromParseWorker>();
  let received = 0;
  let closing = false;
  let fallback: PaperSegmentSource | null = null;
  worker.on("message", (message: FromParseWorker) => {
    received++;
    inbox.push(message);
  });
  worker.on("error", (error) => inbox.fail(error));
  worker.on("exit", (code) => {
    if (!closing) inbox.fail(new Error(`the parse worker stopped unexpectedly (exit code ${code})`));
  });
  const send = (message: ToParseWorker) => worker.postMessage(message);
  send({ type: "parse", plan });

  /** The next message; null when the worker failed before its first one, i.e. it never started. */
  const nextMessage = async (): Promise<FromParseWorker | null> => {
    try {
      return await inbox.next();
    } catch (error) {
      if (received > 0) throw error;
      return null;
    }
  };

  async function* segmentsOf(fileIndex: number): AsyncGenerator<PaperSegment> {
    for (;;) {
      const message = fallback ? null : await nextMessage();
      if (message === null) {
        fallback ??= inThreadSource(plan);
        yield* fallback.segmentsOf(fileIndex);
        return;
      }
      if (message.type === "file-end") return;
      yield message.segment;
      // Resumed: the importer is done with this segment's records.
      send({ type: "ack", records: recordsOf(message.segment) });
    }
  }

  return {
    segmentsOf,
    parsedIn: () => (fallback ? "main-thread" : "worker"),
    async close() {
      closing = true;
      await worker.terminate();
    },
  };
}
