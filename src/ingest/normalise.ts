import { parseArxivId } from "../core/arxiv-id.js";
import { PAPER_LIMITS, type PaperInput, type PaperVersion } from "../core/paper.js";
import { arxivCategoriesOf } from "./arxiv-categories.js";
import { canonicalIso, requireDay } from "./dates.js";
import { LineRejected } from "./record-fields.js";
import { decodeTexAccents } from "./tex-accents.js";

/**
 * What a format parser hands over: the PaperInput fields as the source spelled them (raw id, hard-wrapped
 * text, category lists with ACM/MSC codes, unchecked sizes). The normaliser turns it into a PaperInput.
 */
export type PaperDraft = PaperInput;

/** Short free-text fields (journal ref, DOI, licence, submitter) have no limit of their own in PAPER_LIMITS. */
const SHORT_FIELD_CHARS = PAPER_LIMITS.commentChars;

const SHOWN_VALUE_CHARS = 60;

/**
 * Characters that count as whitespace though they are none: a NUL byte cannot be stored in PostgreSQL
 * text (it failed the whole batch), escape sequences have no place in a title, and Unicode's
 * noncharacters (U+FFFE, U+FFFF, U+FDD0…) and lone surrogates are no text at all: XML cannot hold
 * U+FFFE, U+FFFF or a surrogate (one would make every feed listing the paper unreadable), nor can
 * PostgreSQL's JSON columns a surrogate in an author's name.
 */
const NOT_TEXT = String.raw`\0-\x08\x0E-\x1F\x7F\p{Noncharacter_Code_Point}\p{Surrogate}`;

/** Whitespace other than a lone space: rewriting only these runs is twice as fast as /\s+/g on abstracts. */
const WHITESPACE_TO_COLLAPSE = new RegExp(
  String.raw`(?:[^\S ]|[${NOT_TEXT}])[\s${NOT_TEXT}]*| [\s${NOT_TEXT}]+`,
  "gu",
);

/** One line of text: every run of whitespace (hard wraps included) becomes one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, " ").trim();
}

/**
 * arXiv abstracts wrap lines with a bare newline and start a paragraph with a newline followed by
 * indentation ("\n  "); blank lines also separate paragraphs. Paragraphs are kept, separated by a
 * blank line; everything else collapses to single spaces. Applying it twice changes nothing.
 */
const PARAGRAPH_BREAK = /\r?\n(?:[ \t]*\r?\n)+|\r?\n[ \t]+/;

export function normaliseAbstract(text: string): string {
  return text
    .split(PARAGRAPH_BREAK)
    .map(collapseWhitespace)
    .filter((paragraph) => paragraph !== "")
    .join("\n\n");
}

function shown(value: string): string {
  const text = value.length > SHOWN_VALUE_CHARS ? `${value.slice(0, SHOWN_VALUE_CHARS)}…` : value;
  return JSON.stringify(text);
}

function withinLimit(text: string, field: string, limit: number): string {
  if (text.length > limit) {
    throw new LineRejected(
      `${field} is ${text.length.toLocaleString("en")} characters (limit ${limit.toLocaleString("en")})`,
    );
  }
  return text;
}

function requiredText(
  text: string,
  field: string,
  limit: number,
  normalise: (text: string) => string,
): string {
  const value = normalise(text);
  if (value === "") throw new LineRejected(`empty ${field}`);
  return withinLimit(value, field, limit);
}

function optionalText(text: string | null, field: string, limit: number): string | null {
  if (text === null) return null;
  const value = collapseWhitespace(text);
  return value === "" ? null : withinLimit(value, field, limit);
}

function countWithinLimit(count: number, field: string, limit: number): void {
  if (count > limit)
    throw new LineRejected(`${count.toLocaleString("en")} ${field} (limit ${limit.toLocaleString("en")})`);
}

/**
 * arXiv listings sometimes glue a run of names into one entry with "and" and no space before it
 * ("Xiangyu Kongand Xiaoxia Xingand …", seen in 2506.02197). An entry too long to be one name is split
 * there; when that still leaves an over-long piece, the line is rejected.
 */
const GLUED_AND = /(?<=\p{Ll})and(?:\s+(?=\p{Lu})|\s*$)/u;

function authorNames(entry: string): string[] {
  const name = collapseWhitespace(entry);
  if (name.length <= PAPER_LIMITS.authorNameChars) return name === "" ? [] : [name];
  const names = name
    .split(GLUED_AND)
    .map(collapseWhitespace)
    .filter((part) => part !== "");
  const overLong = names.find((part) => part.length > PAPER_LIMITS.authorNameChars);
  if (overLong !== undefined || names.length < 2) {
    throw new LineRejected(
      `author name ${shown(overLong ?? name)} is longer than ${PAPER_LIMITS.authorNameChars} characters`,
    );
  }
  return names;
}

function normaliseAuthors(entries: string[]): string[] {
  const authors = entries.flatMap(authorNames);
  countWithinLimit(authors.length, "authors", PAPER_LIMITS.authors);
  return authors;
}

function normaliseAuthorCount(authors: string[], count: number | null): number | null {
  if (authors.length > 0) return authors.length;
  if (count === null) return null;
  if (!Number.isInteger(count) || count < 0)
    throw new LineRejected(`author count must be a whole number, got ${count}`);
  countWithinLimit(count, "authors", PAPER_LIMITS.authors);
  return count;
}

/** Ascending, one entry per number; a timestamp known from any duplicate is kept. */
function normaliseVersions(versions: PaperVersion[], idVersion: number | null): PaperVersion[] {
  const byNumber = new Map<number, string | null>();
  const all = idVersion === null ? versions : [...versions, { version: idVersion, createdAt: null }];
  for (const { version, createdAt } of all) {
    if (!Number.isInteger(version) || version < 1)
      throw new LineRejected(`invalid version number ${version}`);
    const iso = createdAt === null ? null : canonicalIso(createdAt, `v${version} date`);
    byNumber.set(version, byNumber.get(version) ?? iso);
  }
  countWithinLimit(byNumber.size, "versions", PAPER_LIMITS.versions);
  return [...byNumber.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, createdAt]) => ({ version, createdAt }));
}

function normaliseUpvotes(upvotes: number): number {
  if (!Number.isInteger(upvotes) || upvotes < 0)
    throw new LineRejected(`upvotes must be a whole number ≥ 0, got ${upvotes}`);
  return upvotes;
}

/** Validates and cleans one parsed record; throws LineRejected with the reason when it cannot be stored. */
export function normalisePaper(draft: PaperDraft): PaperInput {
  const arxivId = parseArxivId(draft.id);
  if (arxivId === null) throw new LineRejected(`invalid arXiv id ${shown(draft.id)}`);

  const authors = normaliseAuthors(draft.authors);
  const categories = arxivCategoriesOf(draft.categories);
  countWithinLimit(categories.length, "categories", PAPER_LIMITS.categories);
  const versions = normaliseVersions(draft.versions, arxivId.version);
  const listingDay = draft.listingDay === null ? null : requireDay(draft.listingDay, "listing day");
  // A record with no date at all (seed rank 29) stays undated: core/merge-paper puts it on the first
  // day of its id's month, and a later listing or dated source moves it to its real day.
  const publishedAt =
    draft.publishedAt === null
      ? (versions.find((version) => version.version === 1)?.createdAt ?? null)
      : canonicalIso(draft.publishedAt, "published date");

  return {
    id: arxivId.id,
    title: requiredText(draft.title, "title", PAPER_LIMITS.titleChars, (title) =>
      decodeTexAccents(collapseWhitespace(title)),
    ),
    abstract: requiredText(draft.abstract, "abstract", PAPER_LIMITS.abstractChars, (abstract) =>
      decodeTexAccents(normaliseAbstract(abstract)),
    ),
    authors,
    authorCount: normaliseAuthorCount(authors, draft.authorCount),
    categories,
    comments: optionalText(draft.comments, "comments", PAPER_LIMITS.commentChars),
    journalRef: optionalText(draft.journalRef, "journal ref", SHORT_FIELD_CHARS),
    doi: optionalText(draft.doi, "DOI", SHORT_FIELD_CHARS),
    license: optionalText(draft.license, "license", SHORT_FIELD_CHARS),
    submitter: optionalText(draft.submitter, "submitter", SHORT_FIELD_CHARS),
    versions,
    publishedAt,
    listingDay,
    upvotes: normaliseUpvotes(draft.upvotes),
  };
}
