import { type JsonRecord, LineRejected } from "../record-fields.js";
import { arxivAbsFormat } from "./arxiv-abs.js";
import { arxivDailyFormat } from "./arxiv-daily.js";
import { arxivSnapshotFormat } from "./arxiv-snapshot.js";
import { arxiverApiFormat } from "./arxiver-api.js";
import { demoSeedFormat } from "./demo-seed.js";
import { paperpulseExportFormat } from "./paperpulse-export.js";
import type { RecordFormat } from "./record-format.js";

/** Every line format the importer reads, tried in this order (the export tag first: it is explicit). */
export const RECORD_FORMATS: readonly RecordFormat[] = [
  paperpulseExportFormat,
  demoSeedFormat,
  arxivDailyFormat,
  arxiverApiFormat,
  arxivSnapshotFormat,
  arxivAbsFormat,
];

export function detectFormat(record: JsonRecord): RecordFormat {
  const format = RECORD_FORMATS.find((candidate) => candidate.matches(record));
  if (format) return format;
  throw new LineRejected(`unrecognised record: not one of ${RECORD_FORMATS.map((f) => f.name).join(", ")}`);
}
