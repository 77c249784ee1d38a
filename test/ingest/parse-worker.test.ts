import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importPaperFiles } from "../../src/ingest/import-papers.js";
import { describeInputFile } from "../../src/ingest/input-file.js";
import type { PaperStore } from "../../src/store/store.js";
import { ARXIVER_DIR, allPapers, openTempStore, readJson, tempDir } from "./helpers.js";

const arxiverStats = readJson<{ per_file: Record<string, number> }>(path.join(ARXIVER_DIR, "stats.json"));
const arxiverFile = (name: string) => path.join(ARXIVER_DIR, `papers/${name}.jsonl.gz`);

const openStores: PaperStore[] = [];
function freshStore(): PaperStore {
  const store = openTempStore(tempDir());
  openStores.push(store);
  return store;
}
afterEach(async () => {
  await Promise.all(openStores.splice(0).map((store) => store.close()));
});

describe("parsing in a worker thread", () => {
  it("stores, counts and reports exactly what parsing on the main thread does, across files", async () => {
    const files = [arxiverFile("pre2013"), arxiverFile("2013"), arxiverFile("2016")];
    const runs = await Promise.all(
      (["worker", "main-thread"] as const).map(async (parseIn) => {
        const store = freshStore();
        const progress: number[] = [];
        const summary = await importPaperFiles(store, files, {
          batchSize: 300,
          parseIn,
          onProgress: ({ linesRead }) => progress.push(linesRead),
        });
        return { summary, progress, papers: await allPapers(store) };
      }),
    );
    const [inWorker, inMainThread] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(inWorker.summary.parsedIn).toBe("worker");
    expect(inMainThread.summary.parsedIn).toBe("main-thread");
    const comparable = ({ summary }: (typeof runs)[0]) => ({ files: summary.files, total: summary.total });
    expect(comparable(inWorker)).toEqual(comparable(inMainThread));
    expect(inWorker.summary.total.inserted).toBe(
      arxiverStats.per_file.pre2013! + arxiverStats.per_file["2013"]! + arxiverStats.per_file["2016"]!,
    );
    expect(inWorker.progress.at(-1)).toBe(inWorker.summary.total.read);
    expect(inWorker.papers).toEqual(inMainThread.papers);
  });

  it("resumes a file named twice only the first time, as the checkpoint is cleared after it", async () => {
    const file = arxiverFile("2016");
    const store = freshStore();
    const controller = new AbortController();
    await importPaperFiles(store, [file], {
      batchSize: 200,
      parseIn: "worker",
      signal: controller.signal,
      onProgress: ({ linesRead }) => linesRead >= 400 && controller.abort(),
    });
    const committed =
      (await store.getCheckpoint((await describeInputFile(file)).checkpointKey))?.line ?? null;
    expect(committed).toBeGreaterThan(0);

    const lines = arxiverStats.per_file["2016"]!;
    const summary = await importPaperFiles(store, [file, file], { parseIn: "worker" });
    expect(
      summary.files.map(({ resumedAfterLine, read, unchanged }) => [resumedAfterLine, read, unchanged]),
    ).toEqual([
      [committed, lines - committed!, 0],
      [null, lines, lines],
    ]);
  });
});
