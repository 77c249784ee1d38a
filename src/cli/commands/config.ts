import { Command } from "commander";
import { describeConfig, loadConfig } from "../../config.js";
import { EXIT } from "../exit-codes.js";

export function configCommand(): Command {
  return new Command("config")
    .description(
      "Show the effective configuration (environment variables, values, meaning); secrets are masked",
    )
    .action(() => {
      const rows = describeConfig(loadConfig());
      const width = Math.max(...rows.map((row) => row.env.length));
      for (const row of rows)
        process.stdout.write(`${row.env.padEnd(width)}  ${row.value}\n${" ".repeat(width + 2)}${row.doc}\n`);
      process.exitCode = EXIT.ok;
    });
}
