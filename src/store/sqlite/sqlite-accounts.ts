import type Database from "better-sqlite3";
import type {
  AccountDeletion,
  AccountStore,
  ApiToken,
  LoginToken,
  NewApiToken,
  NewSession,
  NewUser,
  PasswordHashChange,
  Role,
  RoleChange,
  User,
} from "../accounts-store.js";
import { type ApiTokenRow, rowToUser, USER_COLUMNS, type UserRow } from "../rows/account-rows.js";
import { isTakenValue } from "../vanished-reference.js";

export class SqliteAccountStore implements AccountStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertUser: db.prepare(
        "INSERT INTO users (id, email, role, created_at) VALUES (@id, @email, @role, @createdAt) ON CONFLICT (email) DO NOTHING",
      ),
      userById: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`),
      userByEmail: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ?`),
      setRole: db.prepare("UPDATE users SET role = ? WHERE id = ?"),
      setPasswordHash: db.prepare("UPDATE users SET password_hash = ? WHERE id = ?"),
      setPublicName: db.prepare("UPDATE users SET public_name = ?, public_name_key = ? WHERE id = ?"),
      setSuspended: db.prepare("UPDATE users SET suspended_at = ? WHERE id = ?"),
      saveLoginToken: db.prepare(
        "INSERT INTO login_tokens (token_hash, email, expires_at) VALUES (@tokenHash, @email, @expiresAt)",
      ),
      consumeLoginToken: db.prepare<[string], { email: string; expires_at: string }>(
        "DELETE FROM login_tokens WHERE token_hash = ? RETURNING email, expires_at",
      ),
      dropExpiredLoginTokens: db.prepare("DELETE FROM login_tokens WHERE expires_at <= ?"),
      loginTokenEmail: db
        .prepare<[string, string], string>(
          "SELECT email FROM login_tokens WHERE token_hash = ? AND expires_at > ?",
        )
        .pluck(),
      createSession: db.prepare(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (@tokenHash, @userId, @createdAt, @expiresAt)",
      ),
      sessionUser: db.prepare<[string, string], UserRow>(
        `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?`,
      ),
      sessionStartedAt: db
        .prepare<[string, string], string>(
          "SELECT created_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
        )
        .pluck(),
      deleteSession: db.prepare("DELETE FROM sessions WHERE token_hash = ?"),
      deleteUserSessions: db.prepare("DELETE FROM sessions WHERE user_id = ?"),
      deleteOtherSessions: db.prepare("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?"),
      createApiToken: db.prepare(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (@id, @userId, @name, @tokenHash, @createdAt)",
      ),
      apiTokens: db.prepare<[string], ApiTokenRow>(
        "SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id",
      ),
      revokeApiToken: db.prepare("DELETE FROM api_tokens WHERE user_id = ? AND id = ?"),
      touchApiToken: db.prepare("UPDATE api_tokens SET last_used_at = ? WHERE token_hash = ?"),
      otherActiveAdmins: db
        .prepare<[string], number>(
          "SELECT count(*) FROM users WHERE role = 'admin' AND suspended_at IS NULL AND id <> ?",
        )
        .pluck(),
      uncountVotes: db.prepare(
        "UPDATE papers SET upvotes = max(0, upvotes - 1) WHERE id IN (SELECT paper_id FROM votes WHERE user_id = ?)",
      ),
      deleteVotes: db.prepare("DELETE FROM votes WHERE user_id = ?"),
      eraseComments: db.prepare(
        "UPDATE comments SET body = '', deleted_at = coalesce(deleted_at, @at), user_id = NULL WHERE user_id = @userId",
      ),
      forgetAuditActor: db.prepare("UPDATE audit_log SET actor_id = NULL WHERE actor_id = ?"),
      deleteSubmissions: db.prepare("DELETE FROM submissions WHERE user_id = ?"),
      deleteCollections: db.prepare("DELETE FROM collections WHERE user_id = ?"),
      deleteDigestSubscribers: db.prepare("DELETE FROM digest_subscribers WHERE user_id = ? OR email = ?"),
      deleteLoginTokens: db.prepare("DELETE FROM login_tokens WHERE email = ?"),
      deleteApiTokens: db.prepare("DELETE FROM api_tokens WHERE user_id = ?"),
      deleteUser: db.prepare("DELETE FROM users WHERE id = ?"),
      apiTokenUser: db.prepare<[string], UserRow>(
        `SELECT ${USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
      ),
    };
  }

  async ensureUser(user: NewUser): Promise<User> {
    return this.db.transaction(() => {
      this.statements.insertUser.run({ ...user, email: user.email.toLowerCase() });
      return rowToUser(this.statements.userByEmail.get(user.email.toLowerCase())!);
    })();
  }

  async userById(id: string): Promise<User | null> {
    const row = this.statements.userById.get(id);
    return row ? rowToUser(row) : null;
  }

  async userByEmail(email: string): Promise<User | null> {
    const row = this.statements.userByEmail.get(email.toLowerCase());
    return row ? rowToUser(row) : null;
  }

  async setRole(userId: string, role: Role): Promise<RoleChange> {
    const s = this.statements;
    return this.db
      .transaction((): RoleChange => {
        const row = s.userById.get(userId);
        if (!row) return "not_found";
        if (row.role === "admin" && role !== "admin" && s.otherActiveAdmins.get(userId) === 0)
          return "last_admin";
        s.setRole.run(role, userId);
        return "changed";
      })
      .immediate();
  }

  async setPasswordHash(userId: string, passwordHash: string | null): Promise<void> {
    this.statements.setPasswordHash.run(passwordHash, userId);
  }

  async setPublicName(userId: string, name: { name: string; key: string } | null): Promise<boolean> {
    try {
      this.statements.setPublicName.run(name?.name ?? null, name?.key ?? null, userId);
      return true;
    } catch (error) {
      if (isTakenValue(error)) return false;
      throw error;
    }
  }

  async changePasswordHash(change: PasswordHashChange): Promise<boolean> {
    const s = this.statements;
    return this.db
      .transaction((): boolean => {
        const row = s.userById.get(change.userId);
        if (!row || row.password_hash !== change.expected) return false;
        if (
          change.keepSession !== null &&
          s.sessionUser.get(change.keepSession, change.at)?.id !== change.userId
        ) {
          return false;
        }
        s.setPasswordHash.run(change.passwordHash, change.userId);
        if (change.keepSession === null) s.deleteUserSessions.run(change.userId);
        else s.deleteOtherSessions.run(change.userId, change.keepSession);
        return true;
      })
      .immediate();
  }

  async setSuspended(userId: string, at: string | null): Promise<void> {
    this.db.transaction(() => {
      this.statements.setSuspended.run(at, userId);
      if (at !== null) this.statements.deleteUserSessions.run(userId);
    })();
  }

  async deleteUser(userId: string, at: string, askedBy: string | null = null): Promise<AccountDeletion> {
    const s = this.statements;
    return this.db
      .transaction((): AccountDeletion => {
        const row = s.userById.get(userId);
        if (!row) return "not_found";
        if (askedBy !== null) {
          const asking = s.sessionUser.get(askedBy, at);
          if (asking?.id !== userId || asking.suspended_at !== null) return "signed_out";
        }
        if (row.role === "admin" && s.otherActiveAdmins.get(userId) === 0) return "last_admin";
        s.uncountVotes.run(userId);
        s.deleteVotes.run(userId);
        s.eraseComments.run({ userId, at });
        s.forgetAuditActor.run(userId);
        s.deleteSubmissions.run(userId);
        s.deleteCollections.run(userId);
        s.deleteDigestSubscribers.run(userId, row.email);
        s.deleteLoginTokens.run(row.email);
        s.deleteUserSessions.run(userId);
        s.deleteApiTokens.run(userId);
        s.deleteUser.run(userId);
        return "deleted";
      })
      .immediate();
  }

  async saveLoginToken(token: LoginToken): Promise<void> {
    this.statements.saveLoginToken.run(token);
  }

  async consumeLoginToken(tokenHash: string, now: string): Promise<string | null> {
    return this.db.transaction(() => {
      // Expired tokens are useless: each consumption also sweeps them away.
      const row = this.statements.consumeLoginToken.get(tokenHash);
      this.statements.dropExpiredLoginTokens.run(now);
      return row && row.expires_at > now ? row.email : null;
    })();
  }

  async loginTokenEmail(tokenHash: string, now: string): Promise<string | null> {
    return this.statements.loginTokenEmail.get(tokenHash, now) ?? null;
  }

  async createSession(session: NewSession): Promise<void> {
    this.statements.createSession.run(session);
  }

  async sessionUser(tokenHash: string, now: string): Promise<User | null> {
    const row = this.statements.sessionUser.get(tokenHash, now);
    return row ? rowToUser(row) : null;
  }

  async sessionStartedAt(tokenHash: string, now: string): Promise<string | null> {
    return this.statements.sessionStartedAt.get(tokenHash, now) ?? null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.statements.deleteSession.run(tokenHash);
  }

  async deleteUserSessions(userId: string, keepTokenHash?: string): Promise<number> {
    if (keepTokenHash !== undefined)
      return this.statements.deleteOtherSessions.run(userId, keepTokenHash).changes;
    return this.statements.deleteUserSessions.run(userId).changes;
  }

  async createApiToken(token: NewApiToken): Promise<void> {
    this.statements.createApiToken.run(token);
  }

  async apiTokens(userId: string): Promise<ApiToken[]> {
    return this.statements.apiTokens.all(userId).map((row) => ({
      id: row.id,
      userId: row.user_id,
      name: row.name,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    }));
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
    return this.statements.revokeApiToken.run(userId, tokenId).changes > 0;
  }

  async apiTokenUser(tokenHash: string, now: string): Promise<User | null> {
    return this.db.transaction(() => {
      const row = this.statements.apiTokenUser.get(tokenHash);
      if (!row) return null;
      this.statements.touchApiToken.run(now, tokenHash);
      return rowToUser(row);
    })();
  }
}
