import type pg from "pg";
import type { Paper } from "../../core/paper.js";
import { PG_WRITE_COLUMNS, pgWriteValues } from "./paper-row.js";

/** A paper as another store holds it, with the row facts the Paper type leaves out. */
export interface PaperCopy {
  key: number;
  paper: Paper;
  storedAt: string;
  fetchedAt: string | null;
}

const COLUMNS = [...PG_WRITE_COLUMNS, "fetched_at", "key"];

/** Inserts papers copied from another instance as they are (no merge); rows already here are kept. */
export async function insertPaperCopies(client: pg.PoolClient, copies: PaperCopy[]): Promise<number> {
  if (copies.length === 0) return 0;
  const values: unknown[] = [];
  const rows = copies.map((copy) => {
    const row = [...pgWriteValues(copy.paper, copy.storedAt), copy.fetchedAt, copy.key];
    const placeholders = row.map((value) => `$${values.push(value)}`);
    return `(${placeholders.join(", ")})`;
  });
  const result = await client.query(
    `INSERT INTO papers (${COLUMNS.join(", ")}) VALUES ${rows.join(", ")} ON CONFLICT DO NOTHING`,
    values,
  );
  return result.rowCount ?? 0;
}
