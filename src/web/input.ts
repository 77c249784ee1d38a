import { type ArxivId, parseArxivId } from "../core/arxiv-id.js";
import { type Period, type PeriodKind, parsePeriod } from "../core/calendar.js";
import { BadRequestError } from "./errors.js";

/** Edge parsing shared by the pages and the API: raw strings in, typed values or a BadRequestError out. */

const PERIOD_EXAMPLES: Record<PeriodKind, string> = {
  day: "a day like 2025-09-11",
  week: "an ISO week like 2025-W37",
  month: "a month like 2025-09",
};

export function parsePeriodLabel(kind: PeriodKind, label: string): Period {
  const period = parsePeriod(kind, label);
  if (!period) {
    throw new BadRequestError(`“${clip(label)}” is not a valid ${kind}: expected ${PERIOD_EXAMPLES[kind]}.`);
  }
  return period;
}

export function parsePaperId(raw: string): ArxivId {
  const parsed = parseArxivId(raw);
  if (!parsed) {
    throw new BadRequestError(
      `“${clip(raw)}” is not an arXiv identifier: expected one like 2509.09672 or hep-th/9901001.`,
    );
  }
  return parsed;
}

/** Keeps echoed input short so a huge parameter cannot bloat an error page. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
