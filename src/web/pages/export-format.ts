import type { FastifyReply } from "fastify";
import { papersToBibtex } from "../../core/citation/bibtex.js";
import { paperToCsl } from "../../core/citation/csl-json.js";
import type { Paper } from "../../core/paper.js";

export type ExportFormat = "bib" | "csl.json";

const FORMATS: Record<ExportFormat, { type: string; render: (papers: Paper[]) => string }> = {
  bib: { type: "application/x-bibtex; charset=utf-8", render: papersToBibtex },
  "csl.json": {
    type: "application/vnd.citationstyles.csl+json; charset=utf-8",
    render: (papers) => `${JSON.stringify(papers.map(paperToCsl), null, 2)}\n`,
  },
};

/** "2509.09672.csl.json" → { name: "2509.09672", format: "csl.json" }, or null for another ending. */
export function splitExportFile(file: string): { name: string; format: ExportFormat } | null {
  const match = /^(.+)\.(bib|csl\.json)$/.exec(file);
  return match ? { name: match[1] as string, format: match[2] as ExportFormat } : null;
}

/** Sends citations inline (browsers show them) with a file name for saving. */
export function sendExport(reply: FastifyReply, papers: Paper[], format: ExportFormat, fileName: string) {
  const safeName = fileName.replace(/[^\w.-]+/g, "_");
  return reply
    .headers({
      "content-type": FORMATS[format].type,
      "content-disposition": `inline; filename="${safeName}.${format === "bib" ? "bib" : "json"}"`,
      "x-content-type-options": "nosniff",
    })
    .send(FORMATS[format].render(papers));
}
