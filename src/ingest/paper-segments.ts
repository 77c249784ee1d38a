import type { PaperInput } from "../core/paper.js";
import type { ImportPosition } from "../store/store.js";
import type { InputFile } from "./input-file.js";
import { type LineSegment, parseLineSegments } from "./line-segments.js";
import { parsePaperLine } from "./parse-paper-line.js";

/** Lines accepted per detected record format. */
export type FormatCounts = Record<string, number>;

export interface PaperSegment extends LineSegment<PaperInput> {
  /** Formats of this segment's accepted lines. */
  formats: FormatCounts;
}

export interface FileToParse {
  file: InputFile;
  /** Where the file resumes; null: from the top. */
  resumeAt: ImportPosition | null;
}

/** What to parse, the same on this thread and in the parse worker. */
export interface ParsePlan {
  files: FileToParse[];
  batchSize: number;
  maxLineBytes: number;
}

export function addFormatCounts(into: FormatCounts, from: FormatCounts): void {
  for (const [format, count] of Object.entries(from)) into[format] = (into[format] ?? 0) + count;
}

/** The one paper parser: each line of any supported format → a normalised paper, tallied by format. */
export async function* parsePaperSegments(plan: ParsePlan, fileIndex: number): AsyncGenerator<PaperSegment> {
  const { file, resumeAt } = plan.files[fileIndex]!;
  let formats: FormatCounts = {};
  const parseLine = (text: string) => {
    const { paper, format } = parsePaperLine(text);
    formats[format] = (formats[format] ?? 0) + 1;
    return paper;
  };
  const options = {
    batchSize: plan.batchSize,
    maxLineBytes: plan.maxLineBytes,
    skipThrough: resumeAt?.line ?? 0,
  };
  for await (const segment of parseLineSegments(file, parseLine, options)) {
    // The generator is suspended at each yield, so the tally holds exactly this segment's lines.
    yield { ...segment, formats };
    formats = {};
  }
}
