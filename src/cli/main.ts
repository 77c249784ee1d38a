#!/usr/bin/env node
import { Command } from "commander";
import { EXIT } from "./exit-codes.js";

/**
 * The `paperpulse` command line: one module per command under commands/, in help order. Only the
 * command named on the line is loaded (all of them for help or a misspelt name): loading every
 * command's dependencies cost each run about 0.3 s of CPU and 16 MB.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: async () => (await import("./commands/import.js")).importCommand(),
  export: async () => (await import("./commands/export.js")).exportCommand(),
  harvest: async () => (await import("./commands/harvest.js")).harvestCommand(),
  lookup: async () => (await import("./commands/lookup.js")).lookupCommand(),
  refresh: async () => (await import("./commands/refresh.js")).refreshCommand(),
  announcements: async () => (await import("./commands/announcements.js")).announcementsCommand(),
  ingest: async () => (await import("./commands/ingest.js")).ingestCommand(),
  user: async () => (await import("./commands/user.js")).userCommand(),
  backup: async () => (await import("./commands/backup.js")).backupCommand(),
  migrate: async () => (await import("./commands/migrate.js")).migrateCommand(),
  digest: async () => (await import("./commands/digest.js")).digestCommand(),
  config: async () => (await import("./commands/config.js")).configCommand(),
};

// A reader that stops early (`paperpulse config | head -1`) closes the pipe: the command carries on and
// ends as it would have (an import still commits), its remaining output unread, with no stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
  throw error;
});

const program = new Command("paperpulse")
  .description("PaperPulse: a self-hostable daily papers hub for arXiv")
  .showHelpAfterError();

try {
  const named = process.argv[2];
  const wanted = named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
  for (const name of wanted) program.addCommand(await COMMANDS[name]!());
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`paperpulse: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.failure;
}
