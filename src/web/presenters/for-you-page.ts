import {
  RECOMMENDATION_PERIODS,
  type RecommendationPeriod,
  type Recommendations,
} from "../../community/recommendations.js";
import { formatShortDate, plural } from "./format.js";
import { withQuery } from "./pagination.js";
import { type PaperCardModel, paperPath, presentPaperCard } from "./paper-card.js";

export interface ForYouCard {
  card: PaperCardModel;
  /** The liked paper it is most alike to: why it is here. */
  likeTitle: string;
  likeHref: string;
}

export interface PeriodLink {
  label: string;
  href: string;
  current: boolean;
}

export interface ForYouPageModel {
  periods: PeriodLink[];
  /** What the list is, or why there is none. */
  explanation: string;
  cards: ForYouCard[];
  /** Shown instead of cards when there are none. */
  emptyText: string | null;
}

const PERIOD_LABELS: Record<RecommendationPeriod, string> = {
  week: "Past week",
  month: "Past month",
  all: "All papers",
};

function periodLinks(current: RecommendationPeriod): PeriodLink[] {
  return RECOMMENDATION_PERIODS.map((period) => ({
    label: PERIOD_LABELS[period],
    href: withQuery("/for-you", { period: period === "week" ? null : period }),
    current: period === current,
  }));
}

const HOW_TO_START =
  "Upvote or save a few papers you like, and this page will rank each week's new papers by how alike they are to them.";

function describe(recommendations: Recommendations): Pick<ForYouPageModel, "explanation" | "emptyText"> {
  if (recommendations.status === "no-model")
    return {
      explanation:
        "Recommendations compare papers by the search model's vectors, and this site runs without one.",
      emptyText: null,
    };
  if (recommendations.status === "no-taste")
    return {
      explanation:
        recommendations.liked === 0
          ? HOW_TO_START
          : "The papers you upvoted or saved have no vectors yet: they are embedded in the background, so look again in a few minutes.",
      emptyText: null,
    };
  const { liked, from, to, picks } = recommendations;
  const which =
    from === null || to === null
      ? "Papers"
      : `Papers listed ${formatShortDate(from)} – ${formatShortDate(to)}`;
  return {
    explanation: `${which}, most alike first to the ${plural(liked, "paper")} you upvoted or saved.`,
    emptyText:
      picks.length === 0
        ? `None of ${from === null ? "the" : "this period's"} papers you have not upvoted or saved yet is close enough to the ones you did${from === null ? "." : ": try a longer period."}`
        : null,
  };
}

export function presentForYouPage(
  recommendations: Recommendations,
  period: RecommendationPeriod,
): ForYouPageModel {
  const picks = recommendations.status === "ready" ? recommendations.picks : [];
  return {
    periods: periodLinks(period),
    ...describe(recommendations),
    cards: picks.map(({ paper, closestLiked }) => ({
      card: presentPaperCard(paper),
      likeTitle: closestLiked.title,
      likeHref: paperPath(closestLiked.id),
    })),
  };
}
