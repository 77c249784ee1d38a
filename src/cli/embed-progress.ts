import cliProgress from "cli-progress";
import type { EmbedProgress } from "../search/embed-papers.js";
import { formatCount } from "./format-numbers.js";

/** Shows the embedding phase: a bar on a terminal, a plain line every few seconds otherwise. */
export interface EmbedProgressDisplay {
  update(progress: EmbedProgress): void;
  stop(): void;
}

const LOG_INTERVAL_MS = 5_000;

export function embedProgressDisplay(stream: NodeJS.WriteStream, quiet: boolean): EmbedProgressDisplay {
  if (quiet) return { update() {}, stop() {} };
  const started = performance.now();
  const rate = (done: number) => formatCount(done / Math.max((performance.now() - started) / 1000, 0.001));
  if (!stream.isTTY) {
    let lastLog = started;
    return {
      update({ embedded, total }) {
        if (performance.now() - lastLog < LOG_INTERVAL_MS) return;
        lastLog = performance.now();
        stream.write(
          `embed: ${formatCount(embedded)} of ${formatCount(total)} papers (${rate(embedded)}/s)\n`,
        );
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        "embedding {bar} {percentage}% | {value}/{total} papers | {rate} papers/s | ETA {eta_formatted}",
      hideCursor: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    update({ embedded, total }) {
      if (!running) bar.start(total, 0, { rate: "0" });
      running = true;
      bar.update(embedded, { rate: rate(embedded) });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
