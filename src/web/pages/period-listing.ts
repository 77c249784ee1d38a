import type { CommentService } from "../../community/comments.js";
import { middleDay, type Period } from "../../core/calendar.js";
import type { PaperSort } from "../../store/store.js";
import { type PeriodPageModel, presentPeriodPage } from "../presenters/period-page.js";
import type { PaperService } from "../services/paper-service.js";
import { commentCountsOf, withCommentCount } from "./comment-counts.js";
import { PER_PAGE } from "./deps.js";

export interface ListingRequest {
  sort: PaperSort;
  page: number;
  /** The listing's own path, for sort and page links. */
  path: string;
}

/** Loads what a period page shows; the home page and the day/week/month pages share it. */
export async function loadPeriodListing(
  papers: PaperService,
  period: Period,
  { sort, page, path }: ListingRequest,
  comments?: CommentService,
): Promise<PeriodPageModel> {
  const [result, neighbours, firstDay] = await Promise.all([
    papers.listPeriod(period, sort, { page, perPage: PER_PAGE }),
    papers.neighbours(period),
    period.kind === "day" ? period.from : papers.firstListedDay(period),
  ]);
  const model = presentPeriodPage({
    period,
    path,
    sort,
    page,
    perPage: PER_PAGE,
    result,
    neighbours,
    anchorDay: firstDay ?? middleDay(period),
  });
  const counts = await commentCountsOf(
    comments,
    model.cards.map((card) => card.id),
  );
  return { ...model, cards: model.cards.map((card) => withCommentCount(card, counts)) };
}
