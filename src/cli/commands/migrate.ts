import fs from "node:fs";
import { Command } from "commander";
import { copyInstance } from "../../store/instance-copy/copy-instance.js";
import { EXIT } from "../exit-codes.js";
import { formatCount, formatSeconds } from "../format-numbers.js";

interface MigrateOptions {
  from: string;
  to: string;
}

const SQLITE_PREFIX = "sqlite:";

function sqlitePathOf(from: string): string {
  if (!from.startsWith(SQLITE_PREFIX))
    throw new Error(`--from must be sqlite:PATH (the embedded database file), not "${from}"`);
  const file = from.slice(SQLITE_PREFIX.length);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new Error(`there is no database file ${file}`);
  return file;
}

function postgresUrlOf(to: string): string {
  if (!/^postgres(ql)?:\/\//.test(to))
    throw new Error("--to must be a PostgreSQL URL, postgres://user:password@host/db");
  return to;
}

/** `paperpulse migrate --from sqlite:PATH --to postgres://…` — moves a whole instance to PostgreSQL. */
export function migrateCommand(): Command {
  return new Command("migrate")
    .description(
      "Copy a whole embedded instance (papers, listings, vectors, positions, the community) into PostgreSQL; " +
        "running it again resumes, then counts and checksums of every table are compared",
    )
    .requiredOption("--from <sqlite:PATH>", "the embedded database, e.g. sqlite:./data/paperpulse.db")
    .requiredOption(
      "--to <url>",
      "the PostgreSQL database, e.g. postgres://user:password@host:5432/paperpulse",
    )
    .action(async (options: MigrateOptions) => {
      const file = sqlitePathOf(options.from);
      const url = postgresUrlOf(options.to);
      const started = performance.now();
      const reports = await copyInstance(file, url, {
        onBatch: (table, copied) => process.stderr.write(`${table}: ${formatCount(copied)} rows copied\n`),
      });
      for (const report of reports) {
        const outcome = report.matches
          ? "verified"
          : `MISMATCH (${formatCount(report.targetRows)} rows in PostgreSQL, checksum ${report.targetChecksum})`;
        process.stdout.write(
          `${report.table}: ${formatCount(report.sourceRows)} rows, ${formatCount(report.copied)} copied now, checksum ${report.sourceChecksum}, ${outcome}\n`,
        );
      }
      const mismatches = reports.filter((report) => !report.matches).length;
      process.stdout.write(
        mismatches === 0
          ? `migrated and verified in ${formatSeconds(performance.now() - started)}\n`
          : `${mismatches} tables differ: rows changed in PostgreSQL, or the instance changed during the copy\n`,
      );
      process.exitCode = mismatches === 0 ? EXIT.ok : EXIT.failure;
    });
}
