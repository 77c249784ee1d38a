import type { Paper } from "../../core/paper.js";
import { TRENDING_HALF_LIFE_HOURS, TRENDING_WINDOW_DAYS } from "../../core/trending.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";

export interface TrendingPageModel {
  cards: PaperCardModel[];
  explanation: string;
}

export function presentTrendingPage(papers: Paper[]): TrendingPageModel {
  return {
    cards: papers.map(presentPaperCard),
    explanation: `Papers by upvotes of the last ${TRENDING_WINDOW_DAYS} days; a vote's weight halves every ${TRENDING_HALF_LIFE_HOURS} hours.`,
  };
}
