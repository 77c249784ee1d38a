/**
 * Typed reads of fields from one parsed JSON line. A field of the wrong type rejects the whole line
 * with a reason that names the field, so a bad record is reported and skipped, never half stored.
 */
export type JsonRecord = Record<string, unknown>;

/** Why an input line was skipped; thrown by parsers and the normaliser, caught per line. */
export class LineRejected extends Error {
  override name = "LineRejected";
}

export function isJsonRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

export function requiredString(record: JsonRecord, field: string): string {
  const value = record[field];
  if (value === undefined || value === null) throw new LineRejected(`missing "${field}"`);
  if (typeof value !== "string")
    throw new LineRejected(`"${field}" must be a string, got ${describe(value)}`);
  return value;
}

/** A string field that may be absent, null or blank (all read as null). */
export function optionalString(record: JsonRecord, field: string): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string")
    throw new LineRejected(`"${field}" must be a string, got ${describe(value)}`);
  return value.trim() === "" ? null : value;
}

export function optionalNumber(record: JsonRecord, field: string): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LineRejected(`"${field}" must be a number, got ${describe(value)}`);
  }
  return value;
}

export function optionalArray(record: JsonRecord, field: string): unknown[] | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new LineRejected(`"${field}" must be an array, got ${describe(value)}`);
  return value;
}

/** An array of strings; absent or null reads as empty. */
export function stringList(record: JsonRecord, field: string): string[] {
  const items = optionalArray(record, field) ?? [];
  for (const item of items) {
    if (typeof item !== "string")
      throw new LineRejected(`"${field}" must hold strings, found ${describe(item)}`);
  }
  return items as string[];
}
