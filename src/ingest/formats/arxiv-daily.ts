import { splitAuthorString } from "../author-names.js";
import { parsePythonStringList } from "../python-list.js";
import { type JsonRecord, optionalString, requiredString, stringList } from "../record-fields.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * Daily listing scrapes (shared/data/arxiv-daily-2025-2026): {id, title, abstract, authors, categories,
 * comment, first_listed}. authors is a JSON array, or in some scrapes the text of a Python list.
 */
function authorsOf(record: JsonRecord): string[] {
  const authors = record.authors;
  if (typeof authors !== "string") return stringList(record, "authors");
  if (authors.trimStart().startsWith("[")) return parsePythonStringList(authors);
  return splitAuthorString(authors);
}

export const arxivDailyFormat: RecordFormat = {
  name: "arxiv-daily",
  matches: (record) => "first_listed" in record,
  toDraft(record) {
    return draftOf({
      id: requiredString(record, "id"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      authors: authorsOf(record),
      categories: stringList(record, "categories"),
      comments: optionalString(record, "comment"),
      listingDay: requiredString(record, "first_listed"),
    });
  },
};
