import type { QuantizedVector } from "../store/vector-store.js";

/** Int8 with one scale per vector: the largest component maps to ±127 (cosine error well below 1%). */
export function quantize(vector: Float32Array): QuantizedVector {
  let largest = 0;
  for (const value of vector) largest = Math.max(largest, Math.abs(value));
  const components = new Int8Array(vector.length);
  if (largest === 0) return { components, scale: 0 };
  const factor = 127 / largest;
  for (let i = 0; i < vector.length; i++) components[i] = Math.round(vector[i]! * factor);
  return { components, scale: largest / 127 };
}

export function dequantize({ components, scale }: QuantizedVector): Float32Array {
  const vector = new Float32Array(components.length);
  for (let i = 0; i < components.length; i++) vector[i] = components[i]! * scale;
  return vector;
}

export function isZeroVector(vector: Float32Array): boolean {
  return vector.every((value) => value === 0);
}

/** A stored vector's dot product with a float one: the cosine when both are L2-normalised. */
export function dotProduct({ components, scale }: QuantizedVector, vector: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < components.length; i++) sum += components[i]! * vector[i]!;
  return sum * scale;
}
