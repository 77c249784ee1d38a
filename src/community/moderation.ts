import { parseArxivId } from "../core/arxiv-id.js";
import type { AccountStore } from "../store/accounts-store.js";
import type { AuditEntryView, CommentStore } from "../store/comments-store.js";
import type { MergeResult, ModerationStore } from "../store/moderation-store.js";
import { CommunityError } from "./errors.js";
import { newId } from "./secrets.js";

function paperIdOf(input: string): string {
  const parsed = parseArxivId(input);
  if (!parsed)
    throw new CommunityError("invalid", `"${input.trim().slice(0, 100)}" is not an arXiv identifier or URL.`);
  return parsed.id;
}

function auditReason(reason: string): string {
  return reason.trim().slice(0, 500);
}

/** Moderators' actions, each recorded in the audit log. Callers check the moderator role. */
export class ModerationService {
  constructor(
    private readonly comments: CommentStore,
    private readonly accounts: AccountStore,
    private readonly papers: ModerationStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setCommentHidden(
    actorId: string,
    commentId: string,
    hidden: boolean,
    reason: string,
  ): Promise<string> {
    const comment = await this.comments.commentById(commentId);
    if (!comment) throw new CommunityError("not_found", "There is no such comment.");
    const at = this.now().toISOString();
    await this.comments.setCommentHidden(comment.id, hidden ? at : null, {
      id: newId(),
      actorId,
      action: hidden ? "comment.hide" : "comment.show",
      targetType: "comment",
      targetId: comment.id,
      reason: auditReason(reason),
      at,
    });
    return comment.paperId;
  }

  async setUserSuspended(actorId: string, email: string, suspended: boolean, reason: string): Promise<void> {
    const user = await this.accounts.userByEmail(email.trim());
    if (!user) throw new CommunityError("not_found", `No account with the address ${email.trim()}.`);
    if (user.id === actorId) throw new CommunityError("invalid", "You cannot suspend yourself.");
    if (user.role === "admin") throw new CommunityError("forbidden", "Admins cannot be suspended.");
    const at = this.now().toISOString();
    await this.accounts.setSuspended(user.id, suspended ? at : null);
    await this.comments.recordAudit({
      id: newId(),
      actorId,
      action: suspended ? "user.suspend" : "user.unsuspend",
      targetType: "user",
      targetId: user.email,
      reason: auditReason(reason),
      at,
    });
  }

  /** Takes a paper off the lists, search and feeds, or lists it again; returns its canonical id. */
  async setPaperHidden(actorId: string, paper: string, hidden: boolean, reason: string): Promise<string> {
    const paperId = paperIdOf(paper);
    const at = this.now().toISOString();
    const found = await this.papers.setPaperHidden(paperId, hidden ? at : null, {
      id: newId(),
      actorId,
      action: hidden ? "paper.hide" : "paper.show",
      targetType: "paper",
      targetId: paperId,
      reason: auditReason(reason),
      at,
    });
    if (!found) throw new CommunityError("not_found", `There is no paper ${paperId} here.`);
    return paperId;
  }

  /** Merges a duplicate submission into the paper kept (see ModerationStore.mergePapers). */
  async mergePapers(
    actorId: string,
    duplicate: string,
    kept: string,
    reason: string,
  ): Promise<MergeResult & { duplicateId: string; keptId: string }> {
    const duplicateId = paperIdOf(duplicate);
    const keptId = paperIdOf(kept);
    if (duplicateId === keptId) throw new CommunityError("invalid", "A paper cannot be merged into itself.");
    const result = await this.papers.mergePapers(duplicateId, keptId, {
      id: newId(),
      actorId,
      action: "paper.merge",
      targetType: "paper",
      targetId: `${duplicateId} into ${keptId}`,
      reason: auditReason(reason),
      at: this.now().toISOString(),
    });
    if (!result)
      throw new CommunityError("not_found", `Both ${duplicateId} and ${keptId} must be stored here.`);
    if (result === "kept-hidden") throw await this.keptHidden(duplicateId, keptId);
    return { ...result, duplicateId, keptId };
  }

  private async keptHidden(duplicateId: string, keptId: string): Promise<CommunityError> {
    const mergedInto = await this.papers.mergedInto(keptId);
    const message =
      mergedInto === duplicateId
        ? `${keptId} is merged into ${duplicateId} already.`
        : mergedInto
          ? `${keptId} was merged into ${mergedInto}: merge ${duplicateId} into ${mergedInto} instead.`
          : `${keptId} is hidden: list it again before merging into it, or keep another paper.`;
    return new CommunityError("conflict", message);
  }

  /** The paper a merged duplicate went into, for its page to link (anyone may read it). */
  async mergedInto(paperId: string): Promise<string | null> {
    return this.papers.mergedInto(paperId);
  }

  audit(limit: number): Promise<AuditEntryView[]> {
    return this.comments.recentAudit(limit);
  }
}
