import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type pg from "pg";
import { type CopyValue, copyRows, createStagingTable } from "../postgres/copy-rows.js";
import { insertPaperCopies, type PaperCopy } from "../postgres/paper-copies.js";
import { openPostgresPool, postgresPaperStore } from "../postgres/postgres-store.js";
import { inTransaction } from "../postgres/transaction.js";
import { PAPER_COLUMNS, type PaperRow, rowToPaper } from "../sqlite/paper-row.js";
import { openSqliteDatabase, sqlitePaperStore } from "../sqlite/sqlite-store.js";
import type { PaperStore } from "../store.js";
import { type ColumnKind, LISTINGS, TABLES_AFTER_PAPERS, type TableSpec } from "./tables.js";

/** One table's outcome: rows copied by this run, and how source and target compare. */
export interface TableReport {
  table: string;
  copied: number;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  matches: boolean;
}

export interface InstanceCopyOptions {
  batchSize?: number;
  /** Told after each batch. */
  onBatch?: (table: string, copied: number) => void;
}

const PROGRESS_PREFIX = "migrate:";
const PAPERS = "papers";

type Row = Record<string, unknown>;
type Cursor = unknown[] | null;

const quote = (column: string) => `"${column}"`;

function copyOrder(spec: TableSpec): string[] {
  return spec.copyOrder === "rowid" ? ["rowid"] : spec.key.map(quote);
}

/** A page of rows after the cursor, ordered by `order` (selected as k0, k1, …); `mark(-1)` is the limit's placeholder when there is no cursor. */
function pageSql(
  table: string,
  order: string[],
  columns: string,
  cursor: Cursor,
  mark: (i: number) => string,
) {
  const keys = order.map((column, index) => `${column} AS k${index}`).join(", ");
  const after = cursor
    ? `WHERE (${order.join(", ")}) > (${order.map((_, index) => mark(index)).join(", ")})`
    : "";
  return `SELECT ${keys}, ${columns} FROM ${table} ${after} ORDER BY ${order.join(", ")} LIMIT ${mark(cursor ? order.length : -1)}`;
}

function onConflict(spec: TableSpec): string {
  if (!spec.replaceExisting) return "ON CONFLICT DO NOTHING";
  const updates = Object.keys(spec.columns)
    .filter((column) => !spec.key.includes(column))
    .map((column) => `${quote(column)} = excluded.${quote(column)}`);
  // A row of key columns only has nothing to replace.
  if (updates.length === 0) return "ON CONFLICT DO NOTHING";
  return `ON CONFLICT (${spec.key.map(quote).join(", ")}) DO UPDATE SET ${updates.join(", ")}`;
}

function cursorOf(row: Row, length: number): unknown[] {
  return Array.from({ length }, (_, index) => row[`k${index}`]);
}

function toTarget(kind: ColumnKind, value: unknown): unknown {
  return kind === "bool" ? value === 1 || value === true : value;
}

/** One representation of a value, whichever database it came from. */
function canonical(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "int":
      return Number(value);
    case "real":
      return Math.fround(Number(value));
    case "bool":
      return value === true || value === 1 ? 1 : 0;
    case "bytes":
      return Buffer.from(value as Uint8Array).toString("hex");
    case "json":
      return sortedKeys(typeof value === "string" ? JSON.parse(value) : value);
    default:
      return value;
  }
}

/** JSON with object keys in one order (PostgreSQL's jsonb reorders them). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Row)[key])]),
    );
  return value;
}

/** An order-free checksum: the sum of the rows' SHA-256 prefixes, modulo 2^64. */
class Checksum {
  rows = 0;
  private sum = 0n;

  add(value: unknown): void {
    const digest = createHash("sha256").update(JSON.stringify(value)).digest();
    this.sum = (this.sum + digest.readBigUInt64BE(0)) & 0xffff_ffff_ffff_ffffn;
    this.rows++;
  }

  get hex(): string {
    return this.sum.toString(16).padStart(16, "0");
  }
}

/**
 * Copies a whole embedded instance into a PostgreSQL database, table by table in batches. Each
 * batch commits with the position it reached (in the target's source_state, under "migrate:…"), so
 * a run that stops resumes after its last batch. A table copied to its end is read from its start by
 * the next run, which adds the rows that appeared since; rows already in the target are kept as
 * they are (a row changed in the source since is reported by the comparison, not overwritten).
 * Then every table is compared: row counts, and a checksum of the rows' values on each side.
 */
export async function copyInstance(
  sqlitePath: string,
  postgresUrl: string,
  options: InstanceCopyOptions = {},
): Promise<TableReport[]> {
  const db = openSqliteDatabase(sqlitePath);
  const source = sqlitePaperStore(db);
  let target: PaperStore | null = null;
  try {
    const pool = await openPostgresPool(postgresUrl);
    target = postgresPaperStore(pool);
    const copy = new InstanceCopy(db, pool, options.batchSize ?? 1_000, options.onBatch ?? (() => {}));
    const copied = new Map<string, number>();
    copied.set(LISTINGS.name, await copy.table(LISTINGS));
    copied.set(PAPERS, await copy.papers());
    for (const spec of TABLES_AFTER_PAPERS) copied.set(spec.name, await copy.table(spec));
    await copy.continueVectorSequence();
    // A copied instance is searched at once: the GIN index's pending entries merged, statistics fresh.
    await target.optimizeSearchIndex();

    const reports: TableReport[] = [];
    const report = (table: string, sourceSum: Checksum, targetSum: Checksum) =>
      reports.push({
        table,
        copied: copied.get(table) ?? 0,
        sourceRows: sourceSum.rows,
        targetRows: targetSum.rows,
        sourceChecksum: sourceSum.hex,
        targetChecksum: targetSum.hex,
        matches: sourceSum.rows === targetSum.rows && sourceSum.hex === targetSum.hex,
      });
    report(PAPERS, await paperChecksum(source), await paperChecksum(target));
    for (const spec of [LISTINGS, ...TABLES_AFTER_PAPERS])
      report(spec.name, copy.sourceChecksum(spec), await copy.targetChecksum(spec));
    return reports;
  } finally {
    await source.close();
    await target?.close();
  }
}

/** Every paper as the store hands it out, so the comparison covers what readers see. */
async function paperChecksum(store: PaperStore): Promise<Checksum> {
  const checksum = new Checksum();
  let after: string | null = null;
  for (;;) {
    const papers = await store.papersAfter(after, 1_000);
    if (papers.length === 0) return checksum;
    for (const paper of papers) checksum.add(sortedKeys(paper));
    after = papers.at(-1)!.id;
  }
}

class InstanceCopy {
  constructor(
    private readonly db: Database.Database,
    private readonly pool: pg.Pool,
    private readonly batchSize: number,
    private readonly onBatch: (table: string, copied: number) => void,
  ) {}

  async table(spec: TableSpec): Promise<number> {
    const columns = Object.keys(spec.columns);
    const order = copyOrder(spec);
    return this.batches(
      spec.name,
      order.length,
      (cursor) =>
        this.db
          .prepare(pageSql(spec.name, order, columns.map(quote).join(", "), cursor, () => "?"))
          .all(...(cursor ?? []), this.batchSize) as Row[],
      async (client, rows) => {
        const quoted = columns.map(quote);
        // Tables copied in any order (the vectors, above all) go by COPY; the rest keep their row order.
        if (spec.copyOrder !== "rowid") {
          const staging = `copy_${spec.name}`;
          await createStagingTable(client, staging, spec.name, quoted);
          await copyRows(
            client,
            staging,
            quoted,
            rows.map((row) =>
              columns.map((column) => toTarget(spec.columns[column]!, row[column]) as CopyValue),
            ),
          );
          const result = await client.query(
            `INSERT INTO ${spec.name} (${quoted.join(", ")}) SELECT ${quoted.join(", ")} FROM ${staging} ${onConflict(spec)}`,
          );
          return result.rowCount ?? 0;
        }
        const values: unknown[] = [];
        const tuples = rows.map(
          (row) =>
            `(${columns.map((column) => `$${values.push(toTarget(spec.columns[column]!, row[column]))}`).join(", ")})`,
        );
        const result = await client.query(
          `INSERT INTO ${spec.name} (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")} ${onConflict(spec)}`,
          values,
        );
        return result.rowCount ?? 0;
      },
    );
  }

  async papers(): Promise<number> {
    const select = `rowid AS k0, ${PAPER_COLUMNS}, stored_at, fetched_at FROM papers`;
    return this.batches(
      PAPERS,
      1,
      (cursor) =>
        this.db
          .prepare(`SELECT ${select} ${cursor ? "WHERE rowid > ?" : ""} ORDER BY rowid LIMIT ?`)
          .all(...(cursor ?? []), this.batchSize) as Row[],
      (client, rows) =>
        insertPaperCopies(
          client,
          rows.map(
            (row): PaperCopy => ({
              key: Number(row.k0),
              paper: rowToPaper(row as unknown as PaperRow),
              storedAt: String(row.stored_at),
              fetchedAt: (row.fetched_at as string | null) ?? null,
            }),
          ),
        ),
    );
  }

  /** New vectors on the target number on from the copied ones. */
  async continueVectorSequence(): Promise<void> {
    await this.pool.query(
      "SELECT setval('paper_vectors_seq', greatest((SELECT max(seq) FROM paper_vectors), 1))",
    );
  }

  sourceChecksum(spec: TableSpec): Checksum {
    const checksum = new Checksum();
    const columns = Object.keys(spec.columns);
    const order = spec.key.map(quote);
    let cursor: Cursor = null;
    for (;;) {
      const rows = this.db
        .prepare(pageSql(spec.name, order, columns.map(quote).join(", "), cursor, () => "?"))
        .all(...(cursor ?? []), 1_000) as Row[];
      if (rows.length === 0) return checksum;
      for (const row of rows)
        checksum.add(columns.map((column) => canonical(spec.columns[column]!, row[column])));
      cursor = cursorOf(rows.at(-1)!, order.length);
    }
  }

  async targetChecksum(spec: TableSpec): Promise<Checksum> {
    const checksum = new Checksum();
    const columns = Object.keys(spec.columns);
    const order = spec.key.map(quote);
    // The copy's own positions are not part of the instance.
    const table =
      spec.name === "source_state"
        ? `(SELECT * FROM source_state WHERE key NOT LIKE '${PROGRESS_PREFIX}%') AS source_state`
        : spec.name;
    let cursor: Cursor = null;
    for (;;) {
      const rows = (
        await this.pool.query<Row>(
          // Typed parameters: PostgreSQL cannot infer them inside a row comparison.
          pageSql(table, order, columns.map(quote).join(", "), cursor, (index) =>
            index === -1
              ? "$1::int"
              : index < spec.key.length
                ? `$${index + 1}::${spec.columns[spec.key[index]!] === "int" ? "bigint" : "text"}`
                : `$${index + 1}::int`,
          ),
          [...(cursor ?? []), 1_000],
        )
      ).rows;
      if (rows.length === 0) return checksum;
      for (const row of rows)
        checksum.add(columns.map((column) => canonical(spec.columns[column]!, row[column])));
      cursor = cursorOf(rows.at(-1)!, order.length);
    }
  }

  /** Copies batch after batch from the saved position, saving the new one with each batch. */
  private async batches(
    table: string,
    cursorLength: number,
    read: (cursor: Cursor) => Row[],
    write: (client: pg.PoolClient, rows: Row[]) => Promise<number>,
  ): Promise<number> {
    const progressKey = `${PROGRESS_PREFIX}${table}`;
    const saved = await this.pool.query<{ value: string }>("SELECT value FROM source_state WHERE key = $1", [
      progressKey,
    ]);
    let cursor: Cursor = saved.rows[0] ? (JSON.parse(saved.rows[0].value) as unknown[]) : null;
    let copied = 0;
    for (;;) {
      const rows = read(cursor);
      if (rows.length === 0) {
        // Done: the next run reads the table from its start again, to pick up rows added since.
        await this.pool.query("DELETE FROM source_state WHERE key = $1", [progressKey]);
        return copied;
      }
      const next = cursorOf(rows.at(-1)!, cursorLength);
      copied += await inTransaction(this.pool, async (client) => {
        const written = await write(client, rows);
        await client.query(
          `INSERT INTO source_state (key, value, saved_at) VALUES ($1, $2, $3)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at`,
          [progressKey, JSON.stringify(next), new Date().toISOString()],
        );
        return written;
      });
      cursor = next;
      this.onBatch(table, copied);
    }
  }
}
