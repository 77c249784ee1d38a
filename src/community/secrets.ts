import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/** A secret handed to a person (link, cookie, API token): 256 random bits, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function newId(): string {
  return randomUUID();
}

/** What the database keeps instead of a secret: a leaked table lets no one sign in. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A value derived from a secret for one purpose (the CSRF token of a session, say). */
export function deriveSecret(secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(purpose).digest("base64url");
}

/** Compares two secrets in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
