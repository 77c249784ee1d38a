import { type Config, loadConfig } from "../config.js";
import type { HttpGetter } from "../ingest/arxiv/http.js";
import { createArxivHttpClient } from "../ingest/arxiv/polite-http-client.js";
import { formatSeconds } from "./format-numbers.js";
import { interruptOnCtrlC } from "./interrupt.js";

/** What every command that talks to arXiv starts with: configuration, the polite client, Ctrl-C. */
export interface ArxivCommandContext {
  config: Config;
  client: HttpGetter;
  /** Progress on stderr, silent with --quiet. */
  log: (message: string) => void;
  /** Aborted by the first Ctrl-C; the command stops after its unit of work. */
  signal: AbortSignal;
  /** Stops listening for Ctrl-C; call when the command ends. */
  close: () => void;
}

/**
 * `unit` names what a Ctrl-C lets finish ("page", "category"). Warns when no contact address is
 * configured, since arXiv asks robots for one.
 */
export function startArxivCommand(unit: string, quiet: boolean): ArxivCommandContext {
  const config = loadConfig();
  const log = (message: string) => {
    if (!quiet) process.stderr.write(`${message}\n`);
  };
  if (config.contactEmail === "") {
    process.stderr.write(
      "warning: PAPERPULSE_CONTACT_EMAIL is not set; arXiv asks robots for a contact address\n",
    );
  }
  const client = createArxivHttpClient(config, {
    onRetry: (retry) => log(`retrying in ${formatSeconds(retry.delayMs)}: ${retry.reason}`),
  });
  const controller = new AbortController();
  const close = interruptOnCtrlC(controller, unit, log);
  return { config, client, log, signal: controller.signal, close };
}
