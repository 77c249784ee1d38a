import type pg from "pg";
import type { Paper } from "../../core/paper.js";
import { copyRows, createStagingTable } from "./copy-rows.js";
import { PG_WRITE_COLUMNS, pgWriteValues } from "./paper-row.js";

/** A paper as another store holds it, with the row facts the Paper type leaves out. */
export interface PaperCopy {
  key: number;
  paper: Paper;
  storedAt: string;
  fetchedAt: string | null;
}

const COLUMNS = [...PG_WRITE_COLUMNS, "fetched_at", "key"];

/**
 * Inserts papers copied from another instance as they are (no merge); rows already here are kept.
 * The batch goes by COPY into a staging table, then one INSERT … SELECT.
 */
export async function insertPaperCopies(client: pg.PoolClient, copies: PaperCopy[]): Promise<number> {
  if (copies.length === 0) return 0;
  await createStagingTable(client, "paper_copies", "papers", COLUMNS);
  await copyRows(
    client,
    "paper_copies",
    COLUMNS,
    copies.map((copy) => [...pgWriteValues(copy.paper, copy.storedAt), copy.fetchedAt, copy.key]),
  );
  const result = await client.query(
    `INSERT INTO papers (${COLUMNS.join(", ")}) SELECT ${COLUMNS.join(", ")} FROM paper_copies ORDER BY key
     ON CONFLICT DO NOTHING`,
  );
  return result.rowCount ?? 0;
}
