import type { Period, PeriodKind } from "../../core/calendar.js";
import type { PaperPage, PaperSort } from "../../store/store.js";
import type { PeriodNeighbours } from "../services/paper-service.js";
import { periodOf } from "../services/paper-service.js";
import { formatPeriod, formatPeriodShort, periodPath, plural, titleWithPage } from "./format.js";
import { type PaginationModel, presentPagination, withQuery } from "./pagination.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";

export interface LinkModel {
  label: string;
  href: string;
  current: boolean;
}

export interface PeriodPageModel {
  kind: PeriodKind;
  documentTitle: string;
  heading: string;
  periodText: string;
  dateTime: string;
  canonicalPath: string;
  switcher: LinkModel[];
  previous: { label: string; href: string } | null;
  next: { label: string; href: string } | null;
  sortLinks: LinkModel[];
  totalText: string;
  cards: PaperCardModel[];
  pagination: PaginationModel | null;
  emptyMessage: string | null;
}

export interface PeriodPageInput {
  period: Period;
  /** Where this listing lives: "/" for the home page, else the period's own path. */
  path: string;
  sort: PaperSort;
  page: number;
  perPage: number;
  result: PaperPage;
  neighbours: PeriodNeighbours;
  /** The day the day/week/month switch should anchor on (a day with papers when there is one). */
  anchorDay: string;
}

const HEADINGS: Record<PeriodKind, string> = {
  day: "Daily Papers",
  week: "Papers of the Week",
  month: "Papers of the Month",
};

const EMPTY_MESSAGES: Record<PeriodKind, string> = {
  day: "No papers were announced on this day.",
  week: "No papers were announced in this week.",
  month: "No papers were announced in this month.",
};

const SORTS: { sort: PaperSort; label: string }[] = [
  { sort: "upvotes", label: "Most upvoted" },
  { sort: "date", label: "Newest" },
];

function navLink(period: Period | null, direction: "previous" | "next") {
  if (!period) return null;
  const label = formatPeriodShort(period);
  return { label: direction === "previous" ? `← ${label}` : `${label} →`, href: periodPath(period) };
}

function emptyMessage(kind: PeriodKind, result: PaperPage): string | null {
  if (result.total === 0) return EMPTY_MESSAGES[kind];
  return result.papers.length === 0 ? "No papers on this page: it is past the last one." : null;
}

export function presentPeriodPage(input: PeriodPageInput): PeriodPageModel {
  const { period, path, sort, page, perPage, result, neighbours, anchorDay } = input;
  const hrefFor = (targetPage: number, targetSort = sort) =>
    withQuery(path, {
      sort: targetSort === "upvotes" ? null : targetSort,
      page: targetPage > 1 ? targetPage : null,
    });
  const periodText = formatPeriod(period);
  return {
    kind: period.kind,
    documentTitle: titleWithPage(`${HEADINGS[period.kind]} — ${periodText}`, page),
    heading: HEADINGS[period.kind],
    periodText,
    dateTime: period.kind === "day" ? period.from : period.label,
    canonicalPath: periodPath(period),
    switcher: (["day", "week", "month"] as const).map((kind) => ({
      label: kind[0]!.toUpperCase() + kind.slice(1),
      href: kind === period.kind ? periodPath(period) : periodPath(periodOf(kind, anchorDay)),
      current: kind === period.kind,
    })),
    previous: navLink(neighbours.previous, "previous"),
    next: navLink(neighbours.next, "next"),
    sortLinks: SORTS.map((option) => ({
      label: option.label,
      href: hrefFor(1, option.sort),
      current: option.sort === sort,
    })),
    totalText: plural(result.total, "paper"),
    cards: result.papers.map(presentPaperCard),
    pagination: presentPagination(page, perPage, result.total, (target) => hrefFor(target)),
    emptyMessage: emptyMessage(period.kind, result),
  };
}
