import type { ListingsFileSummary } from "../ingest/import-listings.js";
import type { ImportSummary } from "../ingest/import-papers.js";
import { formatCount, formatSeconds } from "./format-numbers.js";

/** Text tables for the end of `paperpulse import`. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [header, ...rows].map(line).join("\n");
}

export function formatPaperSummary(summary: ImportSummary): string {
  const row = (name: string, counts: ImportSummary["total"]) => [
    name,
    ...[counts.read, counts.inserted, counts.updated, counts.unchanged, counts.rejected].map(formatCount),
  ];
  const rows = summary.files.map((file) => row(file.file, file));
  if (summary.files.length > 1) rows.push(row("total", summary.total));
  const header = ["file", "read", "inserted", "updated", "unchanged", "rejected"];
  const speed = `${formatCount(summary.total.read)} lines in ${formatSeconds(summary.elapsedMs)} (${formatCount(summary.papersPerSecond)} papers/s)`;
  const earlier = earlierRejectsNote(summary.total.rejectedEarlier);
  const pending = summary.searchIndexPending
    ? "\nsearch does not find the papers of this bulk import yet: run the same import again to resume it and build the search index"
    : "";
  return `${table(header, rows)}\n${speed}${earlier}${pending}`;
}

/** The rejects of the interrupted run an import resumed: counted in its exit status, listed by that run. */
function earlierRejectsNote(rejectedEarlier: number): string {
  if (rejectedEarlier === 0) return "";
  const lines = `${formatCount(rejectedEarlier)} line${rejectedEarlier === 1 ? " was" : "s were"}`;
  return `\n${lines} rejected before the interruption this import resumed (listed by that run; --rejects adds to its file)`;
}

export function formatListingsSummary(summaries: ListingsFileSummary[]): string {
  const rows = summaries.map((file) => [
    file.file,
    ...[file.read, file.added, file.papersMoved, file.rejected].map(formatCount),
  ]);
  const earlier = earlierRejectsNote(summaries.reduce((sum, file) => sum + file.rejectedEarlier, 0));
  return `${table(["listings file", "rows", "added", "papers moved", "rejected"], rows)}${earlier}`;
}
