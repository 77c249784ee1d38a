import cliProgress from "cli-progress";
import type { ImportProgress } from "../ingest/import-papers.js";
import { formatCount } from "./format-numbers.js";

/** Shows import progress: a live bar with papers/s on a terminal, a plain line every few seconds otherwise. */
export interface ProgressDisplay {
  update(progress: ImportProgress): void;
  /** A message that must not be overwritten by the bar (e.g. "resuming …"). */
  note(message: string): void;
  stop(): void;
}

const LOG_INTERVAL_MS = 5_000;

function rate(lines: number, started: number): number {
  return lines / Math.max((performance.now() - started) / 1000, 0.001);
}

function terminalDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  const started = performance.now();
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {percentage}% | {papers} papers | {rate} papers/s | ETA {eta_formatted} | {file}",
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    update(progress) {
      const payload = {
        papers: formatCount(progress.linesRead),
        rate: formatCount(rate(progress.linesRead, started)),
        file: progress.file,
      };
      if (!running) {
        bar.start(Math.max(progress.totalBytes, 1), 0, payload);
        running = true;
      }
      bar.update(progress.bytesRead, payload);
    },
    note(message) {
      if (running) stream.write("\n");
      stream.write(`${message}\n`);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

function logDisplay(stream: NodeJS.WritableStream): ProgressDisplay {
  const started = performance.now();
  let lastLog = started;
  return {
    update(progress) {
      const now = performance.now();
      if (now - lastLog < LOG_INTERVAL_MS) return;
      lastLog = now;
      const percent = ((100 * progress.bytesRead) / Math.max(progress.totalBytes, 1)).toFixed(0);
      stream.write(
        `import: ${percent}% ${formatCount(progress.linesRead)} papers (${formatCount(rate(progress.linesRead, started))}/s) ${progress.file}\n`,
      );
    },
    note(message) {
      stream.write(`${message}\n`);
    },
    stop() {},
  };
}

export function progressDisplay(stream: NodeJS.WriteStream, quiet: boolean): ProgressDisplay {
  if (quiet) return { update() {}, note() {}, stop() {} };
  return stream.isTTY ? terminalDisplay(stream) : logDisplay(stream);
}
