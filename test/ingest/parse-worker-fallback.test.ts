import { EventEmitter } from "node:events";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import { ARXIVER_DIR, openTempStore, readJson, tempDir } from "./helpers.js";

/** A worker that fails as one does when its module cannot load (no loader, no worker support). */
vi.mock("node:worker_threads", () => ({
  Worker: class extends EventEmitter {
    constructor() {
      super();
      setImmediate(() => {
        this.emit("error", new Error("cannot load the worker module"));
        this.emit("exit", 1);
      });
    }
    postMessage(): void {}
    async terminate(): Promise<number> {
      return 1;
    }
  },
}));

const arxiverStats = readJson<{ per_file: Record<string, number> }>(path.join(ARXIVER_DIR, "stats.json"));

describe("a worker that cannot start", () => {
  it("leaves the parsing to the main thread, with the same result", async () => {
    const store = openTempStore(tempDir());
    try {
      const files = ["pre2013", "2013"].map((name) => path.join(ARXIVER_DIR, `papers/${name}.jsonl.gz`));
      const summary = await importPaperFiles(store, files, { parseIn: "worker", batchSize: 100 });
      expect(summary.parsedIn).toBe("main-thread");
      const expected = arxiverStats.per_file.pre2013! + arxiverStats.per_file["2013"]!;
      expect(summary.total).toEqual({
        read: expected,
        inserted: expected,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        rejectedEarlier: 0,
      });
      expect(await store.countPapers()).toBe(expected);
    } finally {
      await store.close();
    }
  });
});
