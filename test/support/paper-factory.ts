import type { PaperInput } from "../../src/core/paper.js";

let sequence = 0;

/** A valid paper input with distinct defaults; override what the test is about. */
export function makePaperInput(overrides: Partial<PaperInput> = {}): PaperInput {
  sequence++;
  const id = overrides.id ?? `2509.${String(10000 + sequence).padStart(5, "0")}`;
  return {
    id,
    title: `A study of topic ${sequence}`,
    abstract: `We study topic ${sequence} with care and report what we found.`,
    authors: ["Ada Lovelace", "Alan Turing"],
    authorCount: 2,
    categories: ["cs.LG"],
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    submitter: null,
    versions: [{ version: 1, createdAt: "2025-09-10T12:00:00.000Z" }],
    publishedAt: "2025-09-10T12:00:00.000Z",
    listingDay: "2025-09-11",
    upvotes: 0,
    ...overrides,
  };
}
