import { Command } from "commander";
import { exportPapers } from "../../ingest/export.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";
import { withStore } from "../open-store.js";

interface ExportCommandOptions {
  gzip?: boolean;
}

export function exportCommand(): Command {
  return new Command("export")
    .description(
      "Write every paper as PaperPulse JSON Lines (gzip when FILE ends in .gz); `import` reads it back",
    )
    .argument("<file>", "output file; replaced only once complete")
    .option("--gzip", "gzip the output whatever its name")
    .action(async (file: string, options: ExportCommandOptions) => {
      const started = performance.now();
      // Stopped by Ctrl-C or kill, the export removes its partial file rather than leave it behind.
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop).once("SIGTERM", stop);
      try {
        const count = await withStore((store) =>
          exportPapers(store, file, { gzip: options.gzip, signal: controller.signal }),
        );
        process.stdout.write(
          `exported ${formatCount(count)} papers to ${file} in ${formatSeconds(performance.now() - started)}\n`,
        );
        process.exitCode = EXIT.ok;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        process.stderr.write(`paperpulse export: interrupted; ${file} was not written\n`);
        process.exitCode = EXIT.interrupted;
      } finally {
        process.off("SIGINT", stop).off("SIGTERM", stop);
      }
    });
}
