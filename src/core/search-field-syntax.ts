import { canonicalCategory } from "./arxiv-categories.js";
import { authorNameWords, NO_FILTERS, type SearchFilters } from "./search-filters.js";

/**
 * The field part of the query language:
 *   author:hinton  author:"Yann LeCun"   papers with an author having these name words (all given must match)
 *   cat:cs.LG  cat:cs                    papers in a category, or any category of an archive (any given may match)
 *   year:2024  year:2020-2023            papers of those years
 *   after:2024-03  before:2025           papers on or after the start of a date / before its start
 * A field with a value it cannot read is searched as plain words, with a notice saying so.
 */
export interface FieldSyntaxResult {
  filters: SearchFilters;
  /** The input with every field token taken out (values that could not be read stay in as words). */
  rest: string;
  notices: string[];
}

const FIELD_TOKEN = /(?<=^|\s)(author|cat|year|after|before):(?:"([^"]*)"|(\S*))/gi;
/** A field with a minus: no filter leaves papers out yet, and its words must not be taken as excluded words. */
const NEGATED_FIELD_TOKEN = /(?<=^|\s)-((?:author|cat|year|after|before):(?:"[^"]*"|\S*))/gi;
const YEAR = /^(\d{4})$/;
const YEAR_RANGE = /^(\d{4})(?:-|\.\.)(\d{4})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

interface DayRange {
  from: string | null;
  to: string | null;
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** First and last day of a year, month or day written as YYYY, YYYY-MM or YYYY-MM-DD. */
function periodOf(value: string): { first: string; last: string } | null {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day] = match;
  if (day !== undefined) {
    const exact = `${year}-${month}-${day}`;
    return isRealDay(exact) ? { first: exact, last: exact } : null;
  }
  if (month !== undefined) {
    const monthNumber = Number(month);
    if (monthNumber < 1 || monthNumber > 12) return null;
    const lastDay = new Date(Date.UTC(Number(year), monthNumber, 0)).getUTCDate();
    return { first: `${year}-${month}-01`, last: `${year}-${month}-${String(lastDay).padStart(2, "0")}` };
  }
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function yearRange(value: string): DayRange | null {
  const single = YEAR.exec(value);
  if (single) return { from: `${single[1]}-01-01`, to: `${single[1]}-12-31` };
  const range = YEAR_RANGE.exec(value);
  if (!range || (range[1] as string) > (range[2] as string)) return null;
  return { from: `${range[1]}-01-01`, to: `${range[2]}-12-31` };
}

function dateBound(field: "after" | "before", value: string): DayRange | null {
  const period = periodOf(value);
  if (!period) return null;
  return field === "after" ? { from: period.first, to: null } : { from: null, to: dayBefore(period.first) };
}

/** The later of two lower bounds and the earlier of two upper bounds: several date fields narrow together. */
function narrow(filters: SearchFilters, range: DayRange): SearchFilters {
  const from =
    range.from === null || (filters.from !== null && filters.from > range.from) ? filters.from : range.from;
  const to = range.to === null || (filters.to !== null && filters.to < range.to) ? filters.to : range.to;
  return { ...filters, from, to };
}

const EXAMPLES: Record<string, string> = {
  author: 'author:hinton or author:"Yann LeCun"',
  cat: "cat:cs.LG or cat:cs",
  year: "year:2024 or year:2020-2023",
  after: "after:2024-03-01",
  before: "before:2025",
};

export function parseFieldSyntax(input: string): FieldSyntaxResult {
  let filters = NO_FILTERS;
  const notices: string[] = [];
  const kept = input.replace(NEGATED_FIELD_TOKEN, (_token, field: string) => {
    notices.push(`Filters cannot be negated: -${field} was ignored.`);
    return " ";
  });
  const rest = kept.replace(FIELD_TOKEN, (_token, rawField: string, quoted?: string, bare?: string) => {
    const field = rawField.toLowerCase();
    const value = (quoted ?? bare ?? "").trim();
    const unreadable = () => {
      notices.push(`Could not read ${field}:${value || "…"} (try ${EXAMPLES[field]}): searched it as words.`);
      return ` ${value} `;
    };
    if (field === "author") {
      const words = authorNameWords(value);
      if (words.length === 0) return unreadable();
      filters = { ...filters, authors: [...filters.authors, words] };
    } else if (field === "cat") {
      const category = canonicalCategory(value);
      if (category === null) return unreadable();
      if (!filters.categories.includes(category)) {
        filters = { ...filters, categories: [...filters.categories, category] };
      }
    } else {
      const range = field === "year" ? yearRange(value) : dateBound(field as "after" | "before", value);
      if (range === null) return unreadable();
      filters = narrow(filters, range);
    }
    return " ";
  });
  return { filters, rest, notices };
}

/** Form and API filters on top of those typed in the query: both apply. */
export function combineFilters(typed: SearchFilters, chosen: SearchFilters): SearchFilters {
  const categories = [...new Set([...typed.categories, ...chosen.categories])];
  return narrow({ ...typed, categories, authors: [...typed.authors, ...chosen.authors] }, chosen);
}
