import { Command, InvalidArgumentError } from "commander";
import { type Config, loadConfig } from "../../config.js";
import { DIGEST_CONNECTIONS, type DigestService } from "../../digest/digest-service.js";
import { openDigestService } from "../../digest/open-digest-service.js";
import { configuredMailer } from "../../mail/mailer.js";
import { smtpSettings } from "../../mail/smtp-settings.js";
import { loadConfiguredEmbedder } from "../../search/embedding/bundled.js";
import { openConfiguredStores } from "../../store/open-store.js";
import { EXIT } from "../exit-codes.js";
import { wholeNumberOption } from "../whole-number-option.js";

/** How long `digest send` waits for retries falling due (later ones are left to the next run). */
const RETRY_WAIT_MS = 5 * 60_000;

function instant(raw: string): Date {
  const value = new Date(raw);
  if (Number.isNaN(value.getTime()))
    throw new InvalidArgumentError("expected an ISO time, e.g. 2026-03-09T08:00:00Z");
  return value;
}

async function withDigestService<T>(
  body: (service: DigestService, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const stores = await openConfiguredStores(config);
  const log = {
    info: (_object: Record<string, unknown>, message: string) => process.stderr.write(`${message}\n`),
  };
  const mailer = configuredMailer(smtpSettings(config), log, { connections: DIGEST_CONNECTIONS });
  try {
    const service = await openDigestService(config, stores, mailer, loadConfiguredEmbedder(config));
    return await body(service, config);
  } finally {
    await mailer.close();
    await stores.papers.close();
  }
}

/** `paperpulse digest preview EMAIL` and `paperpulse digest send [--dry-run] [--limit N]`. */
export function digestCommand(): Command {
  const digest = new Command("digest").description("Email digests: preview one, send the due ones");
  digest
    .command("preview")
    .description("Print the digest a subscriber would receive for the current period (plain text, or --html)")
    .argument("<email>", "the subscriber's address")
    .option("--html", "print the HTML part instead of the text")
    .action(async (email: string, options: { html?: boolean }) => {
      await withDigestService(async (service) => {
        const preview = await service.preview(email);
        if (!preview) {
          process.stderr.write(`paperpulse: no subscriber with the address ${email}\n`);
          process.exitCode = EXIT.failure;
          return;
        }
        const { message } = preview;
        if (preview.papers === 0)
          process.stderr.write("(nothing to send for this period: the digest would be skipped)\n");
        process.stdout.write(
          options.html
            ? `${message.html}\n`
            : `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`,
        );
        process.exitCode = EXIT.ok;
      });
    });
  digest
    .command("send")
    .description(
      "Prepare and send every digest that is due now. Exit 0: all sent (or none due); 3: some failed or wait for a retry; 1: could not run",
    )
    .option("--dry-run", "list the digests that would be sent, and send nothing")
    .option("--limit <n>", "prepare at most this many digests in this run", wholeNumberOption(1))
    .option(
      "--now <time>",
      "treat this ISO time as the current time (catching up a missed run; at most a day ahead, and not back into forgotten history)",
      instant,
    )
    .action(async (options: { dryRun?: boolean; limit?: number; now?: Date }) => {
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());
      await withDigestService(async (service) => {
        const summary = await service.run({
          now: options.now,
          dryRun: options.dryRun,
          limit: options.limit,
          waitUntil: new Date(Date.now() + RETRY_WAIT_MS),
          signal: controller.signal,
        });
        const { plan, delivery } = summary;
        for (const preview of plan.previews) {
          process.stdout.write(
            `would send ${preview.papers} papers to ${preview.email}: ${preview.subject}\n`,
          );
        }
        const line = [`due ${plan.due}`, `prepared ${plan.prepared}`, `skipped ${plan.skipped}`];
        if (delivery) {
          line.push(`sent ${delivery.sent}`, `failed ${delivery.failed}`, `retrying ${delivery.retrying}`);
          if (delivery.unknown > 0) line.push(`interrupted earlier, not resent ${delivery.unknown}`);
        }
        process.stdout.write(`digests: ${line.join(", ")}\n`);
        for (const failure of delivery?.failures ?? [])
          process.stderr.write(`paperpulse digest: ${failure}\n`);
        if (summary.forgotten?.error)
          process.stderr.write(
            `paperpulse: forgetting old digest history stopped (${summary.forgotten.error}); the next run goes on\n`,
          );
        const undelivered = delivery ? delivery.failed + delivery.retrying + delivery.unknown : 0;
        process.exitCode = undelivered > 0 ? EXIT.digestsNotDelivered : EXIT.ok;
      });
    });
  return digest;
}
