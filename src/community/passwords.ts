import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { characterCount } from "../core/text.js";

/**
 * Password hashes with scrypt (node:crypto). The stored form names its parameters
 * ("scrypt$N$r$p$salt$hash"), so they can be raised later without breaking existing hashes.
 */
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
export const PASSWORD_MIN_CHARS = 10;
export const PASSWORD_MAX_CHARS = 200;
/**
 * The password fields' maxlength: browsers count UTF-16 units, in which a character beyond the Basic
 * Multilingual Plane (an emoji) takes two, so the field admits every password the server takes and the
 * server, counting characters, judges the length.
 */
export const PASSWORD_FIELD_MAX_LENGTH = 2 * PASSWORD_MAX_CHARS;

/**
 * A password's length in characters as typed: Unicode code points, not UTF-16 units, in which an
 * emoji counts twice and four of them would pass for eight characters.
 */
export function passwordLength(password: string): number {
  return characterCount(password);
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_BYTES,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/**
 * Checked in place of a stored hash when the address has no account or no password: no password
 * derives its random key, and the check costs what a real one costs, so how long a refusal takes does
 * not tell which addresses have a password.
 */
const NO_PASSWORD_HASH = [
  "scrypt",
  PARAMS.N,
  PARAMS.r,
  PARAMS.p,
  randomBytes(16).toString("base64url"),
  randomBytes(KEY_BYTES).toString("base64url"),
].join("$");

/** Whether the password matches the stored hash; false, after as much work, when there is none. */
export async function passwordMatches(password: string, stored: string | null | undefined): Promise<boolean> {
  const matches = await verifyPassword(password, stored ?? NO_PASSWORD_HASH);
  return matches && stored !== null && stored !== undefined;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
