import { isoFromUtcDateTime } from "../dates.js";
import {
  LineRejected,
  optionalNumber,
  optionalString,
  requiredString,
  stringList,
} from "../record-fields.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * arXiv API crawl records (shared/data/arxiv-api-crawl-arxiver): {id, version, title, abstract,
 * categories, primary_category, published: "YYYY-MM-DD HH:MM:SS" (UTC, v1), abs_url}. No authors.
 * `published` dates v1 whatever the latest version is, so v1 is listed with it and vN without a date.
 */
export const arxiverApiFormat: RecordFormat = {
  name: "arxiv-api",
  matches: (record) => "primary_category" in record || "abs_url" in record,
  toDraft(record) {
    const published = optionalString(record, "published");
    const publishedAt = published === null ? null : isoFromUtcDateTime(published, "published");
    const latest = optionalNumber(record, "version");
    if (latest !== null && (!Number.isInteger(latest) || latest < 1)) {
      throw new LineRejected(`"version" must be a whole number ≥ 1, got ${latest}`);
    }
    const versions = [{ version: 1, createdAt: publishedAt }];
    if (latest !== null && latest > 1) versions.push({ version: latest, createdAt: null });
    const primary = optionalString(record, "primary_category");
    return draftOf({
      id: requiredString(record, "id"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      categories:
        primary === null ? stringList(record, "categories") : [primary, ...stringList(record, "categories")],
      versions,
      publishedAt,
    });
  },
};
