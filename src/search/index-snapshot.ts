import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SharedGraphs, StoredGraph } from "../store/vector-store.js";
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
  /**
   * Why the last `load` did not use the shared graph it downloaded (a rejection, or the download's
   * error), when it loaded the graph saved here instead or none; null when it used it or tried none.
   */
  sharedNotUsed: string | null = null;
  /**
   * Why the last `load` could not offer the graph it loaded to the other nodes (the upload's error);
   * the graph is used all the same, and the next save offers it again.
   */
  shareFailed: string | null = null;
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
   * covering more vectors than the one saved here (or any, when none is) is downloaded and checked
   * beside it, and replaces it only when it passes every check: a damaged download, or one saved with
   * other settings, leaves the graph here as it was, and that one is loaded instead.
   * Throws when the store cannot be asked (the caller tries again later), or when the download fails
   * and no graph saved here can stand in.
   */
  async load(
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    this.timings = {};
    this.downloadedBytes = 0;
    this.sharedNotUsed = null;
    this.shareFailed = null;
    const saved = await this.readMeta();
    const sharedSeq = this.shared ? ((await this.shared.sharedGraph(this.modelId))?.lastSeq ?? null) : null;
    const localSeq = "meta" in saved ? saved.meta.lastSeq : -1;
    let downloadError: unknown = null;
    let sharedRejection: SnapshotRejection | null = null;
    if (sharedSeq !== null && localSeq < sharedSeq) {
      try {
        const downloaded = await this.loadShared(settings, storeHasSeq);
        if (downloaded !== null && typeof downloaded !== "string") return downloaded;
        if (downloaded !== null) {
          sharedRejection = downloaded;
          this.sharedNotUsed = downloaded;
          this.sharedDamaged = true;
        }
      } catch (error) {
        downloadError = error;
        this.sharedNotUsed = `download failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    const loaded = await this.loadFiles(this.graphFile, saved, null, settings, storeHasSeq, "local");
    const usable = loaded !== null && typeof loaded !== "string";
    // Nothing here to stand in for a download that failed: the caller tries the download again later.
    if (!usable && downloadError !== null) throw downloadError;
    // A graph of this node's that covers more than the shared one (or the first one) is offered to the others.
    if (this.shared && usable && "meta" in saved && (sharedSeq === null || sharedSeq < saved.meta.lastSeq)) {
      const started = performance.now();
      try {
        await this.share(saved.meta);
      } catch (error) {
        // The graph here serves this node whatever the shared store says; offering it is retried later.
        this.shareFailed = error instanceof Error ? error.message : String(error);
      }
      this.timings.share = since(started);
    }
    return usable ? loaded : (sharedRejection ?? loaded);
  }

  /**
   * Downloads the store's shared graph beside the files here, hashing the bytes as they stream to disk
   * so the checksum costs no second read, and checks it. Only a graph that passes every check takes the
   * place of the files here; otherwise the download is removed. Null when the store has none after all.
   */
  private async loadShared(
    settings: HnswSettings,
    storeHasSeq: (seq: number) => Promise<boolean>,
  ): Promise<LoadedGraph | SnapshotRejection | null> {
    const started = performance.now();
    await mkdir(this.directory, { recursive: true });
    const download = `${this.graphFile}.download`;
    const hash = createHash("sha256");
    let bytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    const writing = pipeline(hashing, createWriteStream(download));
    let stored: StoredGraph | null;
    try {
      [stored] = await Promise.all([this.shared!.downloadGraph(this.modelId, hashing), writing]);
    } catch (error) {
      // A download that failed before ending the stream would leave the file open: it is closed, then removed.
      hashing.destroy(error as Error);
      await writing.catch(() => undefined);
      await rm(download, { force: true });
      throw error;
    }
    if (stored === null) {
      await rm(download, { force: true });
      return null;
    }
    this.timings.download = since(started);
    this.downloadedBytes = bytes;
    const saved = this.parseMeta(stored.description);
    let loaded: LoadedGraph | SnapshotRejection | null;
    try {
      loaded = await this.loadFiles(download, saved, hash.digest("hex"), settings, storeHasSeq, "shared");
    } catch (error) {
      await rm(download, { force: true });
      throw error;
    }
    if (loaded === null || typeof loaded === "string") {
      await rm(download, { force: true });
      return loaded ?? "unreadable";
    }
    await rm(this.metaFile, { force: true });
    await rename(download, this.graphFile);
    await writeFile(`${this.metaFile}.partial`, stored.description);
    await rename(`${this.metaFile}.partial`, this.metaFile);
    return loaded;
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

  /** Checks a graph file against its description and the store, then loads it. */
  private async loadFiles(
    graphFile: string,
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
        hashed = await sha256Of(graphFile);
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
      graph.load(graphFile);
    } catch {
      return "damaged";
    }
    this.timings.load = since(loading);
    if (graph.size !== meta.size) return "damaged";
    return { graph, lastSeq: meta.lastSeq, source };
  }

  /**
   * Saves the graph and what it covers, then offers it to the other nodes unless `shareNow` says no
   * (shutting down: the next start offers it). The description is removed before the graph file is
   * replaced and written after, so a crash midway leaves no description, or the old one beside the
   * old file: never one that vouches for other bytes.
   */
  async save(graph: HnswVectorIndex, lastSeq: number, shareNow: () => boolean = () => true): Promise<void> {
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
    if (shareNow()) await this.share(meta);
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
