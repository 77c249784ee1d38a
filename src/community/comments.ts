import type { Paper } from "../core/paper.js";
import { characterCount } from "../core/text.js";
import type { Comment, CommentStore } from "../store/comments-store.js";
import { CommunityError } from "./errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { newId } from "./secrets.js";

export const COMMENT_MAX_CHARS = 10_000;

interface PaperLookup {
  getPaper(id: string): Promise<Paper | null>;
}

/** Writing, editing and deleting comments; what may be shown is the presenter's call. */
export class CommentService {
  constructor(
    private readonly comments: CommentStore,
    private readonly papers: PaperLookup,
    private readonly limiter: RateLimiter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  thread(paperId: string): Promise<Comment[]> {
    return this.comments.paperComments(paperId);
  }

  async add(
    userId: string,
    paperId: string,
    parentId: string | null,
    rawBody: string,
    ip: string,
  ): Promise<Comment> {
    const body = validBody(rawBody);
    await this.limiter.hit("comment", [`user:${userId}`, `ip:${ip}`]);
    if (!(await this.papers.getPaper(paperId)))
      throw new CommunityError("not_found", `No paper with id ${paperId}.`);
    if (parentId !== null) {
      const parent = await this.comments.commentById(parentId);
      if (!parent || parent.paperId !== paperId) {
        throw new CommunityError("invalid", "The comment you answer is not on this paper.");
      }
    }
    const id = newId();
    await this.comments.addComment({
      id,
      paperId,
      userId,
      parentId,
      body,
      createdAt: this.now().toISOString(),
    });
    return (await this.comments.commentById(id))!;
  }

  async edit(userId: string, commentId: string, rawBody: string): Promise<Comment> {
    const comment = await this.ownLiveComment(userId, commentId);
    await this.comments.editComment(comment.id, validBody(rawBody), this.now().toISOString());
    return (await this.comments.commentById(comment.id))!;
  }

  async remove(userId: string, commentId: string): Promise<Comment> {
    const comment = await this.ownLiveComment(userId, commentId);
    await this.comments.deleteComment(comment.id, this.now().toISOString());
    return comment;
  }

  async countsFor(paperIds: string[]): Promise<Map<string, number>> {
    const counts = await this.comments.countVisible(paperIds);
    return new Map(counts.map((count) => [count.paperId, count.comments]));
  }

  private async ownLiveComment(userId: string, commentId: string): Promise<Comment> {
    const comment = await this.comments.commentById(commentId);
    if (!comment || comment.deletedAt !== null)
      throw new CommunityError("not_found", "There is no such comment.");
    if (comment.userId !== userId)
      throw new CommunityError("forbidden", "You can only change your own comments.");
    if (comment.hiddenAt !== null) {
      throw new CommunityError("forbidden", "A moderator hid this comment; it can no longer be edited.");
    }
    return comment;
  }
}

function validBody(raw: string): string {
  const body = raw.trim();
  if (body === "") throw new CommunityError("invalid", "A comment needs some text.");
  if (characterCount(body) > COMMENT_MAX_CHARS) {
    throw new CommunityError("invalid", `A comment may have at most ${COMMENT_MAX_CHARS} characters.`);
  }
  return body;
}
