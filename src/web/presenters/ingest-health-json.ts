import { gapDays } from "../../core/ingest-health.js";
import type { IngestHealthReport } from "../services/ingest-health-service.js";
import { runCounts, runDurationMs } from "./ingest-health-runs.js";

/** GET /api/admin/ingest's body (its schema is in api/ingest-health.ts). */
export function presentIngestHealthJson(report: IngestHealthReport) {
  return {
    window: report.window,
    latestDay: report.latestDay,
    papers: report.days.reduce((sum, day) => sum + day.papers, 0),
    gaps: gapDays(report.days),
    days: report.days.map(({ day, papers }) => ({ day, papers })),
    categories: report.categories.map(({ day, category, papers }) => ({ day, category, papers })),
    runs: report.runs.map((run) => ({
      id: run.id,
      source: run.source,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: runDurationMs(run),
      status: run.status,
      counts: Object.fromEntries(runCounts(run.summary).map(({ name, value }) => [name, value])),
      summary: run.summary,
      error: run.error,
    })),
  };
}
