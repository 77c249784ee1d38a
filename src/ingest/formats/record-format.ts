import type { PaperDraft } from "../normalise.js";
import type { JsonRecord } from "../record-fields.js";

/** One input shape: how to recognise its records and read one into a draft paper. */
export interface RecordFormat {
  /** Shown in summaries ("arxiv-daily: 4,307"). */
  name: string;
  /** True when the record has this format's distinctive fields; formats never overlap. */
  matches(record: JsonRecord): boolean;
  /** Reads the fields; throws LineRejected when one has the wrong type or is missing. */
  toDraft(record: JsonRecord): PaperDraft;
}

type RequiredDraftFields = Pick<PaperDraft, "id" | "title" | "abstract">;

/** A draft with the fields a source does not have left empty. */
export function draftOf(fields: RequiredDraftFields & Partial<PaperDraft>): PaperDraft {
  return {
    authors: [],
    authorCount: null,
    categories: [],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    submitter: null,
    versions: [],
    publishedAt: null,
    listingDay: null,
    upvotes: 0,
    ...fields,
  };
}
