import type { MonthCount, MonthCounts } from "../../store/store.js";
import { formatCount, plural } from "./format.js";
import type { BarChartModel, ChartBar } from "./ingest-health-chart.js";

/** A search's papers and upvotes per month, as two bar charts over the same months. */
export interface TopicTrendModel {
  papers: BarChartModel;
  upvotes: BarChartModel;
  /** The query matched more papers than are counted: the chart covers the newest of them. */
  truncated: boolean;
}

const WIDTH = 720;
const HEIGHT = 100;
/** A few months must not make slabs: bars stay narrow and centred in their month. */
const MAX_BAR_WIDTH = 24;
/** Room for the bars' rounding at the top and the axis at the bottom: the labels lie outside. */
const TOP = 4;
const BOTTOM = 2;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", year: "numeric" });

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function monthLabel(month: string): string {
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

/** Every month from the first to the last, so a quiet month shows as a gap rather than vanishing. */
export function fillMonths(counts: MonthCount[]): MonthCount[] {
  const first = counts[0];
  const last = counts.at(-1);
  if (!first || !last) return [];
  const byMonth = new Map(counts.map((count) => [count.month, count]));
  const months: MonthCount[] = [];
  let [year, month] = first.month.split("-").map(Number) as [number, number];
  for (;;) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    months.push(byMonth.get(label) ?? { month: label, papers: 0, upvotes: 0 });
    if (label >= last.month) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

function chart(
  months: MonthCount[],
  measure: "papers" | "upvotes",
  description: string,
  { truncated, wordMatchesOnly }: { truncated: boolean; wordMatchesOnly: boolean },
): BarChartModel {
  const unit = measure === "papers" ? "paper" : "upvote";
  const values = months.map((month) => month[measure]);
  const max = Math.max(1, ...values);
  const slot = WIDTH / Math.max(months.length, 1);
  const barWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, slot * 0.75));
  const baseline = TOP + PLOT_HEIGHT;
  const bars = months.flatMap((month, index): ChartBar[] => {
    const value = month[measure];
    if (value === 0) return [];
    const height = round(Math.max(1, (value / max) * PLOT_HEIGHT));
    return [
      {
        x: round(index * slot + (slot - barWidth) / 2),
        y: round(baseline - height),
        width: round(barWidth),
        height,
        kind: measure === "papers" ? "papers" : "votes",
        label: `${monthLabel(month.month)}: ${plural(value, unit)}`,
      },
    ];
  });
  const first = months[0];
  const last = months.at(-1);
  const peak = months.reduce((best, month) => (month[measure] > best[measure] ? month : best), months[0]!);
  const total = values.reduce((sum, value) => sum + value, 0);
  const title = measure === "papers" ? "Papers per month" : "Upvotes per month";
  const counted = !wordMatchesOnly
    ? ""
    : measure === "papers"
      ? " holding the words"
      : " on the papers holding the words";
  const range =
    first && last
      ? ` from ${monthLabel(first.month)} to ${monthLabel(last.month)}${truncated ? " (the newest matches only)" : ""}`
      : "";
  return {
    title: `${title} for ${description}`,
    summary:
      total > 0
        ? `${plural(total, unit)}${counted}${range}; most in ${monthLabel(peak.month)} (${formatCount(peak[measure])}).`
        : `No ${unit}s${counted}${range}.`,
    width: WIDTH,
    height: HEIGHT,
    baseline,
    bars,
    ticks: first && last ? [monthLabel(first.month), monthLabel(last.month)] : [],
    scaleLabel: total > 0 ? `max ${formatCount(max)}` : `no ${unit}s`,
  };
}

/**
 * Fewer months say nothing the result count does not, and would push the results below a phone's
 * first screen: a trend needs a quarter at least.
 */
const MIN_MONTHS = 3;

/**
 * Null when nothing matched: no chart to draw. The counts are of the papers holding the query's words
 * (the store's searchMonthCounts); where a search also found papers by meaning (`wordMatchesOnly`), its
 * count holds them too, and the summaries say that the chart does not.
 */
export function presentTopicTrend(
  counts: MonthCounts,
  description: string,
  wordMatchesOnly = false,
): TopicTrendModel | null {
  const months = fillMonths(counts.months);
  if (months.length < MIN_MONTHS) return null;
  const scope = { truncated: counts.truncated, wordMatchesOnly };
  return {
    papers: chart(months, "papers", description, scope),
    upvotes: chart(months, "upvotes", description, scope),
    truncated: counts.truncated,
  };
}
