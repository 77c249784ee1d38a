/**
 * Whether a write failed because a row it refers to was deleted meanwhile: a foreign key refused it,
 * as when an account is deleted between a request's sign-in check and its write (a vote, a comment).
 * better-sqlite3's code on SQLite, SQLSTATE 23503 (foreign_key_violation) on PostgreSQL.
 */
export function isVanishedReference(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === "SQLITE_CONSTRAINT_FOREIGNKEY" || code === "23503";
}

/**
 * Whether a write failed because a unique index holds its value already, as when two people claim one
 * public name at once. better-sqlite3's code on SQLite, SQLSTATE 23505 (unique_violation) on PostgreSQL.
 */
export function isTakenValue(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "23505";
}
