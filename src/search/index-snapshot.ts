import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SharedGraphs } from "../store/vector-store.js";
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
  /** Saved by this node ("local") or downloaded from the store's shared copy ("shared", ADR 0015). */
  source: "local" | "shared";
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
  /** The shared copy was downloaded and then rejected: the next save replaces it whatever it covers. */
  private sharedDamaged = false;

  constructor(
    private readonly directory: string,
    private readonly modelId: string,
    private readonly dimensions: number,
    private readonly shared: SharedGraphs | null = null,
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
    const source = (await this.downloadNewerShared()) ? "shared" : "local";
    const loaded = await this.loadFiles(settings, storeHasSeq, source);
    const usable = loaded !== null && typeof loaded !== "string";
    if (source === "shared" && !usable) this.sharedDamaged = true;
    // A graph of this node's newer than the shared one (or the first one) is offered to the others.
    if (source === "local" && usable) await this.share(await this.readMeta());
    return loaded;
  }

  /**
   * Replaces the files here by the store's shared graph when it covers more vectors than they do
   * (or they are missing); the same checks as for a graph saved here decide whether it is used.
   */
  private async downloadNewerShared(): Promise<boolean> {
    if (!this.shared) return false;
    const sharedSeq = await this.shared.sharedGraphSeq(this.modelId);
    if (sharedSeq === null) return false;
    const localSeq = await this.readMeta().then(
      (meta) => meta.lastSeq,
      () => -1,
    );
    if (localSeq >= sharedSeq) return false;
    await mkdir(this.directory, { recursive: true });
    const partial = `${this.graphFile}.partial`;
    const description = await this.shared.downloadGraph(this.modelId, partial);
    if (description === null) return false;
    await rm(this.metaFile, { force: true });
    await rename(partial, this.graphFile);
    await writeFile(`${this.metaFile}.partial`, description);
    await rename(`${this.metaFile}.partial`, this.metaFile);
    return true;
  }

  private async readMeta(): Promise<SnapshotMeta> {
    return JSON.parse(await readFile(this.metaFile, "utf8")) as SnapshotMeta;
  }

  private async loadFiles(
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
    source: LoadedGraph["source"],
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    let meta: SnapshotMeta;
    try {
      meta = await this.readMeta();
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
    return { graph, lastSeq: meta.lastSeq, source };
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
    await this.share(meta);
  }

  /** Offers the saved graph to the other nodes; the store keeps it when it covers more than theirs. */
  private async share(meta: SnapshotMeta): Promise<void> {
    if (!this.shared) return;
    await this.shared.uploadGraph({
      modelId: this.modelId,
      lastSeq: meta.lastSeq,
      description: JSON.stringify(meta),
      file: this.graphFile,
      replace: this.sharedDamaged,
    });
    this.sharedDamaged = false;
  }
}
