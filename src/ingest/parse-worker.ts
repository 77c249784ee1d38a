import { parentPort } from "node:worker_threads";
import { type ParsePlan, parsePaperSegments } from "./paper-segments.js";
import {
  type FromParseWorker,
  inFlightLimit,
  recordsOf,
  type ToParseWorker,
} from "./parse-worker-protocol.js";

/**
 * The parse worker: reads, gunzips, parses and validates the files of a plan and posts their segments in
 * order, while the importer's thread writes the ones before. Started by worker-paper-source.
 */
const port = parentPort;
if (port === null) throw new Error("parse-worker.ts runs as a worker thread");

let inFlight = 0;
let wakeOnAck: (() => void) | null = null;

function post(message: FromParseWorker): void {
  port!.postMessage(message);
}

async function parsePlan(plan: ParsePlan): Promise<void> {
  const limit = inFlightLimit(plan.batchSize);
  for (let index = 0; index < plan.files.length; index++) {
    for await (const segment of parsePaperSegments(plan, index)) {
      // Waiting here suspends the reader too, so nothing more is read or decompressed meanwhile.
      while (inFlight >= limit) await new Promise<void>((resolve) => (wakeOnAck = resolve));
      inFlight += recordsOf(segment);
      post({ type: "segment", segment });
    }
    post({ type: "file-end" });
  }
}

port.on("message", (message: ToParseWorker) => {
  if (message.type === "ack") {
    inFlight -= message.records;
    wakeOnAck?.();
    wakeOnAck = null;
    return;
  }
  parsePlan(message.plan).catch((error: unknown) => {
    // Thrown outside the promise, it ends the worker with an "error" event that carries it to the importer.
    setImmediate(() => {
      throw error;
    });
  });
});
