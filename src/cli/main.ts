#!/usr/bin/env node
import { Command } from "commander";
import { announcementsCommand } from "./commands/announcements.js";
import { backupCommand } from "./commands/backup.js";
import { configCommand } from "./commands/config.js";
import { digestCommand } from "./commands/digest.js";
import { exportCommand } from "./commands/export.js";
import { harvestCommand } from "./commands/harvest.js";
import { importCommand } from "./commands/import.js";
import { ingestCommand } from "./commands/ingest.js";
import { lookupCommand } from "./commands/lookup.js";
import { migrateCommand } from "./commands/migrate.js";
import { refreshCommand } from "./commands/refresh.js";
import { userCommand } from "./commands/user.js";
import { EXIT } from "./exit-codes.js";

/** The `paperpulse` command line: one module per command under commands/. */
const program = new Command("paperpulse")
  .description("PaperPulse: a self-hostable daily papers hub for arXiv")
  .showHelpAfterError()
  .addCommand(importCommand())
  .addCommand(exportCommand())
  .addCommand(harvestCommand())
  .addCommand(lookupCommand())
  .addCommand(refreshCommand())
  .addCommand(announcementsCommand())
  .addCommand(ingestCommand())
  .addCommand(userCommand())
  .addCommand(backupCommand())
  .addCommand(migrateCommand())
  .addCommand(digestCommand())
  .addCommand(configCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`paperpulse: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.failure;
}
