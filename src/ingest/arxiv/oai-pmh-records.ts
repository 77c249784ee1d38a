import type { PaperVersion } from "../../core/paper.js";
import { nameFromParts, splitAuthorString } from "../author-names.js";
import { isoFromDay, isoFromRfc2822 } from "../dates.js";
import { draftOf } from "../formats/record-format.js";
import type { PaperDraft } from "../normalise.js";
import { LineRejected } from "../record-fields.js";
import { attributeOf, elementOf, listOf, textOf, type XmlElement } from "./oai-pmh-xml.js";

/**
 * The two arXiv metadata formats of OAI-PMH, read into drafts for the shared normaliser.
 * - `arXiv` (http://arxiv.org/OAI/arXiv/): id, created, updated, authors as <author><keyname>
 *   <forenames><suffix>, title, categories, comments, journal-ref, doi, license, abstract. It has no
 *   version list: v1's date is `created` (a day), later versions are unknown.
 * - `arXivRaw` (http://arxiv.org/OAI/arXivRaw/): id, submitter, one <version version="vN"> per version
 *   with <date> (RFC 2822) and <size>, title, authors as one string, categories, comments, abstract…
 */
export type OaiMetadataPrefix = "arXiv" | "arXivRaw";

export const METADATA_PREFIXES: readonly OaiMetadataPrefix[] = ["arXiv", "arXivRaw"];

function singleText(metadata: XmlElement, name: string): string | null {
  const value = metadata[name];
  if (Array.isArray(value)) throw new LineRejected(`<${name}> appears ${value.length} times`);
  const text = textOf(value);
  return text === null || text.trim() === "" ? null : text;
}

function requiredText(metadata: XmlElement, name: string): string {
  const text = singleText(metadata, name);
  if (text === null) throw new LineRejected(`missing <${name}>`);
  return text;
}

/** A name has a letter or digit; arXiv's own name splitter leaves entries such as ":" (1603.05976). */
const HAS_NAME_CHARACTER = /[\p{L}\p{N}]/u;

/** <author><keyname>Bal\'azs</keyname><forenames>C.</forenames><suffix>Jr</suffix></author> → "C. Balázs Jr". */
function authorName(author: unknown): string[] {
  const parts = elementOf(author) ?? {};
  const keyname = singleText(parts, "keyname");
  if (keyname === null) throw new LineRejected("an <author> has no <keyname>");
  const name = nameFromParts([
    keyname,
    singleText(parts, "forenames") ?? "",
    singleText(parts, "suffix") ?? "",
  ]);
  return HAS_NAME_CHARACTER.test(name) ? [name] : [];
}

function arxivDraft(metadata: XmlElement): PaperDraft {
  const created = requiredText(metadata, "created").trim();
  return draftOf({
    id: requiredText(metadata, "id"),
    title: requiredText(metadata, "title"),
    abstract: requiredText(metadata, "abstract"),
    authors: listOf(elementOf(metadata.authors)?.author).flatMap(authorName),
    categories: [requiredText(metadata, "categories")],
    comments: singleText(metadata, "comments"),
    journalRef: singleText(metadata, "journal-ref"),
    doi: singleText(metadata, "doi"),
    license: singleText(metadata, "license"),
    versions: [{ version: 1, createdAt: isoFromDay(created, "created") }],
  });
}

/** <version version="v2"><date>Tue, 24 Jul 2007 20:10:27 GMT</date><size>490kb</size></version>. */
function rawVersion(entry: unknown): PaperVersion {
  const label = attributeOf(entry, "version") ?? "";
  const number = /^v(\d{1,4})$/.exec(label);
  if (!number) throw new LineRejected(`<version> label must look like v1, got ${JSON.stringify(label)}`);
  const date = requiredText(elementOf(entry) ?? {}, "date");
  return { version: Number(number[1]), createdAt: isoFromRfc2822(date.trim(), label) };
}

function arxivRawDraft(metadata: XmlElement): PaperDraft {
  return draftOf({
    id: requiredText(metadata, "id"),
    title: requiredText(metadata, "title"),
    abstract: requiredText(metadata, "abstract"),
    authors: splitAuthorString(requiredText(metadata, "authors")),
    categories: [requiredText(metadata, "categories")],
    comments: singleText(metadata, "comments"),
    journalRef: singleText(metadata, "journal-ref"),
    doi: singleText(metadata, "doi"),
    license: singleText(metadata, "license"),
    submitter: singleText(metadata, "submitter"),
    versions: listOf(metadata.version).map(rawVersion),
  });
}

/** Reads a record's <metadata> in the requested format; throws LineRejected naming what is wrong. */
export function draftFromMetadata(metadata: XmlElement, prefix: OaiMetadataPrefix): PaperDraft {
  const payload = metadata[prefix];
  if (payload === undefined) {
    const found = Object.keys(metadata).find((name) => !name.startsWith("@_") && name !== "#text");
    throw new LineRejected(`no <${prefix}> metadata${found ? ` (found <${found}>)` : ""}`);
  }
  const fields = elementOf(payload) ?? {};
  return prefix === "arXiv" ? arxivDraft(fields) : arxivRawDraft(fields);
}
