import { useContext } from "preact/hooks";
import type { CommentModel, CommentThreadModel } from "../presenters/comment-thread.js";
import { CsrfField } from "./account/csrf-field.js";
import { RichText } from "./rich-text.js";
import { VisitorContext } from "./visitor-context.js";

function CommentForm({
  paperId,
  parentId,
  label,
}: {
  paperId: string;
  parentId: string | null;
  label: string;
}) {
  const visitor = useContext(VisitorContext);
  if (!visitor) return null;
  // Not `comment-<id>`: that is the comment's own element, the target of links to it.
  const fieldId = `comment-body-${parentId ?? "new"}`;
  return (
    <form
      class="stack-form comment-form"
      method="post"
      action={`/papers/${encodeURIComponent(paperId)}/comments`}
    >
      <CsrfField token={visitor.csrfToken} />
      {parentId && <input type="hidden" name="parent" value={parentId} />}
      <label for={fieldId}>{label}</label>
      <textarea id={fieldId} name="body" rows={parentId ? 3 : 4} maxLength={10_000} required />
      <span class="muted">
        Markdown: **bold**, *italic*, `code`, [links](https://…), math as $x^2$ or $$…$$.
      </span>
      <button class="button" type="submit">
        {parentId ? "Reply" : "Comment"}
      </button>
    </form>
  );
}

function CommentActions({ comment }: { comment: CommentModel }) {
  const visitor = useContext(VisitorContext);
  if (!visitor) return null;
  return (
    <div class="comment-actions">
      {comment.canEdit && (
        <details>
          <summary>Edit</summary>
          <form class="stack-form" method="post" action={`/comments/${comment.id}/edit`}>
            <CsrfField token={visitor.csrfToken} />
            <textarea name="body" rows={4} maxLength={10_000} required aria-label="Comment text">
              {comment.source ?? ""}
            </textarea>
            <button class="button" type="submit">
              Save
            </button>
          </form>
        </details>
      )}
      {comment.canEdit && (
        <form class="inline-form" method="post" action={`/comments/${comment.id}/delete`}>
          <CsrfField token={visitor.csrfToken} />
          <button class="button button-secondary" type="submit">
            Delete
          </button>
        </form>
      )}
      {comment.canModerate && (
        <form class="inline-form" method="post" action={`/comments/${comment.id}/hide`}>
          <CsrfField token={visitor.csrfToken} />
          <input type="hidden" name="hidden" value={comment.hidden ? "false" : "true"} />
          <input name="reason" placeholder="Reason" maxLength={500} aria-label="Reason" />
          <button class="button button-secondary" type="submit">
            {comment.hidden ? "Show again" : "Hide"}
          </button>
        </form>
      )}
    </div>
  );
}

function CommentItem({ comment, paperId }: { comment: CommentModel; paperId: string }) {
  return (
    <li class="comment" id={`comment-${comment.id}`}>
      <p class="comment-meta">
        <strong>{comment.author}</strong>
        {comment.authorRole && <span class="tag">{comment.authorRole}</span>}{" "}
        <time dateTime={comment.dateTime}>{comment.date}</time>
        {comment.edited && <span class="muted"> · edited</span>}
        {comment.hidden && comment.blocks && <span class="tag">hidden</span>}
      </p>
      <div class="comment-body">
        {comment.blocks ? <RichText blocks={comment.blocks} /> : <p class="muted">{comment.placeholder}</p>}
      </div>
      <CommentActions comment={comment} />
      {comment.blocks && !comment.hidden && (
        <details class="comment-reply">
          <summary>Reply</summary>
          <CommentForm paperId={paperId} parentId={comment.id} label="Your reply" />
        </details>
      )}
      {comment.replies.length > 0 && (
        <ol class="comment-replies">
          {comment.replies.map((reply) => (
            <CommentItem comment={reply} paperId={paperId} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function CommentsSection({ thread }: { thread: CommentThreadModel }) {
  return (
    <section id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({thread.count})</h2>
      {thread.comments.length === 0 && <p class="muted">No comments yet.</p>}
      <ol class="comments">
        {thread.comments.map((comment) => (
          <CommentItem comment={comment} paperId={thread.paperId} />
        ))}
      </ol>
      {thread.canWrite ? (
        <CommentForm paperId={thread.paperId} parentId={null} label="Add a comment" />
      ) : (
        <p>
          <a href={`/login?next=${encodeURIComponent(`/papers/${thread.paperId}#comments`)}`}>Sign in</a> to
          comment.
        </p>
      )}
    </section>
  );
}
