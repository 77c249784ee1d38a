import type { PaperInput } from "../core/paper.js";
import { detectFormat } from "./formats/index.js";
import { normalisePaper } from "./normalise.js";
import { isJsonRecord, LineRejected } from "./record-fields.js";

export interface ParsedPaperLine {
  paper: PaperInput;
  /** The name of the detected record format. */
  format: string;
}

const JSON_LINES = "import reads JSON Lines: one paper object per line";

/** One JSON line of any supported format → a normalised paper; throws LineRejected with the reason. */
export function parsePaperLine(text: string): ParsedPaperLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const opening = text.trim();
    if (opening === "[" || opening === "{")
      throw new LineRejected(
        `not valid JSON: a line of just "${opening}" starts a pretty-printed file (${JSON_LINES})`,
      );
    throw new LineRejected(`not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(value)) throw new LineRejected(`not a JSON object but an array (${JSON_LINES})`);
  if (!isJsonRecord(value)) throw new LineRejected("not a JSON object");
  const format = detectFormat(value);
  return { paper: normalisePaper(format.toDraft(value)), format: format.name };
}
