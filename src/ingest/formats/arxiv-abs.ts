import { splitAuthorString } from "../author-names.js";
import { optionalString, requiredString, stringList } from "../record-fields.js";
import { metadataVersions } from "./metadata-versions.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * arXiv ".abs" files parsed to JSON (shared/data/arxiv-abs-0704-sample): like the snapshot but with
 * categories as a list, snake_case fields and versions [{version, date, size}]; authors is one string.
 */
export const arxivAbsFormat: RecordFormat = {
  name: "arxiv-abs",
  matches: (record) =>
    Array.isArray(record.categories) && typeof record.authors === "string" && "versions" in record,
  toDraft(record) {
    return draftOf({
      id: requiredString(record, "id"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      authors: splitAuthorString(requiredString(record, "authors")),
      categories: stringList(record, "categories"),
      comments: optionalString(record, "comments"),
      journalRef: optionalString(record, "journal_ref"),
      doi: optionalString(record, "doi"),
      license: optionalString(record, "license"),
      submitter: optionalString(record, "submitter"),
      versions: metadataVersions(record, "date"),
    });
  },
};
