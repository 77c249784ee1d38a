import cliProgress from "cli-progress";
import { Command } from "commander";
import { loadConfig } from "../../config.js";
import { type BackupProgress, backupSqliteDatabase } from "../../store/sqlite/online-backup.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";

export function backupCommand(): Command {
  return new Command("backup")
    .description(
      "Copy the embedded database to FILE while the server runs (SQLite online backup, integrity-checked); on PostgreSQL use pg_dump",
    )
    .argument("<file>", "destination; written beside it as FILE.partial and renamed once verified")
    .action(async (file: string) => {
      const config = loadConfig();
      if (config.databaseUrl) {
        process.stderr.write(
          "paperpulse backup copies the embedded SQLite database; this instance runs on PostgreSQL: use pg_dump (docs/DEPLOY.md)\n",
        );
        process.exitCode = EXIT.failure;
        return;
      }
      const started = performance.now();
      const progress = backupProgressDisplay(process.stderr);
      let result: Awaited<ReturnType<typeof backupSqliteDatabase>>;
      try {
        result = await backupSqliteDatabase(config.databasePath, file, progress.update);
      } finally {
        progress.stop();
      }
      process.stdout.write(
        `backed up ${formatCount(result.papers)} papers (${formatCount(Math.round(result.bytes / 1_048_576))} MiB) to ${file} in ${formatSeconds(performance.now() - started)}\n`,
      );
      process.exitCode = EXIT.ok;
    });
}

/** A bar of pages copied on a terminal; nothing otherwise (the summary line says what was done). */
function backupProgressDisplay(stream: NodeJS.WriteStream): {
  update(progress: BackupProgress): void;
  stop(): void;
} {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { stream, format: "backup {bar} {percentage}% | {value}/{total} pages", hideCursor: true, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    update({ totalPages, remainingPages }) {
      if (!running) bar.start(totalPages, 0);
      running = true;
      bar.setTotal(totalPages);
      bar.update(totalPages - remainingPages);
    },
    stop() {
      // SQLite does not report the last step.
      if (running) bar.update(bar.getTotal());
      if (running) bar.stop();
      running = false;
    },
  };
}
