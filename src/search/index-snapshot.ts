import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type HnswSettings, HnswVectorIndex } from "./hnsw-index.js";

/** What a saved graph covers; a graph is trusted only when every field matches and the file is whole. */
interface SnapshotMeta {
  format: number;
  modelId: string;
  dimensions: number;
  settings: HnswSettings;
  /** The store's vector save order up to which the graph holds every vector of the model. */
  lastSeq: number;
  size: number;
  sha256: string;
}

const FORMAT = 1;

export interface LoadedGraph {
  graph: HnswVectorIndex;
  lastSeq: number;
}

/** Why a saved graph was not used, for the log; null when none was saved. */
export type SnapshotRejection = "unreadable" | "other model or settings" | "damaged" | "ahead of the store";

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The HNSW graph of one model saved next to the database (ADR 0013), so a restart loads it in seconds
 * instead of rebuilding it for minutes. A file that does not match its description (model, settings,
 * checksum) or covers vectors the store does not have is never loaded: the caller rebuilds.
 */
export class IndexSnapshot {
  private readonly graphFile: string;
  private readonly metaFile: string;

  constructor(
    private readonly directory: string,
    private readonly modelId: string,
    private readonly dimensions: number,
  ) {
    const name = `vectors-${modelId.replaceAll(/[^A-Za-z0-9._-]/g, "_")}`;
    this.graphFile = path.join(directory, `${name}.usearch`);
    this.metaFile = path.join(directory, `${name}.json`);
  }

  /**
   * The saved graph, or why it cannot be used. `storeHasSeq` says whether the store still holds a vector
   * saved at or after a given seq: a graph from a newer or another database fails it.
   */
  async load(
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    let meta: SnapshotMeta;
    try {
      meta = JSON.parse(await readFile(this.metaFile, "utf8")) as SnapshotMeta;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : "unreadable";
    }
    const matches =
      meta.format === FORMAT &&
      meta.modelId === this.modelId &&
      meta.dimensions === this.dimensions &&
      JSON.stringify(meta.settings) === JSON.stringify(settings);
    if (!matches) return "other model or settings";
    try {
      if ((await sha256Of(this.graphFile)) !== meta.sha256) return "damaged";
    } catch {
      return "unreadable";
    }
    if (meta.lastSeq > 0 && !(await storeHasSeq(meta.lastSeq))) return "ahead of the store";
    const graph = new HnswVectorIndex(this.dimensions, settings);
    try {
      graph.load(this.graphFile);
    } catch {
      return "damaged";
    }
    if (graph.size !== meta.size) return "damaged";
    return { graph, lastSeq: meta.lastSeq };
  }

  /** Saves the graph and what it covers; a crash midway leaves a file the checksum rejects. */
  async save(graph: HnswVectorIndex, lastSeq: number): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const partial = `${this.graphFile}.partial`;
    graph.save(partial);
    const meta: SnapshotMeta = {
      format: FORMAT,
      modelId: this.modelId,
      dimensions: this.dimensions,
      settings: graph.settings,
      lastSeq,
      size: graph.size,
      sha256: await sha256Of(partial),
    };
    await rm(this.metaFile, { force: true });
    await rename(partial, this.graphFile);
    await writeFile(`${this.metaFile}.partial`, JSON.stringify(meta));
    await rename(`${this.metaFile}.partial`, this.metaFile);
  }
}
