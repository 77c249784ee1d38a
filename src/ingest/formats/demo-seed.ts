import { isoFromDay } from "../dates.js";
import { optionalNumber, optionalString, requiredString } from "../record-fields.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * The demo seed (demo/seed-papers.jsonl): {rank, title, abstract, authorCount, published, upvotes, arxivId},
 * one line per paper of a Hugging Face daily-papers page. `published` is the day the page showed the
 * paper, so it is both the listing day and the date; there are no author names, only a count.
 */
export const demoSeedFormat: RecordFormat = {
  name: "demo-seed",
  matches: (record) => "arxivId" in record,
  toDraft(record) {
    const published = optionalString(record, "published");
    return draftOf({
      id: requiredString(record, "arxivId"),
      title: requiredString(record, "title"),
      abstract: requiredString(record, "abstract"),
      authorCount: optionalNumber(record, "authorCount"),
      publishedAt: published === null ? null : isoFromDay(published, "published"),
      listingDay: published,
      upvotes: optionalNumber(record, "upvotes") ?? 0,
    });
  },
};
