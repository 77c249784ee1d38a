import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
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

/** Where the last `load` spent its time, in seconds (a phase it skipped is absent), for the start log. */
export interface SnapshotTimings {
  /** Downloading the shared graph into the data folder, its checksum computed on the way. */
  download?: number;
  /** Checksum of a graph saved here (a downloaded one was hashed while downloading). */
  checksum?: number;
  /** Asking the store whether it holds the graph's last vector. */
  storeCheck?: number;
  /** Reading the graph file into memory. */
  load?: number;
  /** Offering a newer graph of this node's to the others. */
  share?: number;
}

/** The meta file as read: its content, or the read's error code (ENOENT: none saved). */
type MetaRead = { meta: SnapshotMeta } | { error: string };

function since(started: number): number {
  return (performance.now() - started) / 1000;
}

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
  /** Where the last `load` spent its time. */
  timings: SnapshotTimings = {};
  /** Bytes the last `load` downloaded (0: it used the graph saved here, or none). */
  downloadedBytes = 0;

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
   * saved at or after a given seq: a graph from a newer or another database fails it. A shared graph
   * covering more vectors than the one saved here (or any, when none is) replaces it first.
   */
  async load(
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    this.timings = {};
    this.downloadedBytes = 0;
    let saved = await this.readMeta();
    const sharedSeq = this.shared ? ((await this.shared.sharedGraph(this.modelId))?.lastSeq ?? null) : null;
    const localSeq = "meta" in saved ? saved.meta.lastSeq : -1;
    let hashed: string | null = null;
    if (sharedSeq !== null && localSeq < sharedSeq) {
      const downloaded = await this.downloadShared();
      if (downloaded) {
        saved = downloaded.saved;
        hashed = downloaded.sha256;
      }
    }
    const source = hashed === null ? "local" : "shared";
    const loaded = await this.loadFiles(saved, hashed, settings, storeHasSeq, source);
    const usable = loaded !== null && typeof loaded !== "string";
    if (source === "shared" && !usable) this.sharedDamaged = true;
    // A graph of this node's that covers more than the shared one (or the first one) is offered to the others.
    if (
      this.shared &&
      source === "local" &&
      usable &&
      "meta" in saved &&
      (sharedSeq === null || sharedSeq < saved.meta.lastSeq)
    ) {
      const started = performance.now();
      await this.share(saved.meta);
      this.timings.share = since(started);
    }
    return loaded;
  }

  /**
   * Writes the store's shared graph and its description in place of the files here, hashing the bytes
   * as they stream to disk so the checksum costs no second read. Null when the store has none after all.
   */
  private async downloadShared(): Promise<{ saved: MetaRead; sha256: string } | null> {
    const started = performance.now();
    await mkdir(this.directory, { recursive: true });
    const partial = `${this.graphFile}.partial`;
    const hash = createHash("sha256");
    let bytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const [stored] = await Promise.all([
      this.shared!.downloadGraph(this.modelId, hashing),
      pipeline(hashing, createWriteStream(partial)),
    ]);
    if (stored === null) {
      await rm(partial, { force: true });
      return null;
    }
    await rm(this.metaFile, { force: true });
    await rename(partial, this.graphFile);
    await writeFile(`${this.metaFile}.partial`, stored.description);
    await rename(`${this.metaFile}.partial`, this.metaFile);
    this.timings.download = since(started);
    this.downloadedBytes = bytes;
    return { saved: this.parseMeta(stored.description), sha256: hash.digest("hex") };
  }

  private async readMeta(): Promise<MetaRead> {
    let text: string;
    try {
      text = await readFile(this.metaFile, "utf8");
    } catch (error) {
      return { error: (error as NodeJS.ErrnoException).code ?? "unreadable" };
    }
    return this.parseMeta(text);
  }

  private parseMeta(text: string): MetaRead {
    try {
      return { meta: JSON.parse(text) as SnapshotMeta };
    } catch {
      return { error: "unreadable" };
    }
  }

  /** Checks the files against their description and the store, then loads the graph. */
  private async loadFiles(
    saved: MetaRead,
    hashed: string | null,
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
    source: LoadedGraph["source"],
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    if (!("meta" in saved)) return saved.error === "ENOENT" ? null : "unreadable";
    const { meta } = saved;
    const matches =
      meta.format === FORMAT &&
      meta.modelId === this.modelId &&
      meta.dimensions === this.dimensions &&
      JSON.stringify(meta.settings) === JSON.stringify(settings);
    if (!matches) return "other model or settings";
    if (hashed === null) {
      const started = performance.now();
      try {
        hashed = await sha256Of(this.graphFile);
      } catch {
        return "unreadable";
      }
      this.timings.checksum = since(started);
    }
    if (hashed !== meta.sha256) return "damaged";
    const checked = performance.now();
    if (meta.lastSeq > 0 && !(await storeHasSeq(meta.lastSeq))) return "ahead of the store";
    this.timings.storeCheck = since(checked);
    const loading = performance.now();
    const graph = new HnswVectorIndex(this.dimensions, settings);
    try {
      graph.load(this.graphFile);
    } catch {
      return "damaged";
    }
    this.timings.load = since(loading);
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
      sha256: meta.sha256,
      description: JSON.stringify(meta),
      file: this.graphFile,
      replace: this.sharedDamaged,
    });
    this.sharedDamaged = false;
  }
}
