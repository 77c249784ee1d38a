import type pg from "pg";
import type { SearchQuery } from "../../core/search-query.js";
import type {
  Collection,
  CollectionItem,
  CollectionStore,
  ItemChange,
  NewCollection,
} from "../collections-store.js";
import { PG_LISTED } from "./paper-row.js";
import { Parameters, tsQuerySql } from "./postgres-search.js";

interface CollectionRow {
  id: string;
  user_id: string;
  name: string;
  public: boolean;
  created_at: string;
  papers: string;
  hidden_papers: string;
}

interface ItemRow {
  paper_id: string;
  added_at: string;
  read_at: string | null;
  note: string;
  hidden: boolean;
}

/** Joined to `collection_papers cp`: its paper's hidden mark (`h.paper_key` is null for a listed paper). */
const HIDDEN_MARK_JOIN = `LEFT JOIN papers p ON p.id = cp.paper_id LEFT JOIN hidden_papers h ON h.paper_key = p.key`;

const COLLECTION_SELECT = `SELECT c.id, c.user_id, c.name, c.public, c.created_at,
  count(cp.paper_id) - count(h.paper_key) AS papers, count(h.paper_key) AS hidden_papers
  FROM collections c LEFT JOIN collection_papers cp ON cp.collection_id = c.id ${HIDDEN_MARK_JOIN}`;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    public: row.public,
    createdAt: row.created_at,
    papers: Number(row.papers),
    hiddenPapers: Number(row.hidden_papers),
  };
}

/** The PostgreSQL side of the collections contract (see src/store/collections-store.ts). */
export class PostgresCollectionStore implements CollectionStore {
  constructor(private readonly pool: pg.Pool) {}

  async createCollection(collection: NewCollection): Promise<void> {
    await this.pool.query(
      "INSERT INTO collections (id, user_id, name, public, created_at) VALUES ($1, $2, $3, $4, $5)",
      [collection.id, collection.userId, collection.name, collection.public, collection.createdAt],
    );
  }

  async collectionById(id: string): Promise<Collection | null> {
    const rows = await this.pool.query<CollectionRow>(`${COLLECTION_SELECT} WHERE c.id = $1 GROUP BY c.id`, [
      id,
    ]);
    return rows.rows[0] ? toCollection(rows.rows[0]) : null;
  }

  async userCollections(userId: string): Promise<Collection[]> {
    const rows = await this.pool.query<CollectionRow>(
      `${COLLECTION_SELECT} WHERE c.user_id = $1 GROUP BY c.id ORDER BY c.created_at, c.id`,
      [userId],
    );
    return rows.rows.map(toCollection);
  }

  async setPublic(id: string, isPublic: boolean): Promise<void> {
    await this.pool.query("UPDATE collections SET public = $1 WHERE id = $2", [isPublic, id]);
  }

  async renameCollection(id: string, userId: string, name: string): Promise<void> {
    await this.pool.query("UPDATE collections SET name = $1 WHERE id = $2 AND user_id = $3", [
      name,
      id,
      userId,
    ]);
  }

  async deleteCollection(id: string, userId: string): Promise<boolean> {
    // Its entries go with it through collection_papers' ON DELETE CASCADE.
    const result = await this.pool.query("DELETE FROM collections WHERE id = $1 AND user_id = $2", [
      id,
      userId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async addItem(collectionId: string, paperId: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      "INSERT INTO collection_papers (collection_id, paper_id, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
      [collectionId, paperId, at],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async changeItem(collectionId: string, paperId: string, change: ItemChange): Promise<boolean> {
    const result =
      change.kind === "remove"
        ? await this.pool.query("DELETE FROM collection_papers WHERE collection_id = $1 AND paper_id = $2", [
            collectionId,
            paperId,
          ])
        : await this.pool.query(
            `UPDATE collection_papers SET ${change.kind === "read" ? "read_at" : "note"} = $3
             WHERE collection_id = $1 AND paper_id = $2`,
            [collectionId, paperId, change.kind === "read" ? change.at : change.note],
          );
    return (result.rowCount ?? 0) > 0;
  }

  async items(collectionId: string): Promise<CollectionItem[]> {
    const rows = await this.pool.query<ItemRow>(
      `SELECT cp.paper_id, cp.added_at, cp.read_at, cp.note, h.paper_key IS NOT NULL AS hidden
       FROM collection_papers cp ${HIDDEN_MARK_JOIN} WHERE cp.collection_id = $1 ORDER BY cp.added_at DESC, cp.paper_id`,
      [collectionId],
    );
    return rows.rows.map((row) => ({
      paperId: row.paper_id,
      addedAt: row.added_at,
      readAt: row.read_at,
      note: row.note,
      hidden: row.hidden,
    }));
  }

  async newestPublicCollectionId(): Promise<string | null> {
    const rows = await this.pool.query<{ id: string }>(
      `SELECT c.id FROM collections c
       WHERE c.public AND EXISTS (SELECT 1 FROM collection_papers cp WHERE cp.collection_id = c.id)
       ORDER BY c.created_at DESC, c.id LIMIT 1`,
    );
    return rows.rows[0]?.id ?? null;
  }

  async searchSaved(userId: string, query: SearchQuery, limit: number): Promise<string[]> {
    const params = new Parameters();
    const owner = params.add(userId);
    const tsQuery = tsQuerySql(query, true, params);
    if (tsQuery === null) return [];
    const rows = await this.pool.query<{ id: string }>(
      `SELECT p.id FROM papers p
       WHERE p.search_vector @@ (${tsQuery}) AND ${PG_LISTED} AND EXISTS (
         SELECT 1 FROM collection_papers cp JOIN collections c ON c.id = cp.collection_id
         WHERE cp.paper_id = p.id AND c.user_id = ${owner})
       ORDER BY p.key DESC LIMIT ${params.add(limit)}`,
      params.values,
    );
    return rows.rows.map((row) => row.id);
  }
}
