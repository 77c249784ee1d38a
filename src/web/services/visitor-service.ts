import type { CollectionService } from "../../community/collections.js";
import type { VoteService } from "../../community/votes.js";
import type { Viewer } from "../auth/viewer.js";
import { presentViewer } from "../presenters/viewer.js";
import type { Visitor } from "../views/visitor-context.js";

/** Builds what a page needs to know about its signed-in visitor. */
export class VisitorService {
  constructor(
    private readonly votes: VoteService,
    private readonly collections: CollectionService,
  ) {}

  async visitorFor(viewer: Viewer, paperIds: string[]): Promise<Visitor> {
    const [voted, collections] = await Promise.all([
      this.votes.votedAmong(viewer.userId, paperIds),
      this.collections.mine(viewer.userId),
    ]);
    return {
      userId: viewer.userId,
      viewer: presentViewer(viewer)!,
      csrfToken: viewer.csrfToken ?? "",
      voted,
      collections: collections.map(({ id, name }) => ({ id, name })),
    };
  }

  /** Whether they upvoted or saved any paper: what "papers like the ones I upvoted or saved" starts from. */
  async likesAnyPaper(userId: string): Promise<boolean> {
    const [votes, collections] = await Promise.all([
      this.votes.userVotes(userId, 1),
      this.collections.mine(userId),
    ]);
    return votes.length > 0 || collections.some((collection) => collection.papers > 0);
  }
}
