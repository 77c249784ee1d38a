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
  const pending = summary.searchIndexPending
    ? "\nsearch does not find the papers of this bulk import yet: run the same import again to resume it and build the search index"
    : "";
  return `${table(header, rows)}\n${speed}${pending}`;
}

export function formatListingsSummary(summaries: ListingsFileSummary[]): string {
  const rows = summaries.map((file) => [
    file.file,
    ...[file.read, file.added, file.papersMoved, file.rejected].map(formatCount),
  ]);
  return table(["listings file", "rows", "added", "papers moved", "rejected"], rows);
}
