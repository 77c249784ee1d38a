import type { PaperVersion } from "../../core/paper.js";
import { isoFromRfc2822 } from "../dates.js";
import {
  isJsonRecord,
  type JsonRecord,
  LineRejected,
  optionalArray,
  requiredString,
} from "../record-fields.js";

/** arXiv metadata version lists: [{version: "v1", <dateField>: "Mon, 2 Apr 2007 19:18:42 GMT"}, …]. */
export function metadataVersions(record: JsonRecord, dateField: string): PaperVersion[] {
  return (optionalArray(record, "versions") ?? []).map((entry) => {
    if (!isJsonRecord(entry)) throw new LineRejected('"versions" must hold objects');
    const label = requiredString(entry, "version");
    const number = /^v(\d{1,4})$/.exec(label);
    if (!number) throw new LineRejected(`version label must look like v1, got ${JSON.stringify(label)}`);
    return { version: Number(number[1]), createdAt: isoFromRfc2822(requiredString(entry, dateField), label) };
  });
}
