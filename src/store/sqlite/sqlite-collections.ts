import type Database from "better-sqlite3";
import type { SearchQuery } from "../../core/search-query.js";
import type {
  Collection,
  CollectionItem,
  CollectionStore,
  ItemChange,
  NewCollection,
} from "../collections-store.js";
import { toFtsMatch } from "./fts-query.js";

interface CollectionRow {
  id: string;
  user_id: string;
  name: string;
  public: number;
  created_at: string;
  papers: number;
  hidden_papers: number;
}

interface ItemRow {
  paper_id: string;
  added_at: string;
  read_at: string | null;
  note: string;
  hidden: number;
}

/** Joined to `collection_papers cp`: its paper's hidden mark (`h.paper_key` is null for a listed paper). */
const HIDDEN_MARK_JOIN = `LEFT JOIN papers p ON p.id = cp.paper_id LEFT JOIN hidden_papers h ON h.paper_key = p.rowid`;

const COLLECTION_SELECT = `SELECT c.id, c.user_id, c.name, c.public, c.created_at,
  count(cp.paper_id) - count(h.paper_key) AS papers, count(h.paper_key) AS hidden_papers
  FROM collections c LEFT JOIN collection_papers cp ON cp.collection_id = c.id ${HIDDEN_MARK_JOIN}`;

function toCollection(row: CollectionRow): Collection {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    public: row.public === 1,
    createdAt: row.created_at,
    papers: row.papers,
    hiddenPapers: row.hidden_papers,
  };
}

export class SqliteCollectionStore implements CollectionStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      create: db.prepare(
        "INSERT INTO collections (id, user_id, name, public, created_at) VALUES (@id, @userId, @name, @public, @createdAt)",
      ),
      byId: db.prepare<[string], CollectionRow>(`${COLLECTION_SELECT} WHERE c.id = ? GROUP BY c.id`),
      byUser: db.prepare<[string], CollectionRow>(
        `${COLLECTION_SELECT} WHERE c.user_id = ? GROUP BY c.id ORDER BY c.created_at, c.id`,
      ),
      setPublic: db.prepare("UPDATE collections SET public = ? WHERE id = ?"),
      rename: db.prepare("UPDATE collections SET name = ? WHERE id = ? AND user_id = ?"),
      // Its entries go with it through collection_papers' ON DELETE CASCADE.
      delete: db.prepare("DELETE FROM collections WHERE id = ? AND user_id = ?"),
      addItem: db.prepare(
        "INSERT OR IGNORE INTO collection_papers (collection_id, paper_id, added_at) VALUES (?, ?, ?)",
      ),
      removeItem: db.prepare("DELETE FROM collection_papers WHERE collection_id = ? AND paper_id = ?"),
      readItem: db.prepare(
        "UPDATE collection_papers SET read_at = ? WHERE collection_id = ? AND paper_id = ?",
      ),
      noteItem: db.prepare("UPDATE collection_papers SET note = ? WHERE collection_id = ? AND paper_id = ?"),
      items: db.prepare<[string], ItemRow>(
        `SELECT cp.paper_id, cp.added_at, cp.read_at, cp.note, h.paper_key IS NOT NULL AS hidden
         FROM collection_papers cp ${HIDDEN_MARK_JOIN} WHERE cp.collection_id = ? ORDER BY cp.added_at DESC, cp.paper_id`,
      ),
      newestPublic: db
        .prepare<[], string>(
          `SELECT c.id FROM collections c
           WHERE c.public = 1 AND EXISTS (SELECT 1 FROM collection_papers cp WHERE cp.collection_id = c.id)
           ORDER BY c.created_at DESC, c.id LIMIT 1`,
        )
        .pluck(),
      searchSaved: db
        .prepare<[string, string, number], string>(
          `SELECT DISTINCT p.id FROM collection_papers cp
           JOIN collections c ON c.id = cp.collection_id JOIN papers p ON p.id = cp.paper_id
           WHERE c.user_id = ? AND p.rowid IN (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ?)
             AND p.rowid NOT IN (SELECT paper_key FROM hidden_papers)
           ORDER BY p.rowid DESC LIMIT ?`,
        )
        .pluck(),
    };
  }

  async createCollection(collection: NewCollection): Promise<void> {
    this.statements.create.run({ ...collection, public: collection.public ? 1 : 0 });
  }

  async collectionById(id: string): Promise<Collection | null> {
    const row = this.statements.byId.get(id);
    return row ? toCollection(row) : null;
  }

  async userCollections(userId: string): Promise<Collection[]> {
    return this.statements.byUser.all(userId).map(toCollection);
  }

  async setPublic(id: string, isPublic: boolean): Promise<void> {
    this.statements.setPublic.run(isPublic ? 1 : 0, id);
  }

  async renameCollection(id: string, userId: string, name: string): Promise<void> {
    this.statements.rename.run(name, id, userId);
  }

  async deleteCollection(id: string, userId: string): Promise<boolean> {
    return this.statements.delete.run(id, userId).changes > 0;
  }

  async addItem(collectionId: string, paperId: string, at: string): Promise<boolean> {
    return this.statements.addItem.run(collectionId, paperId, at).changes > 0;
  }

  async changeItem(collectionId: string, paperId: string, change: ItemChange): Promise<boolean> {
    const result =
      change.kind === "remove"
        ? this.statements.removeItem.run(collectionId, paperId)
        : change.kind === "read"
          ? this.statements.readItem.run(change.at, collectionId, paperId)
          : this.statements.noteItem.run(change.note, collectionId, paperId);
    return result.changes > 0;
  }

  async items(collectionId: string): Promise<CollectionItem[]> {
    return this.statements.items.all(collectionId).map((row) => ({
      paperId: row.paper_id,
      addedAt: row.added_at,
      readAt: row.read_at,
      note: row.note,
      hidden: row.hidden === 1,
    }));
  }

  async newestPublicCollectionId(): Promise<string | null> {
    return this.statements.newestPublic.get() ?? null;
  }

  async searchSaved(userId: string, query: SearchQuery, limit: number): Promise<string[]> {
    const match = toFtsMatch(query, true);
    return match === null ? [] : this.statements.searchSaved.all(userId, match, limit);
  }
}
