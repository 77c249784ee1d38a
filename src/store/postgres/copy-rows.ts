import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A value COPY's text format can carry: JSON columns come as JSON text, bytea as bytes. */
export type CopyValue = string | number | bigint | boolean | Uint8Array | null | undefined;

/** Rows per chunk written to the COPY stream: big enough to batch, small enough to stream. */
const ROWS_PER_CHUNK = 256;

const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** One field in COPY's text format (tab-separated, \N for NULL, backslash escapes). */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return value.replace(/[\\\n\r\t]/g, (char) => ESCAPES[char]!);
  if (value instanceof Uint8Array)
    return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
  return String(value);
}

function* chunks(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
    let text = "";
    for (const row of rows.slice(start, start + ROWS_PER_CHUNK)) text += `${row.map(copyField).join("\t")}\n`;
    yield text;
  }
}

/**
 * Streams rows into a table with `COPY … FROM STDIN`: one round trip for a whole batch, where
 * row-by-row INSERTs cost one each. `columns` are trusted names (never user input).
 */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows)), stream);
}

/**
 * A temporary table shaped like the named columns of `table`, empty, dropped when the transaction
 * ends: the staging table a batch is copied into before one set-based statement moves it.
 */
export async function createStagingTable(
  client: pg.PoolClient,
  staging: string,
  table: string,
  columns: readonly string[],
): Promise<void> {
  await client.query(
    `CREATE TEMP TABLE ${staging} ON COMMIT DROP AS SELECT ${columns.join(", ")} FROM ${table} WITH NO DATA`,
  );
}
