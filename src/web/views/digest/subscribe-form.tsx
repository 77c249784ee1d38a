import { siteFeatures } from "../site-features.js";

/**
 * "Get trending papers in your email inbox": just an email, double opt-in. It sits on cached pages
 * shared by every visitor, so it carries no CSRF token; the route checks the Origin header instead
 * (ADR 0009). Not shown where the tier has no digests.
 */
export function SubscribeForm({ id, email = "" }: { id: string; email?: string }) {
  if (!siteFeatures().digests) return null;
  return (
    <form class="subscribe-form inline-form" method="post" action="/digest/subscribe">
      <label for={id}>Get trending papers in your email inbox!</label>{" "}
      <input
        id={id}
        type="email"
        name="email"
        required
        maxLength={254}
        placeholder="you@example.org"
        value={email}
      />{" "}
      <button class="button" type="submit">
        Subscribe
      </button>
    </form>
  );
}
