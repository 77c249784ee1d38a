import type { Writable } from "node:stream";
import type { Paper } from "../core/paper.js";

/** A paper's dense vector as stored: int8 components; component i is `components[i] * scale`. */
export interface QuantizedVector {
  components: Int8Array;
  scale: number;
}

export interface PaperVectorInput extends QuantizedVector {
  paperId: string;
  /** The model that made the vector (Embedder.modelId). */
  modelId: string;
}

/** A paper's vector of one model, read by the paper's id. */
export interface PaperVector extends QuantizedVector {
  paperId: string;
}

export interface StoredVector extends PaperVector {
  /** Grows with every save, never reused: an index resumes reading after the highest it has seen. */
  seq: number;
}

/** The text a model embeds. */
export interface PaperText {
  id: string;
  title: string;
  abstract: string;
}

/** The part of the storage contract that keeps papers' dense vectors (see PaperStore). */
export interface VectorStore {
  /**
   * Saves each paper's vector, replacing the one it had (of any model). Papers not in the store are
   * skipped. A paper whose title or abstract changes loses its vector until it is embedded again.
   */
  saveVectors(vectors: PaperVectorInput[]): Promise<void>;
  /** Papers without a vector of this model, in id order after `afterId` (null: from the start). */
  papersLackingVectors(modelId: string, afterId: string | null, limit: number): Promise<PaperText[]>;
  countPapersLackingVectors(modelId: string): Promise<number>;
  /** This model's vectors saved after `afterSeq` (0: all of them), in save order, one batch at a time. */
  vectorsSince(modelId: string, afterSeq: number, limit: number): Promise<StoredVector[]>;
  /**
   * These papers' vectors of this model, in the order asked, leaving out papers without one (unknown,
   * not yet embedded, or embedded by another model): hybrid search scores lexical candidates with them.
   */
  vectorsOf(modelId: string, paperIds: string[]): Promise<PaperVector[]>;
  /**
   * The vectors of this model of the papers listed from `from` to `to` (days, inclusive) and not hidden,
   * most upvoted first (then the newest id), at most `limit`: what "for you" compares, without reading
   * the papers themselves.
   */
  vectorsListedBetween(modelId: string, from: string, to: string, limit: number): Promise<PaperVector[]>;
  /** The papers with these ids, in the order asked, to show as results: unknown and hidden ids are left out. */
  getPapers(ids: string[]): Promise<Paper[]>;
  /**
   * The titles of the papers with these ids, by id: unknown and hidden ids are left out. Hybrid ranking
   * compares hundreds of word matches' titles with the query and shows only a page of them.
   */
  titlesOf(ids: string[]): Promise<Map<string, string>>;
  /** Where the store keeps vector graphs for every node (a server store); absent: each node keeps its own. */
  readonly sharedGraphs?: SharedGraphs;
}

/** A graph as the store keeps it: what it covers, its checksum and the description its node wrote. */
export interface StoredGraph {
  /** The vector seq up to which the graph holds every vector of the model. */
  lastSeq: number;
  /** SHA-256 of the graph's bytes, hex, as the node that stored it computed it. */
  sha256: string;
  description: string;
}

/**
 * A vector graph kept in the database for every node of an instance (ADR 0015): a node starting
 * without a current graph of its own downloads this one instead of building it from the vectors.
 * The store keeps the bytes and the description as given; the index checks both before trusting them.
 */
export interface SharedGraphs {
  /** What the model's stored graph covers and its checksum, or null when none is stored. */
  sharedGraph(modelId: string): Promise<Pick<StoredGraph, "lastSeq" | "sha256"> | null>;
  /**
   * Writes the model's stored graph into `output`, ends it, and returns what the store says of it,
   * all read in one snapshot (a graph replaced meanwhile is not mixed in); null, with `output`
   * ended empty, when none is stored. The bytes stream through: the graph is never held whole.
   */
  downloadGraph(modelId: string, output: Writable): Promise<StoredGraph | null>;
  /**
   * Stores a graph file and its description as the model's graph, unless the one stored covers
   * `lastSeq` or more already (`replace`: store it anyway, over a graph found damaged).
   * Returns whether it was stored.
   */
  uploadGraph(graph: StoredGraph & { modelId: string; file: string; replace: boolean }): Promise<boolean>;
}
