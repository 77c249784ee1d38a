import type { SearchQuery } from "../core/search-query.js";

/** Collections: a person's named lists of papers, private or public, with read marks and private notes. */
export interface Collection {
  id: string;
  userId: string;
  name: string;
  public: boolean;
  createdAt: string;
  /** Its papers that are listed (not hidden by moderators). */
  papers: number;
  /** Its papers that moderators hid: kept in the collection, left out of what the public sees. */
  hiddenPapers: number;
}

export interface CollectionItem {
  paperId: string;
  addedAt: string;
  readAt: string | null;
  /** Private: shown to the owner only. */
  note: string;
  /** Hidden by moderators (see ModerationStore.setPaperHidden). */
  hidden: boolean;
}

export type NewCollection = Omit<Collection, "papers" | "hiddenPapers">;

export type ItemChange =
  | { kind: "remove" }
  | { kind: "read"; at: string | null }
  | { kind: "note"; note: string };

export interface CollectionStore {
  createCollection(collection: NewCollection): Promise<void>;
  collectionById(id: string): Promise<Collection | null>;
  userCollections(userId: string): Promise<Collection[]>;
  setPublic(id: string, isPublic: boolean): Promise<void>;
  /** Renames the user's collection; another user's keeps its name. */
  renameCollection(id: string, userId: string, name: string): Promise<void>;
  /** Deletes the collection with its entries; returns false (deleting nothing) when the user has no collection with that id. */
  deleteCollection(id: string, userId: string): Promise<boolean>;
  /** Adds the paper once; returns false when it was already there. */
  addItem(collectionId: string, paperId: string, at: string): Promise<boolean>;
  /** Returns false when the paper is not in the collection. */
  changeItem(collectionId: string, paperId: string, change: ItemChange): Promise<boolean>;
  /** Newest additions first. */
  items(collectionId: string): Promise<CollectionItem[]>;
  /** The newest public collection holding at least one paper; null when there is none. */
  newestPublicCollectionId(): Promise<string | null>;
  /** Ids of the user's saved papers (in any of their collections, hidden ones left out) holding every word of the query. */
  searchSaved(userId: string, query: SearchQuery, limit: number): Promise<string[]>;
}
