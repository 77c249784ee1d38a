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
      const count = await withStore((store) => exportPapers(store, file, options.gzip ? { gzip: true } : {}));
      process.stdout.write(
        `exported ${formatCount(count)} papers to ${file} in ${formatSeconds(performance.now() - started)}\n`,
      );
      process.exitCode = EXIT.ok;
    });
}
