import type { DayHealth } from "../../core/ingest-health.js";
import { formatShortDate, plural } from "./format.js";

/** Geometry of the papers-per-day bar chart, computed here so the SVG view only draws. */

export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  kind: "papers" | "gap" | "votes";
  /** Shown on hover and read by assistive technology inside the image. */
  label: string;
}

export interface BarChartModel {
  title: string;
  /** One sentence for screen readers: the chart as words. */
  summary: string;
  width: number;
  height: number;
  baseline: number;
  bars: ChartBar[];
  /** The first and the last slot's labels, shown under the chart's ends. */
  ticks: string[];
  /** What the full height stands for ("max 12"), or that there is nothing to draw ("no papers"). */
  scaleLabel: string;
}

const WIDTH = 720;
const HEIGHT = 180;
/** Room for the bars' rounding at the top and the axis at the bottom: the labels lie outside. */
const TOP = 4;
const BOTTOM = 2;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;
const WEEKDAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "short" });

/** Two decimals are plenty for a 720-unit canvas and keep a 365-day chart's markup small. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function dayLabel(day: string): string {
  return `${WEEKDAY.format(new Date(`${day}T00:00:00Z`))} ${formatShortDate(day)}`;
}

/** Gap days get a full-height band so a missing weekday stands out among weekends (no band). */
export function presentDayChart(days: DayHealth[]): BarChartModel {
  const max = Math.max(1, ...days.map((day) => day.papers));
  const slot = WIDTH / Math.max(days.length, 1);
  const barWidth = Math.max(1, slot * 0.75);
  const baseline = TOP + PLOT_HEIGHT;
  const bars = days.flatMap((day, index): ChartBar[] => {
    const x = round(index * slot + (slot - barWidth) / 2);
    const width = round(barWidth);
    if (day.gap) {
      const label = `${dayLabel(day.day)}: no papers (gap)`;
      return [{ x, y: TOP, width, height: PLOT_HEIGHT, kind: "gap", label }];
    }
    if (day.papers === 0) return [];
    const height = round(Math.max(1, (day.papers / max) * PLOT_HEIGHT));
    const label = `${dayLabel(day.day)}: ${plural(day.papers, "paper")}`;
    return [{ x, y: round(baseline - height), width, height, kind: "papers", label }];
  });
  const first = days[0];
  const last = days.at(-1);
  const ticks = first && last ? [formatShortDate(first.day), formatShortDate(last.day)] : [];
  const gaps = days.filter((day) => day.gap).length;
  const busiest = days.reduce<DayHealth | null>(
    (best, day) => (best && best.papers >= day.papers ? best : day),
    null,
  );
  const range = first && last ? `from ${formatShortDate(first.day)} to ${formatShortDate(last.day)}` : "";
  const peak = busiest && busiest.papers > 0 ? `; most on ${dayLabel(busiest.day)} (${busiest.papers})` : "";
  return {
    title: "Papers per day",
    summary: `Papers per announcement day ${range}${peak}; ${plural(gaps, "weekday")} without papers.`,
    width: WIDTH,
    height: HEIGHT,
    baseline,
    bars,
    ticks,
    scaleLabel: days.some((day) => day.papers > 0) ? `max ${max}` : "no papers",
  };
}
