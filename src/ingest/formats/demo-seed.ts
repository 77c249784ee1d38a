import { isoFromDay } from "../dates.js";
import { optionalNumber, optionalString, requiredString } from "../record-fields.js";
import { draftOf, type RecordFormat } from "./record-format.js";

/**
 * The demo seed (demo/seed-papers.jsonl): {rank, title, abstract, authorCount, published, upvotes, arxivId},
 * one line per paper of a Hugging Face daily-papers page. `published` is the paper's own date as the page
 * showed it; every paper is listed on the page's day, so the demo's home page reads like that page.
 * There are no author names, only a count.
 */
export const SEED_PAGE_DAY = "2025-12-11";

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
      listingDay: SEED_PAGE_DAY,
      upvotes: optionalNumber(record, "upvotes") ?? 0,
    });
  },
};
