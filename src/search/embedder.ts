/**
 * Turns text into dense vectors. The bundled static model is one implementation; an operator can
 * plug a stronger one behind the same interface.
 */
export interface Embedder {
  /** Stored with every vector, so vectors made by another model are found and re-embedded. */
  readonly modelId: string;
  readonly dimensions: number;
  /** One L2-normalised vector (all zeros when the model knows none of the text's words). */
  embed(text: string): Float32Array;
}
