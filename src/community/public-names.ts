import { createHash } from "node:crypto";
import { characterCount, foldAccents } from "../core/text.js";
import { CommunityError } from "./errors.js";

/**
 * The names people show on their comments. Nothing public comes from an address: until someone
 * chooses a name, their comments show a stable pseudonym made from their account id.
 */
export const PUBLIC_NAME_MAX_CHARS = 40;
const PUBLIC_NAME_MIN_CHARS = 2;
/** Letters (with their marks) and digits, with spaces, dots, underscores, apostrophes and hyphens between. */
const PUBLIC_NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} ._'’-]*$/u;
/** Names that would pass for the site or its staff, compared by their keys. */
const RESERVED = [
  "admin",
  "administrator",
  "moderator",
  "mod",
  "staff",
  "paperpulse",
  "deleteduser",
  "deleted",
];
/**
 * Alphabets whose letters pass for one another (Latin "a", Cyrillic "а", Greek "α"): a name mixing them
 * could copy another person's name, or a reserved one, letter for look-alike letter.
 */
const LOOK_ALIKE_SCRIPTS = [
  { name: "Latin", letter: /\p{Script=Latin}/u },
  { name: "Greek", letter: /\p{Script=Greek}/u },
  { name: "Cyrillic", letter: /\p{Script=Cyrillic}/u },
];

/** The pseudonyms' own shape: nobody can take one as a name. */
const PSEUDONYM_KEY = /^reader[0-9a-f]{6}$/;

/**
 * The name folded for comparison: compatibility forms, accents, case, and the separators dropped, so
 * that "Ada Lovelace", "ada.lovelace" and "ADA_LOVELACE" are one name and cannot belong to two people.
 */
export function publicNameKey(name: string): string {
  return foldAccents(name.normalize("NFKC"))
    .toLowerCase()
    .replace(/[\s._'’-]+/gu, "");
}

/** What a comment shows for its author: their public name, else their pseudonym. */
export function shownName(userId: string, publicName: string | null): string {
  if (publicName) return publicName;
  return `reader-${createHash("sha256").update(userId).digest("hex").slice(0, 6)}`;
}

/** A typed name as stored (null: none, the pseudonym shows); a CommunityError says what is wrong. */
export function parsePublicName(raw: string): { name: string; key: string } | null {
  const name = raw.normalize("NFC").trim().replace(/\s+/gu, " ");
  if (name === "") return null;
  const length = characterCount(name);
  if (length < PUBLIC_NAME_MIN_CHARS || length > PUBLIC_NAME_MAX_CHARS) {
    throw new CommunityError(
      "invalid",
      `A public name needs ${PUBLIC_NAME_MIN_CHARS} to ${PUBLIC_NAME_MAX_CHARS} characters; this one has ${length}.`,
    );
  }
  if (!PUBLIC_NAME.test(name)) {
    throw new CommunityError(
      "invalid",
      "A public name holds letters, digits and spaces, with . _ ' - between them, and starts with a letter or digit.",
    );
  }
  const scripts = LOOK_ALIKE_SCRIPTS.filter((script) => script.letter.test(name)).map(
    (script) => script.name,
  );
  if (scripts.length > 1) {
    throw new CommunityError(
      "invalid",
      `A public name keeps to one alphabet: this one mixes ${scripts.join(" and ")} letters, which can pass for another name.`,
    );
  }
  const key = publicNameKey(name);
  if (RESERVED.includes(key) || PSEUDONYM_KEY.test(key)) {
    throw new CommunityError("invalid", `"${name}" is kept for the site; choose another name.`);
  }
  return { name, key };
}
