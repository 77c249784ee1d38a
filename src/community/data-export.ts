import type { CommunityStores } from "../store/community-stores.js";
import { CommunityError } from "./errors.js";

/** Everything a person has given the site, as they may take it away (their data export). */
export interface UserDataExport {
  exportedAt: string;
  account: {
    id: string;
    email: string;
    role: string;
    /** The name their comments show; null: a pseudonym. */
    publicName: string | null;
    createdAt: string;
    hasPassword: boolean;
    suspendedAt: string | null;
  };
  apiTokens: { id: string; name: string; createdAt: string; lastUsedAt: string | null }[];
  votes: { paperId: string; votedAt: string }[];
  submissions: { paperId: string; day: string; submittedAt: string }[];
  comments: {
    id: string;
    paperId: string;
    parentId: string | null;
    body: string;
    createdAt: string;
    editedAt: string | null;
    deletedAt: string | null;
    hiddenAt: string | null;
  }[];
  collections: {
    id: string;
    name: string;
    public: boolean;
    createdAt: string;
    items: { paperId: string; addedAt: string; readAt: string | null; note: string }[];
  }[];
}

/** More than anyone casts by hand: the export is complete, yet bounded. */
const EVERYTHING = 1_000_000;

export class DataExportService {
  constructor(
    private readonly stores: CommunityStores,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async exportUser(userId: string): Promise<UserDataExport> {
    const { accounts, votes, submissions, comments, collections } = this.stores;
    const user = await accounts.userById(userId);
    if (!user) throw new CommunityError("not_found", "There is no such account.");
    const [tokens, voted, submitted, written, lists] = await Promise.all([
      accounts.apiTokens(userId),
      votes.userVotes(userId, EVERYTHING),
      submissions.userSubmissions(userId, EVERYTHING),
      comments.userComments(userId),
      collections.userCollections(userId),
    ]);
    const items = await Promise.all(lists.map((list) => collections.items(list.id)));
    return {
      exportedAt: this.now().toISOString(),
      account: {
        id: user.id,
        email: user.email,
        role: user.role,
        publicName: user.publicName,
        createdAt: user.createdAt,
        hasPassword: user.passwordHash !== null,
        suspendedAt: user.suspendedAt,
      },
      apiTokens: tokens.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt })),
      votes: voted.map(({ paperId, votedAt }) => ({ paperId, votedAt })),
      submissions: submitted.map(({ paperId, day, submittedAt }) => ({ paperId, day, submittedAt })),
      comments: written.map(({ id, paperId, parentId, body, createdAt, editedAt, deletedAt, hiddenAt }) => ({
        id,
        paperId,
        parentId,
        body,
        createdAt,
        editedAt,
        deletedAt,
        hiddenAt,
      })),
      collections: lists.map((list, index) => ({
        id: list.id,
        name: list.name,
        public: list.public,
        createdAt: list.createdAt,
        items: (items[index] ?? []).map(({ paperId, addedAt, readAt, note }) => ({
          paperId,
          addedAt,
          readAt,
          note,
        })),
      })),
    };
  }
}
