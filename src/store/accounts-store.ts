/**
 * Accounts, one-time sign-in links, sessions and API tokens. Secrets never reach this contract in
 * clear: callers pass and look up SHA-256 hashes of the tokens they hand to people.
 */
export type Role = "user" | "moderator" | "admin";

export const ROLES: readonly Role[] = ["user", "moderator", "admin"];

export interface User {
  id: string;
  /** Lower-cased when stored. */
  email: string;
  role: Role;
  /** scrypt hash (see community/passwords); null for link-only accounts. */
  passwordHash: string | null;
  /** When a moderator suspended the account; null while it is in good standing. */
  suspendedAt: string | null;
  createdAt: string;
  /** The name shown on their comments (community: publicName); null until they choose one. */
  publicName: string | null;
}

export interface NewUser {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
}

export interface LoginToken {
  tokenHash: string;
  email: string;
  expiresAt: string;
}

export interface NewSession {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface NewApiToken extends Omit<ApiToken, "lastUsedAt"> {
  tokenHash: string;
}

/** A password change, written only if nothing it was checked against changed meanwhile. */
export interface PasswordHashChange {
  userId: string;
  /** The hash the current password was checked against; null when the account had none. */
  expected: string | null;
  passwordHash: string;
  /** The hash of the session that asked and stays signed in (it must still be); null for none. */
  keepSession: string | null;
  /** Now, to tell a live session from an expired one. */
  at: string;
}

/**
 * What deleting an account did; nothing changed unless "deleted": "last_admin" when it is the
 * instance's last admin in good standing, "signed_out" when the session asking no longer signs it in.
 */
export type AccountDeletion = "deleted" | "not_found" | "last_admin" | "signed_out";

/**
 * What changing a role did; nothing changed unless "changed": "last_admin" when it would take the
 * admin role from the instance's last admin in good standing.
 */
export type RoleChange = "changed" | "not_found" | "last_admin";

export interface AccountStore {
  /** Creates the user, or returns the one that already has this email (its role unchanged). */
  ensureUser(user: NewUser): Promise<User>;
  userById(id: string): Promise<User | null>;
  userByEmail(email: string): Promise<User | null>;
  /** Gives the user the role, unless that leaves no admin in good standing (not suspended). */
  setRole(userId: string, role: Role): Promise<RoleChange>;
  setPasswordHash(userId: string, passwordHash: string | null): Promise<void>;
  /**
   * Sets or clears (null) the user's public name, `key` its folded form; false, changing nothing,
   * when another user's name has that key.
   */
  setPublicName(userId: string, name: { name: string; key: string } | null): Promise<boolean>;
  /**
   * Sets the new password hash and ends every other session of the account, in one transaction, if
   * the hash is still `expected` and `keepSession` still signs the account in. False, with nothing
   * written, when either changed meanwhile: a change checked against a password someone has since
   * replaced, or asked for by a session since signed out, must not undo that.
   */
  changePasswordHash(change: PasswordHashChange): Promise<boolean>;
  /**
   * Deletes the account and everything only its own, in one transaction (ADR 0027): sessions, API
   * tokens, pending sign-in links for its email, collections (public ones too) with their entries,
   * submissions, the email digest subscription of the account or its address (feedback and
   * deliveries with it). Its votes go and each voted paper's count drops by one, so counts keep
   * equal to baseline plus votes. Its comments stay in their threads, erased as a self-deleted
   * comment is (text cleared, deleted at `at`) and without author; audit entries it made stay, by
   * no one. The last admin not suspended cannot go: an instance always keeps one. `askedBy`, the
   * hash of the session asking, must still sign the account in, not suspended: a request sent just
   * before its session was signed out, or its account suspended, deletes nothing.
   */
  deleteUser(userId: string, at: string, askedBy?: string | null): Promise<AccountDeletion>;
  /** A time suspends the account (and ends its sessions in the same transaction); null lifts it. */
  setSuspended(userId: string, at: string | null): Promise<void>;

  saveLoginToken(token: LoginToken): Promise<void>;
  /** Deletes the token and returns its email when it existed and had not expired at `now`: usable once. */
  consumeLoginToken(tokenHash: string, now: string): Promise<string | null>;
  /** The token's email when it exists and has not expired at `now`, leaving it usable. */
  loginTokenEmail(tokenHash: string, now: string): Promise<string | null>;

  createSession(session: NewSession): Promise<void>;
  /** The user of a session that has not expired at `now`. */
  sessionUser(tokenHash: string, now: string): Promise<User | null>;
  /** When a session that has not expired at `now` was signed in; null for none. */
  sessionStartedAt(tokenHash: string, now: string): Promise<string | null>;
  deleteSession(tokenHash: string): Promise<void>;
  /**
   * Ends every session of the user ("sign out everywhere"), but the one with `keepTokenHash` when
   * given (the one changing the password); returns how many ended.
   */
  deleteUserSessions(userId: string, keepTokenHash?: string): Promise<number>;

  createApiToken(token: NewApiToken): Promise<void>;
  apiTokens(userId: string): Promise<ApiToken[]>;
  /** Returns false when the user has no such token. */
  revokeApiToken(userId: string, tokenId: string): Promise<boolean>;
  /** The token's user, recording the use time. */
  apiTokenUser(tokenHash: string, now: string): Promise<User | null>;
}
