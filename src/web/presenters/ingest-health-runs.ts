import type { IngestRun, IngestRunStatus } from "../../store/store.js";
import { formatCount } from "./format.js";

/** How one ingest run is shown: on the health page and, with raw values, in its JSON. */

export interface RunCount {
  name: string;
  value: number;
}

export interface RunRowModel {
  source: string;
  startedAt: string;
  startedText: string;
  durationText: string;
  status: IngestRunStatus;
  statusLabel: string;
  counts: { name: string; value: string }[];
  error: string | null;
}

/** The counts an operator looks for first; anything else follows alphabetically. */
const KEY_COUNTS = ["records", "listed", "inserted", "updated", "unchanged", "rejected", "skipped", "pages"];
/** A table cell stays readable; the JSON has them all. */
const COUNTS_SHOWN = 8;

const STATUS_LABELS: Record<IngestRunStatus, string> = {
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  interrupted: "Interrupted",
};

const STARTED = new Intl.DateTimeFormat("en-US", {
  timeZone: "UTC",
  month: "short",
  day: "numeric",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * The numbers in a run's summary, one level of nesting flattened ("total.inserted"): sources
 * report their own shapes, and the page should not break when one adds a field.
 */
export function runCounts(summary: Record<string, unknown>): RunCount[] {
  const counts: RunCount[] = [];
  for (const [key, value] of Object.entries(summary)) {
    if (typeof value === "number" && Number.isFinite(value)) counts.push({ name: key, value });
    else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [inner, innerValue] of Object.entries(value)) {
        if (typeof innerValue === "number" && Number.isFinite(innerValue)) {
          counts.push({ name: `${key}.${inner}`, value: innerValue });
        }
      }
    }
  }
  return counts.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
}

function rank(name: string): number {
  const index = KEY_COUNTS.indexOf(name.slice(name.lastIndexOf(".") + 1));
  return index === -1 ? KEY_COUNTS.length : index;
}

/** Milliseconds from start to finish; null while running or when a timestamp does not parse. */
export function runDurationMs(run: IngestRun): number | null {
  if (!run.finishedAt) return null;
  const duration = Date.parse(run.finishedAt) - Date.parse(run.startedAt);
  return Number.isFinite(duration) && duration >= 0 ? duration : null;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function startedText(startedAt: string): string {
  const date = new Date(startedAt);
  return Number.isNaN(date.getTime()) ? startedAt : `${STARTED.format(date)} UTC`;
}

export function presentRunRow(run: IngestRun): RunRowModel {
  const duration = runDurationMs(run);
  return {
    source: run.source,
    startedAt: run.startedAt,
    startedText: startedText(run.startedAt),
    durationText:
      duration === null ? (run.status === "running" ? "running…" : "—") : formatDuration(duration),
    status: run.status,
    statusLabel: STATUS_LABELS[run.status] ?? run.status,
    counts: runCounts(run.summary)
      .slice(0, COUNTS_SHOWN)
      .map(({ name, value }) => ({ name, value: formatCount(value) })),
    error: run.error,
  };
}
