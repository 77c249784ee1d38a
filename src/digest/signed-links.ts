import { createHmac } from "node:crypto";
import { sameSecret } from "../community/secrets.js";

/**
 * Links in digest mails act without a login (confirm, unsubscribe, more/less like this), so each
 * carries an HMAC of what it does, keyed by the instance's digest signing key (kept in the database).
 * A link cannot be altered to act on another subscriber or another paper.
 */
export type LinkAction = "confirm" | "unsubscribe" | "more" | "less";

function signature(key: string, action: LinkAction, subscriberId: string, paperId: string): string {
  return createHmac("sha256", key)
    .update(`${action}\n${subscriberId}\n${paperId}`)
    .digest("base64url")
    .slice(0, 32);
}

export class LinkSigner {
  constructor(private readonly key: string) {}

  sign(action: LinkAction, subscriberId: string, paperId = ""): string {
    return signature(this.key, action, subscriberId, paperId);
  }

  verify(action: LinkAction, subscriberId: string, token: string, paperId = ""): boolean {
    return sameSecret(token, signature(this.key, action, subscriberId, paperId));
  }
}
