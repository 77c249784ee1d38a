import { useContext } from "preact/hooks";
import { CsrfField } from "./account/csrf-field.js";
import { VisitorContext } from "./visitor-context.js";

interface VoteButtonProps {
  paperId: string;
  upvotes: number;
  /** The paper's page: where anonymous visitors come back to after signing in. */
  href: string;
  /** Taking no new votes (moderators took the paper off the lists): the count alone, or a vote to take back. */
  closed?: boolean;
}

/** What the count is read as; public/vote.js words it the same way when a vote changes it. */
function upvoteNoun(upvotes: number): string {
  return upvotes === 1 ? " upvote" : " upvotes";
}

/**
 * The upvote control. Signed in: a form that works without JavaScript (public/vote.js makes it a
 * fetch call). Anonymous: a link to sign in, so the shared cached page holds no per-visitor state.
 */
export function VoteButton({ paperId, upvotes, href, closed = false }: VoteButtonProps) {
  const visitor = useContext(VisitorContext);
  const count = (
    <>
      <span class="vote-arrow" aria-hidden="true">
        ▲
      </span>
      <span class="vote-count">{upvotes}</span>
      <span class="visually-hidden vote-noun">{upvoteNoun(upvotes)}</span>
    </>
  );
  if (closed && !visitor?.voted.has(paperId)) {
    return (
      <span class="vote-button vote-closed" title="This paper takes no new votes">
        {count}
      </span>
    );
  }
  if (!visitor) {
    return (
      <a class="vote-button" href={`/login?next=${encodeURIComponent(href)}`} title="Sign in to upvote">
        {count}
      </a>
    );
  }
  const voted = visitor.voted.has(paperId);
  return (
    <form class="vote-form" method="post" action={`/papers/${paperId}/vote`} data-paper-id={paperId}>
      <CsrfField token={visitor.csrfToken} />
      <input type="hidden" name="action" value={voted ? "remove" : "add"} />
      <button
        class="vote-button"
        type="submit"
        aria-pressed={voted ? "true" : "false"}
        title={voted ? "Remove your upvote" : "Upvote"}
      >
        {count}
      </button>
    </form>
  );
}
