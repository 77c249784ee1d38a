import type { AccountStore } from "../store/accounts-store.js";
import type { AuditEntryView, CommentStore } from "../store/comments-store.js";
import { CommunityError } from "./errors.js";
import { newId } from "./secrets.js";

/** Moderators' actions, each recorded in the audit log. Callers check the moderator role. */
export class ModerationService {
  constructor(
    private readonly comments: CommentStore,
    private readonly accounts: AccountStore,
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
      reason: reason.trim().slice(0, 500),
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
      reason: reason.trim().slice(0, 500),
      at,
    });
  }

  audit(limit: number): Promise<AuditEntryView[]> {
    return this.comments.recentAudit(limit);
  }
}
