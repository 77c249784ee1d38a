import { nameFromParts, splitAuthorString } from "../author-names.js";
import {
  type JsonRecord,
  LineRejected,
  optionalArray,
  optionalString,
  requiredString,
} from "../record-fields.js";
import { metadataVersions } from "./metadata-versions.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * The arXiv metadata snapshot (Kaggle's arxiv-metadata-oai-snapshot.json): {id, submitter, authors,
 * title, comments, journal-ref, doi, report-no, categories: "hep-ph cs.LG", license, abstract,
 * versions: [{version, created}], update_date, authors_parsed: [["Last", "First", "Suffix"], …]}.
 * authors_parsed is preferred: it has the affiliations split off and the TeX accents decoded.
 */
function authorsOf(record: JsonRecord): string[] {
  const parsed = optionalArray(record, "authors_parsed");
  if (parsed === null) {
    const authors = optionalString(record, "authors");
    return authors === null ? [] : splitAuthorString(authors);
  }
  return parsed.map((parts) => {
    if (!Array.isArray(parts) || !parts.every((part) => typeof part === "string")) {
      throw new LineRejected('"authors_parsed" must hold [last, first, suffix] string lists');
    }
    return nameFromParts(parts);
  });
}

export const arxivSnapshotFormat: RecordFormat = {
  name: "arxiv-snapshot",
  matches: (record) => typeof record.categories === "string" || "authors_parsed" in record,
  toDraft(record) {
    return draftOf({
      id: requiredString(record, "id"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      authors: authorsOf(record),
      categories: [requiredString(record, "categories")],
      comments: optionalString(record, "comments"),
      journalRef: optionalString(record, "journal-ref"),
      doi: optionalString(record, "doi"),
      license: optionalString(record, "license"),
      submitter: optionalString(record, "submitter"),
      versions: metadataVersions(record, "created"),
    });
  },
};
