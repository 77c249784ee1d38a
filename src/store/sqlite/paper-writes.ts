import type Database from "better-sqlite3";
import { arxivIdOrdinal } from "../../core/arxiv-id.js";
import { mergePaper, samePaper, toPaper, withEarliestListingDay } from "../../core/merge-paper.js";
import type { Paper, PaperInput } from "../../core/paper.js";
import { paperValues } from "../rows/paper-values.js";
import type { Listing, ListingsResult, StaleRule, UpsertResult, WriteOptions } from "../store.js";
import { authorNames, PAPER_COLUMNS, type PaperRow, rowToPaper } from "./paper-row.js";
import {
  BULK_LOAD_KEY,
  type BulkLoadMark,
  type IndexBatch,
  type IndexedText,
  parseBulkLoadMark,
} from "./search-index-protocol.js";

/** A bulk load begun or resumed: the mark's last committed batch, and whether it began just now. */
export interface BulkLoadStart {
  seq: number;
  fresh: boolean;
}

export interface PapersWritten {
  result: UpsertResult;
  /** A bulk-load batch's index changes, for the side index to apply; null outside a bulk load. */
  indexBatch: IndexBatch | null;
}

/**
 * The store's write path: papers merged in batches, their search index entries, listings and the
 * positions saved with them. Import speed lives here, so each batch costs a fixed handful of
 * statements beyond one insert or update per changed paper.
 */
export class PaperWrites {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    const columnNames = PAPER_COLUMNS.split(", ");
    this.statements = {
      papersByIds: db.prepare<[string], PaperRow & { rowid: number; author_names: string }>(
        `SELECT rowid, author_names, ${PAPER_COLUMNS} FROM papers WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      listingDaysByIds: db.prepare<[string], { paper_id: string; day: string }>(
        "SELECT paper_id, min(day) AS day FROM listings WHERE paper_id IN (SELECT value FROM json_each(?)) GROUP BY paper_id",
      ),
      insertPaper: db.prepare(
        `INSERT INTO papers (rowid, ${PAPER_COLUMNS}, author_names, stored_at, fetched_at)
         VALUES (?, ${columnNames.map(() => "?").join(", ")}, ?, ?, ?)`,
      ),
      // The id is the first column: it is set to itself, then matched in the WHERE clause.
      updatePaper: db.prepare(
        `UPDATE papers SET ${columnNames.map((c) => `${c} = ?`).join(", ")}, author_names = ?, stored_at = ?,
         fetched_at = coalesce(?, fetched_at) WHERE id = ?`,
      ),
      markFetched: db.prepare("UPDATE papers SET fetched_at = ? WHERE rowid = ?"),
      // The index reads a batch's rows back from the table: binding each abstract a second time costs more.
      indexRows: db.prepare(
        `INSERT INTO papers_fts (rowid, title, abstract, author_names)
         SELECT rowid, title, abstract, author_names FROM papers WHERE rowid IN (SELECT value FROM json_each(?))`,
      ),
      // External-content FTS5 forgets a row by being told exactly what it indexed: the row as stored.
      unindexRow: db.prepare(
        `INSERT INTO papers_fts (papers_fts, rowid, title, abstract, author_names)
         SELECT 'delete', rowid, title, abstract, author_names FROM papers WHERE rowid = ?`,
      ),
      // A paper whose text changes loses its vector until it is embedded again.
      forgetVector: db.prepare("DELETE FROM paper_vectors WHERE paper_key = ?"),
      insertListing: db.prepare("INSERT OR IGNORE INTO listings (paper_id, day) VALUES (?, ?)"),
      moveToListingDay: db.prepare(
        "UPDATE papers SET listing_day = @day, day = @day, stored_at = @stored_at WHERE id = @id AND (listing_day IS NULL OR listing_day > @day)",
      ),
      saveCheckpoint: db.prepare(
        `INSERT INTO import_checkpoints (key, line, rejected, saved_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET line = excluded.line, rejected = excluded.rejected, saved_at = excluded.saved_at`,
      ),
      getSourceState: db.prepare<[string], string>("SELECT value FROM source_state WHERE key = ?").pluck(),
      deleteSourceState: db.prepare("DELETE FROM source_state WHERE key = ?"),
      anyPaper: db.prepare<[], number>("SELECT 1 FROM papers LIMIT 1").pluck(),
      saveSourceState: db.prepare(
        "INSERT INTO source_state (key, value, saved_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, saved_at = excluded.saved_at",
      ),
      // Replaced: a version is known (announced) but not its date, which any full record from arXiv gives.
      staleIds: db
        .prepare<{ since: string; before: string; limit: number }, string>(
          `SELECT id FROM (
             SELECT id, 0 AS replaced, day FROM papers
             WHERE day >= @since AND (fetched_at IS NULL OR fetched_at < @before)
             UNION
             SELECT id, 1 AS replaced, day FROM papers
             WHERE latest_version > 1 AND json_type(versions, '$[#-1].createdAt') = 'null'
               AND (fetched_at IS NULL OR fetched_at < @before))
           GROUP BY id ORDER BY max(replaced) DESC, day DESC, id DESC LIMIT @limit`,
        )
        .pluck(),
    };
  }

  upsertPapers(papers: PaperInput[], options: WriteOptions): PapersWritten {
    return this.db.transaction(() => {
      const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
      const ids = JSON.stringify([...new Set(papers.map((paper) => paper.id))]);
      const rows = this.statements.papersByIds.all(ids);
      const rowids = new Map(rows.map((row) => [row.id, row.rowid]));
      const storedText = new Map(rows.map((row) => [row.rowid, row]));
      const storedPapers = new Map(rows.map((row) => [row.id, rowToPaper(row)]));
      const listingDays = new Map(
        this.statements.listingDaysByIds.all(ids).map((row) => [row.paper_id, row.day]),
      );
      const storedAt = new Date().toISOString();
      const fetchedAt = options.fetchedAt ?? null;
      // Rows whose search entry is written from the table once the batch's rows are final.
      const toIndex = new Set<number>();
      const indexing = !options.bulkLoad;
      // A bulk load's index changes: the final text of new or changed rows, the old text they replace.
      const additions = new Map<number, IndexedText>();
      const removals: IndexedText[] = [];

      for (const input of papers) {
        const incoming = withEarliestListingDay(input, listingDays.get(input.id));
        const before = storedPapers.get(input.id);
        if (!before) {
          const paper = toPaper(incoming);
          const rowid = arxivIdOrdinal(paper.id);
          const names = authorNames(paper);
          this.statements.insertPaper.run(rowid, ...paperValues(paper), names, storedAt, fetchedAt);
          toIndex.add(rowid);
          if (!indexing) additions.set(rowid, [rowid, paper.title, paper.abstract, names]);
          storedPapers.set(paper.id, paper);
          rowids.set(paper.id, rowid);
          result.inserted++;
          continue;
        }
        const rowid = rowids.get(input.id)!;
        const after = mergePaper(before, incoming);
        if (samePaper(before, after)) {
          if (fetchedAt !== null) this.statements.markFetched.run(fetchedAt, rowid);
          result.unchanged++;
          continue;
        }
        if (!toIndex.has(rowid) && indexedTextChanged(before, after)) {
          if (indexing) this.statements.unindexRow.run(rowid);
          else {
            const stored = storedText.get(rowid)!;
            removals.push([rowid, stored.title, stored.abstract, stored.author_names]);
          }
          this.statements.forgetVector.run(rowid);
          toIndex.add(rowid);
        }
        const names = authorNames(after);
        if (!indexing && toIndex.has(rowid))
          additions.set(rowid, [rowid, after.title, after.abstract, names]);
        this.statements.updatePaper.run(...paperValues(after), names, storedAt, fetchedAt, after.id);
        storedPapers.set(after.id, after);
        result.updated++;
      }
      if (indexing && toIndex.size > 0) this.statements.indexRows.run(JSON.stringify([...toIndex]));
      this.savePositions(options);
      const mark = this.bulkLoadMark();
      if (!options.bulkLoad) {
        // Another writer during a bulk load: its index entries would be lost when the side index is copied in.
        if (mark && !mark.stale && result.inserted + result.updated > 0)
          this.saveBulkLoadMark({ ...mark, stale: true });
        return { result, indexBatch: null };
      }
      if (!mark) return { result, indexBatch: null };
      const seq = mark.seq + 1;
      this.saveBulkLoadMark({ ...mark, seq });
      return { result, indexBatch: { seq, removals, additions: [...additions.values()] } };
    })();
  }

  addListings(listings: Listing[], options: WriteOptions): ListingsResult {
    return this.db.transaction(() => {
      const result: ListingsResult = { added: 0, papersMoved: 0 };
      const storedAt = new Date().toISOString();
      for (const { paperId, day } of listings) {
        result.added += this.statements.insertListing.run(paperId, day).changes;
        result.papersMoved += this.statements.moveToListingDay.run({
          id: paperId,
          day,
          stored_at: storedAt,
        }).changes;
      }
      this.savePositions(options);
      return result;
    })();
  }

  /**
   * The bulk-load mark lives beside the sources' positions, so it survives a killed import. A store that
   * has papers starts one only when asked (a large import): its index is then rebuilt or copied too.
   */
  beginBulkLoad(evenIfNotEmpty: boolean): BulkLoadStart | null {
    return this.db
      .transaction(() => {
        const mark = this.bulkLoadMark();
        if (mark) return { seq: mark.seq, fresh: false };
        if (!evenIfNotEmpty && this.statements.anyPaper.get() !== undefined) return null;
        this.saveBulkLoadMark({ seq: 0, stale: false });
        return { seq: 0, fresh: true };
      })
      .immediate();
  }

  /** The bulk load in progress, if any. */
  bulkLoadMark(): BulkLoadMark | null {
    const value = this.statements.getSourceState.get(BULK_LOAD_KEY);
    return value === undefined ? null : parseBulkLoadMark(value);
  }

  private saveBulkLoadMark(mark: BulkLoadMark): void {
    this.saveSourceState(BULK_LOAD_KEY, JSON.stringify(mark));
  }

  /**
   * Builds a bulk load's index on this thread, when no side index could: one rebuild from the table, then
   * one merge into a single segment; the mark goes in the same transaction.
   */
  finishBulkLoad(): void {
    this.db.transaction(() => {
      this.db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')");
      this.db.exec("INSERT INTO papers_fts (papers_fts) VALUES ('optimize')");
      this.statements.deleteSourceState.run(BULK_LOAD_KEY);
    })();
  }

  staleIds(rule: StaleRule): string[] {
    return this.statements.staleIds.all({
      since: rule.listedSince,
      before: rule.fetchedBefore,
      limit: rule.limit,
    });
  }

  saveSourceState(key: string, value: string): void {
    this.statements.saveSourceState.run(key, value, new Date().toISOString());
  }

  /** Saves the positions a batch reaches, inside the batch's transaction. */
  private savePositions({ checkpoint, sourceState }: WriteOptions): void {
    const savedAt = new Date().toISOString();
    if (checkpoint)
      this.statements.saveCheckpoint.run(checkpoint.key, checkpoint.line, checkpoint.rejected, savedAt);
    if (sourceState) this.statements.saveSourceState.run(sourceState.key, sourceState.value, savedAt);
  }
}

function indexedTextChanged(before: Paper, after: Paper): boolean {
  return (
    before.title !== after.title ||
    before.abstract !== after.abstract ||
    authorNames(before) !== authorNames(after)
  );
}
