import { createHash } from "node:crypto";

/** A strong validator for a response body: its SHA-1, quoted as an entity tag. */
export function entityTagOf(body: string): string {
  return `"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether an If-None-Match header names this tag (or `*`); weak comparison, as RFC 9110 §13.1.2 asks for GET. */
export function ifNoneMatchHas(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch === "*" || ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
