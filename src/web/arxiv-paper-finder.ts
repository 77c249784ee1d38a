import { CommunityError } from "../community/errors.js";
import type { PaperFinder } from "../community/submissions.js";
import { ArxivApiError, AtomFormatError } from "../ingest/arxiv/atom-parser.js";
import { type HttpGetter, UnexpectedStatusError } from "../ingest/arxiv/http.js";
import { lookupPapers } from "../ingest/arxiv/lookup.js";
import { HttpRetriesExhaustedError } from "../ingest/arxiv/polite-http-client.js";
import type { PaperStore } from "../store/store.js";

const ARXIV_FAILURES = [HttpRetriesExhaustedError, ArxivApiError, UnexpectedStatusError, AtomFormatError];

/**
 * Papers from the store, else from the arXiv API look-up (which stores what it finds). `papersStored`
 * is told when a look-up stored a paper, so the host can have it embedded at once.
 */
export function arxivPaperFinder(
  store: PaperStore,
  arxiv: { client: HttpGetter; apiUrl: string } | null,
  papersStored: () => void = () => {},
): PaperFinder {
  return {
    getPaper: (id) => store.getPaper(id),
    async fetchFromArxiv(id) {
      if (!arxiv) return null;
      let found: string[];
      try {
        ({ found } = await lookupPapers(store, arxiv.client, [id], { apiUrl: arxiv.apiUrl }));
      } catch (error) {
        if (!ARXIV_FAILURES.some((failure) => error instanceof failure)) throw error;
        throw new CommunityError(
          "unavailable",
          "arXiv could not be reached to look the paper up; try again later.",
        );
      }
      if (found.length === 0) return null;
      papersStored();
      return store.getPaper(id);
    },
  };
}
