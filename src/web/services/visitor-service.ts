import type { VoteService } from "../../community/votes.js";
import type { Viewer } from "../auth/viewer.js";
import { presentViewer } from "../presenters/viewer.js";
import type { Visitor } from "../views/visitor-context.js";

/** Builds what a page needs to know about its signed-in visitor. */
export class VisitorService {
  constructor(private readonly votes: VoteService) {}

  async visitorFor(viewer: Viewer, paperIds: string[]): Promise<Visitor> {
    return {
      userId: viewer.userId,
      viewer: presentViewer(viewer)!,
      csrfToken: viewer.csrfToken ?? "",
      voted: await this.votes.votedAmong(viewer.userId, paperIds),
    };
  }
}
