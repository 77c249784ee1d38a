import { characterCount } from "../core/text.js";
import type { Mailer } from "../mail/mailer.js";
import type { AccountStore, ApiToken, Role, User } from "../store/accounts-store.js";
import { CommunityError } from "./errors.js";
import {
  hashPassword,
  PASSWORD_MAX_CHARS,
  PASSWORD_MIN_CHARS,
  passwordLength,
  passwordMatches,
  verifyPassword,
} from "./passwords.js";
import { sendToPerson } from "./person-mail.js";
import { parsePublicName, shownName } from "./public-names.js";
import type { RateLimiter } from "./rate-limiter.js";
import { changeRole } from "./roles.js";
import { hashSecret, newId, newSecret } from "./secrets.js";

export const TOKEN_NAME_MAX_CHARS = 100;

/** How long an emailed sign-in link works. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1_000;

/**
 * How long after signing in a session may replace the password without the current one: the sign-in
 * itself (an emailed link, or the password) just proved the account, as a reset link would.
 */
export const RECENT_SIGN_IN_MS = 15 * 60 * 1_000;

export interface AccountServiceOptions {
  accounts: AccountStore;
  mailer: Mailer;
  limiter: RateLimiter;
  /** Where links in mails point, without a trailing slash. */
  publicUrl: string;
  sessionTtlMs: number;
  now?: () => Date;
}

export interface PasswordChange {
  userId: string;
  /** The password now; needed only when the account has one and the session is not freshly signed in. */
  current?: string;
  password: string;
  ip: string;
  /** The session changing it (its cookie value), which stays signed in; null for none. */
  keepSession: string | null;
}

/** A new session: the cookie value for the browser and when it stops working. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export interface IssuedApiToken {
  id: string;
  /** Shown once; only its hash is kept. */
  token: string;
}

const EMAIL_PATTERN = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) {
    throw new CommunityError("invalid", "That does not look like an email address.");
  }
  return email;
}

function linkNotUsable(): CommunityError {
  return new CommunityError(
    "unauthenticated",
    "This sign-in link was already used or has expired. Ask for a new one.",
  );
}

/** Sign-in (emailed link or password), sessions, passwords, roles and API tokens. */
export class AccountService {
  private readonly accounts: AccountStore;
  private readonly now: () => Date;

  constructor(private readonly options: AccountServiceOptions) {
    this.accounts = options.accounts;
    this.now = options.now ?? (() => new Date());
  }

  get mailDelivers(): boolean {
    return this.options.mailer.delivers;
  }

  /** Mails a one-time link; the same answer whether or not the address has an account. */
  async requestLoginLink(rawEmail: string, ip: string, next: string): Promise<void> {
    const email = normaliseEmail(rawEmail);
    await this.options.limiter.hit("sign-in", [`email:${email}`, `ip:${ip}`]);
    const token = newSecret();
    const expiresAt = new Date(this.now().getTime() + LOGIN_LINK_TTL_MS);
    await this.accounts.saveLoginToken({
      tokenHash: hashSecret(token),
      email,
      expiresAt: expiresAt.toISOString(),
    });
    const link = `${this.options.publicUrl}/login/verify?${new URLSearchParams({ token, next })}`;
    await sendToPerson(this.options.mailer, {
      to: email,
      subject: "Your PaperPulse sign-in link",
      text: [
        "Open this link to sign in to PaperPulse:",
        "",
        link,
        "",
        "It works once, for 15 minutes. If you did not ask for it, ignore this mail.",
      ].join("\n"),
    });
  }

  /** Refuses a link's token that would sign no one in now, as signing in would; checking leaves it usable. */
  async checkLink(token: string): Promise<void> {
    const email = await this.accounts.loginTokenEmail(hashSecret(token), this.now().toISOString());
    if (!email) throw linkNotUsable();
  }

  /** Exchanges a link's token for a new session; the account is created on its first sign-in. */
  async signInWithLink(token: string): Promise<IssuedSession> {
    const email = await this.accounts.consumeLoginToken(hashSecret(token), this.now().toISOString());
    if (!email) throw linkNotUsable();
    const user = await this.createUser(email, "user");
    return this.startSession(user);
  }

  async signInWithPassword(rawEmail: string, password: string, ip: string): Promise<IssuedSession> {
    const email = normaliseEmail(rawEmail);
    await this.options.limiter.hit("sign-in", [`email:${email}`, `ip:${ip}`]);
    const user = await this.accounts.userByEmail(email);
    const matches = await passwordMatches(password, user?.passwordHash);
    if (!user || !matches) throw new CommunityError("unauthenticated", "Wrong email or password.");
    return this.startSession(user);
  }

  /** The user signed in with this session cookie, or null when it is unknown, expired or suspended. */
  async sessionUser(token: string): Promise<User | null> {
    const user = await this.accounts.sessionUser(hashSecret(token), this.now().toISOString());
    return user && user.suspendedAt === null ? user : null;
  }

  async apiTokenUser(token: string): Promise<User | null> {
    const user = await this.accounts.apiTokenUser(hashSecret(token), this.now().toISOString());
    return user && user.suspendedAt === null ? user : null;
  }

  async signOut(sessionToken: string): Promise<void> {
    await this.accounts.deleteSession(hashSecret(sessionToken));
  }

  async signOutEverywhere(userId: string): Promise<number> {
    return this.accounts.deleteUserSessions(userId);
  }

  /** Whether the account signs in with a password too. */
  /** The name their comments show: their public name, else their pseudonym. */
  async shownName(userId: string): Promise<{ shown: string; chosen: string | null }> {
    const chosen = (await this.accounts.userById(userId))?.publicName ?? null;
    return { shown: shownName(userId, chosen), chosen };
  }

  /** Sets the public name (an empty one clears it); taken or unfit names are refused with the reason. */
  async setPublicName(userId: string, raw: string): Promise<void> {
    const name = parsePublicName(raw);
    if (!(await this.accounts.setPublicName(userId, name))) {
      throw new CommunityError(
        "conflict",
        `Someone has the name "${name?.name}" or one that looks the same.`,
      );
    }
  }

  async hasPassword(userId: string): Promise<boolean> {
    return (await this.accounts.userById(userId))?.passwordHash != null;
  }

  /** Whether this session changing the account's password must type the current one (see setPassword). */
  async needsCurrentPassword(userId: string, sessionToken: string | null): Promise<boolean> {
    return (await this.hasPassword(userId)) && !(await this.signedInRecently(sessionToken));
  }

  /**
   * Sets the account's password. Changing one it has needs the current one, checked under the sign-in
   * rate limit (it is a password guess like any other), unless this session signed in less than
   * RECENT_SIGN_IN_MS ago: that is how a forgotten password is replaced (sign in by emailed link, then
   * set a new one), and how an owner takes back an account whose password someone else set with a
   * stolen session. The first one (an account that signs in by link) needs none. The account's other
   * sessions end, since whoever changes a password may be locking someone out; the session that
   * changed it (`keepSession`) stays signed in. The check and the write are one: a change checked
   * against a password replaced meanwhile, or sent by a session signed out meanwhile (by another tab's
   * password change, say), is refused and writes nothing.
   */
  async setPassword(change: PasswordChange): Promise<void> {
    const { userId, password } = change;
    const length = passwordLength(password);
    if (length < PASSWORD_MIN_CHARS || length > PASSWORD_MAX_CHARS) {
      throw new CommunityError(
        "invalid",
        `A password needs ${PASSWORD_MIN_CHARS} to ${PASSWORD_MAX_CHARS} characters; this one has ${length}.`,
      );
    }
    const user = await this.accounts.userById(userId);
    if (!user) throw new CommunityError("not_found", "There is no such account.");
    if (user.passwordHash !== null && !(await this.signedInRecently(change.keepSession))) {
      if (!change.current) {
        throw new CommunityError(
          "invalid",
          "Type your current password to change it. Forgot it? Sign in again by emailed link: for " +
            `${RECENT_SIGN_IN_MS / 60_000} minutes after that, a new password needs no current one.`,
        );
      }
      await this.options.limiter.hit("sign-in", [`email:${user.email}`, `ip:${change.ip}`]);
      if (!(await verifyPassword(change.current, user.passwordHash))) {
        throw new CommunityError("invalid", "Your current password is not that one; nothing was changed.");
      }
    }
    const changed = await this.accounts.changePasswordHash({
      userId,
      expected: user.passwordHash,
      passwordHash: await hashPassword(password),
      keepSession: change.keepSession === null ? null : hashSecret(change.keepSession),
      at: this.now().toISOString(),
    });
    if (!changed) {
      throw new CommunityError(
        "conflict",
        "Your password was changed, or this session signed out, while this change was on its way; " +
          "nothing was changed. Sign in again and retry if you still want to.",
      );
    }
  }

  /**
   * Deletes the account once its owner typed its email address to confirm (ADR 0027); its sessions
   * and API tokens end with it. The address may sign up afresh later, as any new one may. The session
   * asking (its cookie value) must still be signed in when the deletion is written.
   */
  async deleteAccount(userId: string, confirmation: string, sessionToken: string): Promise<void> {
    const user = await this.accounts.userById(userId);
    if (!user) throw new CommunityError("not_found", "There is no such account.");
    if (confirmation.trim().toLowerCase() !== user.email) {
      throw new CommunityError(
        "invalid",
        `To delete your account, type its email address (${user.email}) to confirm; nothing was deleted.`,
      );
    }
    const outcome = await this.accounts.deleteUser(
      userId,
      this.now().toISOString(),
      hashSecret(sessionToken),
    );
    if (outcome === "signed_out") {
      throw new CommunityError(
        "unauthenticated",
        "This session was signed out, or the account suspended, while the request was on its way; nothing was deleted.",
      );
    }
    if (outcome === "last_admin") {
      throw new CommunityError(
        "conflict",
        "You are this instance's last admin, so your account cannot be deleted: give another account " +
          "the admin role first (paperpulse user create EMAIL --admin).",
      );
    }
    if (outcome === "not_found") throw new CommunityError("not_found", "There is no such account.");
  }

  /** Creates the account or finds it; a role given here is applied to an existing account too. */
  async createUser(rawEmail: string, role: Role | null): Promise<User> {
    const email = normaliseEmail(rawEmail);
    const user = await this.accounts.ensureUser({
      id: newId(),
      email,
      role: role ?? "user",
      createdAt: this.now().toISOString(),
    });
    if (role !== null && role !== "user" && user.role !== role) {
      await changeRole(this.accounts, user, role);
      return { ...user, role };
    }
    return user;
  }

  async createApiToken(userId: string, rawName: string): Promise<IssuedApiToken> {
    const name = rawName.trim() || "API token";
    const length = characterCount(name);
    if (length > TOKEN_NAME_MAX_CHARS) {
      throw new CommunityError(
        "invalid",
        `An API token's name can have at most ${TOKEN_NAME_MAX_CHARS} characters; this one has ${length}.`,
      );
    }
    const token = `pp_${newSecret()}`;
    const id = newId();
    await this.accounts.createApiToken({
      id,
      userId,
      name,
      tokenHash: hashSecret(token),
      createdAt: this.now().toISOString(),
    });
    return { id, token };
  }

  apiTokens(userId: string): Promise<ApiToken[]> {
    return this.accounts.apiTokens(userId);
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<void> {
    if (!(await this.accounts.revokeApiToken(userId, tokenId))) {
      throw new CommunityError("not_found", "You have no API token with that id.");
    }
  }

  private async signedInRecently(sessionToken: string | null): Promise<boolean> {
    if (sessionToken === null) return false;
    const now = this.now();
    const startedAt = await this.accounts.sessionStartedAt(hashSecret(sessionToken), now.toISOString());
    return startedAt !== null && now.getTime() - Date.parse(startedAt) < RECENT_SIGN_IN_MS;
  }

  /** Always a fresh token: a session id known before sign-in (fixation) never becomes a signed-in one. */
  private async startSession(user: User): Promise<IssuedSession> {
    if (user.suspendedAt !== null) throw new CommunityError("forbidden", "This account is suspended.");
    const token = newSecret();
    const createdAt = this.now();
    const expiresAt = new Date(createdAt.getTime() + this.options.sessionTtlMs);
    await this.accounts.createSession({
      tokenHash: hashSecret(token),
      userId: user.id,
      createdAt: createdAt.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { token, expiresAt };
  }
}
