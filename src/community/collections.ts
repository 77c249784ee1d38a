import { parseArxivId } from "../core/arxiv-id.js";
import type { Paper } from "../core/paper.js";
import { parseSearchQuery } from "../core/search-query.js";
import { characterCount } from "../core/text.js";
import type { Role } from "../store/accounts-store.js";
import type { Collection, CollectionItem, CollectionStore } from "../store/collections-store.js";
import { CommunityError } from "./errors.js";
import { newId } from "./secrets.js";

export type ItemAction = "add" | "remove" | "read" | "unread" | "note";

export interface CollectionView {
  collection: Collection;
  /** Papers hidden by moderators are left out, except for moderators and admins (marked `hidden`). */
  items: CollectionItem[];
  /** The owner sees read marks and notes; others see the public list only. */
  isOwner: boolean;
  /** How many of its papers moderators hid, told to the owner and to moderators; null for anyone else. */
  hiddenByModerators: number | null;
}

export interface CollectionChange {
  name?: string;
  public?: boolean;
}

export interface CollectionViewer {
  userId: string;
  role: Role;
}

/** Those who hide papers see them where they stay (marked), so they can judge and undo it. */
function seesHiddenPapers(viewer: CollectionViewer | null): boolean {
  return viewer !== null && viewer.role !== "user";
}

interface PaperLookup {
  getPaper(id: string): Promise<Paper | null>;
}

const NAME_MAX_CHARS = 100;
const NOTE_MAX_CHARS = 5_000;

/**
 * Controls (C0, DEL, C1), lone surrogates and noncharacters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their
 * like in every plane): XML forbids some outright, so one in a name breaks the collection's feed, and
 * the rest are invisible on the page.
 */
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cs}\p{Noncharacter_Code_Point}\u202a-\u202e\u2066-\u2069]/u;
/** A letter, digit, symbol or punctuation: what makes a name visible (spaces, marks and format characters alone do not). */
const VISIBLE = /[^\p{Z}\p{M}\p{Cf}\s]/u;

/** A collection's name as it is stored: trimmed, then checked; a CommunityError says what is wrong. */
function collectionName(rawName: string): string {
  const name = rawName.trim();
  if (!VISIBLE.test(name)) throw new CommunityError("invalid", "A collection needs a name.");
  const length = characterCount(name);
  if (length > NAME_MAX_CHARS) {
    throw new CommunityError(
      "invalid",
      `A collection's name can have at most ${NAME_MAX_CHARS} characters; this one has ${length}.`,
    );
  }
  const forbidden = FORBIDDEN_IN_NAME.exec(name);
  if (forbidden) {
    const codePoint = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    throw new CommunityError(
      "invalid",
      `A collection's name cannot hold control characters, direction overrides, unpaired surrogates or Unicode noncharacters; this one holds U+${codePoint}.`,
    );
  }
  return name;
}

function noSuchOwnCollection(): CommunityError {
  return new CommunityError("not_found", "You have no collection with that id.");
}

/** People's collections of papers. A private collection is visible to its owner only: others get a 404. */
export class CollectionService {
  constructor(
    private readonly collections: CollectionStore,
    private readonly papers: PaperLookup,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(userId: string, rawName: string, isPublic: boolean): Promise<Collection> {
    const id = newId();
    await this.collections.createCollection({
      id,
      userId,
      name: collectionName(rawName),
      public: isPublic,
      createdAt: this.now().toISOString(),
    });
    return (await this.collections.collectionById(id))!;
  }

  /** Renames it and/or makes it public or private; a refused name changes nothing. */
  async update(userId: string, collectionId: string, change: CollectionChange): Promise<Collection> {
    const name = change.name === undefined ? undefined : collectionName(change.name);
    const collection = await this.own(userId, collectionId);
    if (name !== undefined) await this.collections.renameCollection(collection.id, userId, name);
    if (change.public !== undefined) await this.collections.setPublic(collection.id, change.public);
    return this.own(userId, collection.id);
  }

  /** Deletes the collection and its entries; its page, feeds and exports answer 404 from then on. */
  async delete(userId: string, collectionId: string): Promise<void> {
    if (!(await this.collections.deleteCollection(collectionId, userId))) throw noSuchOwnCollection();
  }

  mine(userId: string): Promise<Collection[]> {
    return this.collections.userCollections(userId);
  }

  async view(collectionId: string, viewer: CollectionViewer | null): Promise<CollectionView> {
    const collection = await this.collections.collectionById(collectionId);
    const isOwner = collection !== null && collection.userId === viewer?.userId;
    if (!collection || (!collection.public && !isOwner)) {
      throw new CommunityError("not_found", "There is no such collection, or it is private.");
    }
    const seesHidden = seesHiddenPapers(viewer);
    const items = (await this.collections.items(collection.id)).filter((item) => seesHidden || !item.hidden);
    return {
      collection,
      isOwner,
      items: isOwner ? items : items.map((item) => ({ ...item, readAt: null, note: "" })),
      hiddenByModerators: isOwner || seesHidden ? collection.hiddenPapers : null,
    };
  }

  async setPublic(userId: string, collectionId: string, isPublic: boolean): Promise<void> {
    const collection = await this.own(userId, collectionId);
    await this.collections.setPublic(collection.id, isPublic);
  }

  async changeItem(
    userId: string,
    collectionId: string,
    rawPaper: string,
    action: ItemAction,
    note = "",
  ): Promise<void> {
    const collection = await this.own(userId, collectionId);
    const paperId = parseArxivId(rawPaper)?.id;
    if (!paperId) throw new CommunityError("invalid", "That is not an arXiv identifier.");
    if (action === "add") {
      if (!(await this.papers.getPaper(paperId)))
        throw new CommunityError("not_found", `No paper with id ${paperId}.`);
      await this.collections.addItem(collection.id, paperId, this.now().toISOString());
      return;
    }
    if (characterCount(note) > NOTE_MAX_CHARS)
      throw new CommunityError("invalid", `A note may have at most ${NOTE_MAX_CHARS} characters.`);
    const change =
      action === "remove"
        ? ({ kind: "remove" } as const)
        : action === "note"
          ? ({ kind: "note", note: note.trim() } as const)
          : ({ kind: "read", at: action === "read" ? this.now().toISOString() : null } as const);
    if (!(await this.collections.changeItem(collection.id, paperId, change))) {
      throw new CommunityError("not_found", `arXiv:${paperId} is not in this collection.`);
    }
  }

  /** The newest public collection holding papers (the API documentation shows it); null when there is none. */
  newestPublicId(): Promise<string | null> {
    return this.collections.newestPublicCollectionId();
  }

  /** The user's saved papers (any collection) with every word of the query. */
  searchSaved(userId: string, query: string, limit: number): Promise<string[]> {
    return this.collections.searchSaved(userId, parseSearchQuery(query), limit);
  }

  private async own(userId: string, collectionId: string): Promise<Collection> {
    const collection = await this.collections.collectionById(collectionId);
    if (!collection || collection.userId !== userId) throw noSuchOwnCollection();
    return collection;
  }
}
