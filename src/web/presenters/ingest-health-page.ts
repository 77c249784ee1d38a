import { dayPeriod } from "../../core/calendar.js";
import { categoryMatrix, type DayWindow, gapDays, windowLength } from "../../core/ingest-health.js";
import type { IngestHealthReport } from "../services/ingest-health-service.js";
import { formatCount, formatLongDate, formatShortDate, periodPath, plural } from "./format.js";
import { type BarChartModel, presentDayChart } from "./ingest-health-chart.js";
import { presentRunRow, type RunRowModel } from "./ingest-health-runs.js";
import type { LinkModel } from "./period-page.js";

export interface DayLinkModel {
  day: string;
  label: string;
  href: string;
}

export interface IngestHealthPageModel {
  windowText: string;
  latestDay: DayLinkModel | null;
  stats: { label: string; value: string; alert: boolean }[];
  windowLinks: LinkModel[];
  runs: RunRowModel[];
  gaps: DayLinkModel[];
  chart: BarChartModel | null;
  categories: {
    headers: string[];
    rows: { day: DayLinkModel; cells: string[]; total: string }[];
  };
  emptyMessage: string | null;
}

/** Enough columns to see which feed went quiet, few enough to fit a laptop screen. */
const TOP_CATEGORIES = 6;
const WINDOW_CHOICES = [30, 60, 90, 365];

function dayLink(day: string, format: (day: string) => string = formatLongDate): DayLinkModel {
  return { day, label: format(day), href: periodPath(dayPeriod(day)) };
}

function windowLinks(window: DayWindow, latestDay: string | null): LinkModel[] {
  const current = windowLength(window);
  const endsAtLatest = latestDay === null || window.until === latestDay;
  return WINDOW_CHOICES.map((days) => ({
    label: `${days} days`,
    href: `/admin/ingest?days=${days}`,
    current: endsAtLatest && days === current,
  }));
}

export function presentIngestHealthPage(report: IngestHealthReport): IngestHealthPageModel {
  const { window, latestDay, days } = report;
  const gaps = gapDays(days);
  const papers = days.reduce((sum, day) => sum + day.papers, 0);
  const daysWithPapers = days.filter((day) => day.papers > 0).length;
  const matrix = categoryMatrix(report.categories, TOP_CATEGORIES);
  return {
    windowText: `${formatShortDate(window.from)} – ${formatShortDate(window.until)} (${plural(days.length, "day")})`,
    latestDay: latestDay ? dayLink(latestDay) : null,
    stats: [
      {
        label: "Latest day with papers",
        value: latestDay ? formatShortDate(latestDay) : "none yet",
        alert: false,
      },
      { label: "Papers in window", value: formatCount(papers), alert: false },
      { label: "Announcement days seen", value: formatCount(daysWithPapers), alert: false },
      { label: "Gaps (weekdays without papers)", value: formatCount(gaps.length), alert: gaps.length > 0 },
    ],
    windowLinks: windowLinks(window, latestDay),
    runs: report.runs.map(presentRunRow),
    gaps: gaps.map((day) => dayLink(day)),
    chart: latestDay ? presentDayChart(days) : null,
    categories: {
      headers: matrix.categories,
      rows: matrix.rows
        .map((row) => ({
          day: dayLink(row.day, formatShortDate),
          cells: row.counts.map(formatCount),
          total: formatCount(row.total),
        }))
        .reverse(),
    },
    emptyMessage: latestDay
      ? null
      : "No papers are stored yet: import a snapshot or run a harvest, then come back here.",
  };
}
