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
}

export const EVAL_DEPTH = 100;

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
    const result = await service.search(query.query, {
      mode,
      sort: "relevance",
      limit: EVAL_DEPTH + (query.skip ? 1 : 0),
      offset: 0,
    });
    const ranked = result.hits.map((hit) => hit.paper.id).filter((id) => id !== query.skip);
    ndcg.push(ndcgAt(ranked, query.judgments, 10));
    recall.push(recallAt(ranked, query.judgments, EVAL_DEPTH));
    mrr.push(reciprocalRankAt(ranked, query.judgments, 10));
  }
  return { ndcg10: mean(ndcg), recall100: mean(recall), mrr10: mean(mrr) };
}
