import type { Paper, PaperVersion } from "../../core/paper.js";
import {
  isJsonRecord,
  type JsonRecord,
  LineRejected,
  optionalArray,
  optionalNumber,
  optionalString,
  requiredString,
  stringList,
} from "../record-fields.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * PaperPulse's own export: one stored Paper per line, tagged {"format": "paperpulse/1", …}. The derived
 * fields (day, latestVersion) are written for readers but recomputed on import.
 */
export const EXPORT_FORMAT = "paperpulse/1";

export type ExportLine = { format: typeof EXPORT_FORMAT } & Paper;

export function toExportLine(paper: Paper): ExportLine {
  return { format: EXPORT_FORMAT, ...paper };
}

function versionsOf(record: JsonRecord): PaperVersion[] {
  return (optionalArray(record, "versions") ?? []).map((entry) => {
    if (!isJsonRecord(entry)) throw new LineRejected('"versions" must hold objects');
    const version = optionalNumber(entry, "version");
    if (version === null) throw new LineRejected('a version lacks its "version" number');
    return { version, createdAt: optionalString(entry, "createdAt") };
  });
}

export const paperpulseExportFormat: RecordFormat = {
  name: "paperpulse-export",
  matches: (record) => typeof record.format === "string" && record.format.startsWith("paperpulse/"),
  toDraft(record) {
    if (record.format !== EXPORT_FORMAT) {
      throw new LineRejected(
        `unsupported export format ${JSON.stringify(record.format)} (this version reads ${EXPORT_FORMAT})`,
      );
    }
    return draftOf({
      id: requiredString(record, "id"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      authors: stringList(record, "authors"),
      authorCount: optionalNumber(record, "authorCount"),
      categories: stringList(record, "categories"),
      comments: optionalString(record, "comments"),
      journalRef: optionalString(record, "journalRef"),
      doi: optionalString(record, "doi"),
      license: optionalString(record, "license"),
      submitter: optionalString(record, "submitter"),
      versions: versionsOf(record),
      publishedAt: optionalString(record, "publishedAt"),
      listingDay: optionalString(record, "listingDay"),
      upvotes: optionalNumber(record, "upvotes") ?? 0,
    });
  },
};
