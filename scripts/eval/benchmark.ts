import type { SearchQuery } from "../../src/core/search-query.js";
import type { SearchMode, SearchService } from "../../src/search/search-service.js";
import { type Judgments, mean, ndcgAt, recallAt, reciprocalRankAt } from "./metrics.js";

/** One evaluation query: its text and graded judgments, keyed by the ids the search returns. */
export interface EvalQuery {
  id: string;
  query: SearchQuery;
  judgments: Judgments;
  /** Papers never counted for this query (a query-by-example paper itself). */
  skip?: string;
}

export interface ModeScores {
  ndcg10: number;
  recall100: number;
  mrr10: number;
  /** Each query's nDCG@10 and MRR@10, in query order: modes are compared query by query. */
  perQuery: { ndcg10: number[]; mrr10: number[] };
}

export const EVAL_DEPTH = 100;
/**
 * The @10 metrics read the first hits as the product's first page ranks them: hybrid ranking reads
 * FusionSettings.depth candidates a side for a page of up to that many hits, and more for deeper
 * requests, so the 100 hits Recall@100 asks for would rank the top differently from what a user sees.
 */
export const FIRST_PAGE = 10;

/** Runs every query in one mode through the product's search service and averages the metrics. */
export async function scoreMode(
  service: SearchService,
  queries: EvalQuery[],
  mode: SearchMode,
): Promise<ModeScores> {
  const ndcg: number[] = [];
  const recall: number[] = [];
  const mrr: number[] = [];
  for (const query of queries) {
    const ranked = async (limit: number) => {
      const result = await service.search(query.query, {
        mode,
        sort: "relevance",
        limit: limit + (query.skip ? 1 : 0),
        offset: 0,
      });
      return result.hits.map((hit) => hit.paper.id).filter((id) => id !== query.skip);
    };
    const firstPage = await ranked(FIRST_PAGE);
    ndcg.push(ndcgAt(firstPage, query.judgments, 10));
    mrr.push(reciprocalRankAt(firstPage, query.judgments, 10));
    recall.push(recallAt(await ranked(EVAL_DEPTH), query.judgments, EVAL_DEPTH));
  }
  return {
    ndcg10: mean(ndcg),
    recall100: mean(recall),
    mrr10: mean(mrr),
    perQuery: { ndcg10: ndcg, mrr10: mrr },
  };
}
