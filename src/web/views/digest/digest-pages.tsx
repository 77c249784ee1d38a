import type { ComponentChildren } from "preact";
import type { ViewerModel } from "../../presenters/viewer.js";
import { Layout } from "../layout.js";
import { MathText } from "../math.js";
import { renderDocument } from "../render.js";
import { SubscribeForm } from "./subscribe-form.js";

/** The header names whoever is signed in, as every other page's does (a digest link opens in their browser). */
function MessagePage({
  title,
  viewer,
  children,
}: {
  title: string;
  viewer: ViewerModel | null;
  children: ComponentChildren;
}) {
  return (
    <Layout title={title} viewer={viewer}>
      <div class="page-head">
        <h1>{title}</h1>
      </div>
      <section class="digest-message">{children}</section>
    </Layout>
  );
}

export function renderSubscribeSentPage(
  email: string,
  mailDelivers: boolean,
  viewer: ViewerModel | null,
): string {
  return renderDocument(
    <MessagePage title="Check your inbox" viewer={viewer}>
      <p role="status">
        We sent a confirmation link to <strong>{email}</strong>. Your digest starts once you follow it.
      </p>
      {!mailDelivers && (
        <p class="muted">This instance has no mail server configured: the link is in the server log.</p>
      )}
    </MessagePage>,
  );
}

/**
 * The subscribe form on a page of its own: where the footer's form leads when its address was
 * refused (the message, the address kept to correct), and what GET /digest/subscribe shows.
 */
export function renderSubscribePage(
  viewer: ViewerModel | null,
  problem?: { message: string; email: string },
): string {
  return renderDocument(
    <MessagePage title="Subscribe" viewer={viewer}>
      {problem && (
        <p class="form-error" role="alert">
          {problem.message}
        </p>
      )}
      <SubscribeForm id="subscribe-email" email={problem?.email} />
      <p>
        <a href="/">Back to today's papers</a>
      </p>
    </MessagePage>,
  );
}

/** The confirmation link opens this page; its button confirms, so mail scanners that fetch links do not. */
export function renderConfirmPage(subscriberId: string, token: string, viewer: ViewerModel | null): string {
  return renderDocument(
    <MessagePage title="Confirm your subscription" viewer={viewer}>
      <p>One more click and your PaperPulse digest is on its way.</p>
      <form method="post" action="/digest/confirm">
        <input type="hidden" name="s" value={subscriberId} />
        <input type="hidden" name="t" value={token} />
        <button class="button" type="submit">
          Confirm subscription
        </button>
      </form>
    </MessagePage>,
  );
}

export function renderConfirmedPage(email: string, viewer: ViewerModel | null): string {
  return renderDocument(
    <MessagePage title="Subscribed" viewer={viewer}>
      <p role="status">
        <strong>{email}</strong> will receive the trending papers every day at 08:00 UTC.
      </p>
      <p>
        <a href={`/login?email=${encodeURIComponent(email)}&next=%2Fme%2Fdigest`}>Sign in</a> with this
        address to choose the frequency, time, size and your own topics.
      </p>
    </MessagePage>,
  );
}

/**
 * The unsubscribe link opens this page; its button unsubscribes, so mail scanners that fetch links do
 * not. The form posts the link's own signed address, as the RFC 8058 one-click POST does.
 */
export function renderUnsubscribePage(
  email: string,
  subscriberId: string,
  token: string,
  viewer: ViewerModel | null,
): string {
  const action = `/digest/unsubscribe?${new URLSearchParams({ s: subscriberId, t: token })}`;
  return renderDocument(
    <MessagePage title="Unsubscribe" viewer={viewer}>
      <p>
        Stop sending PaperPulse digests to <strong>{email}</strong>?
      </p>
      <form method="post" action={action}>
        <button class="button" type="submit">
          Unsubscribe
        </button>
      </form>
    </MessagePage>,
  );
}

/** After unsubscribing, the address can start again through the usual double opt-in. */
export function renderUnsubscribedPage(email: string, viewer: ViewerModel | null): string {
  return renderDocument(
    <MessagePage title="Unsubscribed" viewer={viewer}>
      <p role="status">
        <strong>{email}</strong> will receive no more PaperPulse digests.
      </p>
      <p>Changed your mind? Subscribe again: we will send a new confirmation link.</p>
      <SubscribeForm id="resubscribe-email" email={email} />
    </MessagePage>,
  );
}

/** Asks before recording "more / less like this": the button posts the same signed link. */
export function renderFeedbackAskPage(
  choice: "more" | "less",
  paper: { id: string; title: string | null },
  action: string,
  viewer: ViewerModel | null,
): string {
  const named = (
    <a href={`/papers/${paper.id}`}>
      {paper.title ? <MathText text={paper.title} inline /> : `arXiv:${paper.id}`}
    </a>
  );
  return renderDocument(
    <MessagePage title={choice === "more" ? "More like this" : "Less like this"} viewer={viewer}>
      <p>
        {choice === "more" ? "Favour papers like " : "Show fewer papers like "}
        {named} in your next digests?
      </p>
      <form method="post" action={action}>
        <button class="button" type="submit">
          {choice === "more" ? "More like this" : "Less like this"}
        </button>
      </form>
    </MessagePage>,
  );
}

export function renderFeedbackPage(action: "more" | "less", viewer: ViewerModel | null): string {
  return renderDocument(
    <MessagePage title="Thanks" viewer={viewer}>
      <p role="status">
        {action === "more"
          ? "Noted: your next digests will favour papers like this one."
          : "Noted: your next digests will show fewer papers like this one."}
      </p>
    </MessagePage>,
  );
}
