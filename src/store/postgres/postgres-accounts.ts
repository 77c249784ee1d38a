import type pg from "pg";
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
import { inTransaction } from "./transaction.js";

function firstUser(result: pg.QueryResult<UserRow>): User | null {
  return result.rows[0] ? rowToUser(result.rows[0]) : null;
}

/** The PostgreSQL side of the accounts contract (see src/store/accounts-store.ts). */
/**
 * Locks the user and every admin in id order, for a change that must leave an admin in good standing
 * (not suspended); `lastAdmin` says whether the user is that last one. FOR NO KEY UPDATE lets a writer
 * that holds a paper this user voted for (a merge moving its votes) still add rows naming the user and
 * finish; with FOR UPDATE it would wait for this transaction while this one waits for its paper.
 */
async function lockUserAndAdmins(
  client: pg.PoolClient,
  userId: string,
): Promise<{ user: UserRow | undefined; lastAdmin: boolean }> {
  const locked = await client.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 OR u.role = 'admin' ORDER BY u.id FOR NO KEY UPDATE`,
    [userId],
  );
  const user = locked.rows.find((row) => row.id === userId);
  const otherAdmins = locked.rows.filter(
    (row) => row.id !== userId && row.role === "admin" && row.suspended_at === null,
  );
  return { user, lastAdmin: user?.role === "admin" && otherAdmins.length === 0 };
}

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async ensureUser(user: NewUser): Promise<User> {
    const email = user.email.toLowerCase();
    // The no-op update makes RETURNING give the existing row too, even when another node inserted it first.
    const row = await this.pool.query<UserRow>(
      `INSERT INTO users AS u (id, email, role, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING ${USER_COLUMNS}`,
      [user.id, email, user.role, user.createdAt],
    );
    return rowToUser(row.rows[0]!);
  }

  async userById(id: string): Promise<User | null> {
    return firstUser(
      await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]),
    );
  }

  async userByEmail(email: string): Promise<User | null> {
    return firstUser(
      await this.pool.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = $1`, [
        email.toLowerCase(),
      ]),
    );
  }

  async setRole(userId: string, role: Role): Promise<RoleChange> {
    return inTransaction(this.pool, async (client) => {
      // Of two admins demoting each other at once, the second waits, then finds the other no longer an admin.
      const { user, lastAdmin } = await lockUserAndAdmins(client, userId);
      if (!user) return "not_found";
      if (lastAdmin && role !== "admin") return "last_admin";
      await client.query("UPDATE users SET role = $1 WHERE id = $2", [role, userId]);
      return "changed";
    });
  }

  async setPasswordHash(userId: string, passwordHash: string | null): Promise<void> {
    await this.pool.query("UPDATE users SET password_hash = $1 WHERE id = $2", [passwordHash, userId]);
  }

  async setPublicName(userId: string, name: { name: string; key: string } | null): Promise<boolean> {
    try {
      await this.pool.query("UPDATE users SET public_name = $1, public_name_key = $2 WHERE id = $3", [
        name?.name ?? null,
        name?.key ?? null,
        userId,
      ]);
      return true;
    } catch (error) {
      if (isTakenValue(error)) return false;
      throw error;
    }
  }

  async changePasswordHash(change: PasswordHashChange): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // The lock the update takes anyway, taken first: a concurrent change waits, then sees this one.
      // Not FOR UPDATE, which would hold up every vote or comment referencing the user meanwhile.
      const user = await client.query<{ password_hash: string | null }>(
        "SELECT password_hash FROM users WHERE id = $1 FOR NO KEY UPDATE",
        [change.userId],
      );
      const row = user.rows[0];
      if (!row || row.password_hash !== change.expected) return false;
      if (change.keepSession !== null) {
        const session = await client.query(
          "SELECT 1 FROM sessions WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3",
          [change.keepSession, change.userId, change.at],
        );
        if (session.rowCount === 0) return false;
      }
      await client.query("UPDATE users SET password_hash = $1 WHERE id = $2", [
        change.passwordHash,
        change.userId,
      ]);
      await client.query("DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2", [
        change.userId,
        change.keepSession,
      ]);
      return true;
    });
  }

  async setSuspended(userId: string, at: string | null): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query("UPDATE users SET suspended_at = $1 WHERE id = $2", [at, userId]);
      if (at !== null) await client.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
    });
  }

  async deleteUser(userId: string, at: string, askedBy: string | null = null): Promise<AccountDeletion> {
    return inTransaction(this.pool, async (client) => {
      // Of two admins deleting themselves at once, the second waits, then finds itself the last one.
      const { user, lastAdmin } = await lockUserAndAdmins(client, userId);
      if (!user) return "not_found";
      if (askedBy !== null) {
        // A suspension waits for the lock above, or was committed before it and shows in the row.
        const asking = await client.query(
          "SELECT 1 FROM sessions WHERE token_hash = $1 AND user_id = $2 AND expires_at > $3",
          [askedBy, userId, at],
        );
        if (asking.rowCount === 0 || user.suspended_at !== null) return "signed_out";
      }
      if (lastAdmin) return "last_admin";
      // Voted papers locked in id order, as a merge locks its two; then the user row for good, which
      // waits for writers still adding rows that name the user and lets no new one start; then the
      // papers voted meanwhile, if any. Each statement reads the votes committed before it.
      const lockVotedPapers = () =>
        client.query(
          `SELECT key FROM papers WHERE id IN (SELECT paper_id FROM votes WHERE user_id = $1)
           ORDER BY id FOR NO KEY UPDATE`,
          [userId],
        );
      await lockVotedPapers();
      await client.query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", [userId]);
      await lockVotedPapers();
      await client.query(
        "UPDATE papers SET upvotes = greatest(0, upvotes - 1) WHERE id IN (SELECT paper_id FROM votes WHERE user_id = $1)",
        [userId],
      );
      await client.query("DELETE FROM votes WHERE user_id = $1", [userId]);
      await client.query(
        "UPDATE comments SET body = '', deleted_at = coalesce(deleted_at, $2), user_id = NULL WHERE user_id = $1",
        [userId, at],
      );
      await client.query("UPDATE audit_log SET actor_id = NULL WHERE actor_id = $1", [userId]);
      await client.query("DELETE FROM submissions WHERE user_id = $1", [userId]);
      await client.query("DELETE FROM collections WHERE user_id = $1", [userId]);
      await client.query("DELETE FROM digest_subscribers WHERE user_id = $1 OR email = $2", [
        userId,
        user.email,
      ]);
      await client.query("DELETE FROM login_tokens WHERE email = $1", [user.email]);
      await client.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
      await client.query("DELETE FROM api_tokens WHERE user_id = $1", [userId]);
      await client.query("DELETE FROM users WHERE id = $1", [userId]);
      return "deleted";
    });
  }

  async saveLoginToken(token: LoginToken): Promise<void> {
    await this.pool.query("INSERT INTO login_tokens (token_hash, email, expires_at) VALUES ($1, $2, $3)", [
      token.tokenHash,
      token.email,
      token.expiresAt,
    ]);
  }

  async loginTokenEmail(tokenHash: string, now: string): Promise<string | null> {
    const row = await this.pool.query<{ email: string }>(
      "SELECT email FROM login_tokens WHERE token_hash = $1 AND expires_at > $2",
      [tokenHash, now],
    );
    return row.rows[0]?.email ?? null;
  }

  async consumeLoginToken(tokenHash: string, now: string): Promise<string | null> {
    return inTransaction(this.pool, async (client) => {
      // DELETE … RETURNING: of two clicks racing on two nodes, one gets the row, the other nothing.
      const row = await client.query<{ email: string; expires_at: string }>(
        "DELETE FROM login_tokens WHERE token_hash = $1 RETURNING email, expires_at",
        [tokenHash],
      );
      // Expired tokens are useless: each consumption also sweeps them away.
      await client.query("DELETE FROM login_tokens WHERE expires_at <= $1", [now]);
      const token = row.rows[0];
      return token && token.expires_at > now ? token.email : null;
    });
  }

  async createSession(session: NewSession): Promise<void> {
    await this.pool.query(
      "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
      [session.tokenHash, session.userId, session.createdAt, session.expiresAt],
    );
  }

  async sessionUser(tokenHash: string, now: string): Promise<User | null> {
    return firstUser(
      await this.pool.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, now],
      ),
    );
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
  }

  async sessionStartedAt(tokenHash: string, now: string): Promise<string | null> {
    const rows = await this.pool.query<{ created_at: string }>(
      "SELECT created_at FROM sessions WHERE token_hash = $1 AND expires_at > $2",
      [tokenHash, now],
    );
    return rows.rows[0]?.created_at ?? null;
  }

  async deleteUserSessions(userId: string, keepTokenHash?: string): Promise<number> {
    const result = await this.pool.query(
      "DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2",
      [userId, keepTokenHash ?? null],
    );
    return result.rowCount ?? 0;
  }

  async createApiToken(token: NewApiToken): Promise<void> {
    await this.pool.query(
      "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
      [token.id, token.userId, token.name, token.tokenHash, token.createdAt],
    );
  }

  async apiTokens(userId: string): Promise<ApiToken[]> {
    const rows = await this.pool.query<ApiTokenRow>(
      "SELECT id, user_id, name, created_at, last_used_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id",
      [userId],
    );
    return rows.rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      name: row.name,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
    }));
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.pool.query("DELETE FROM api_tokens WHERE user_id = $1 AND id = $2", [
      userId,
      tokenId,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async apiTokenUser(tokenHash: string, now: string): Promise<User | null> {
    // One statement: the use time is recorded only when the token exists.
    return firstUser(
      await this.pool.query<UserRow>(
        `WITH used AS (UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 RETURNING user_id)
         SELECT ${USER_COLUMNS} FROM used JOIN users u ON u.id = used.user_id`,
        [tokenHash, now],
      ),
    );
  }
}
