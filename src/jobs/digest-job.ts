import type { Config } from "../config.js";
import { openDigestService } from "../digest/open-digest-service.js";
import { DELIVERY_RETENTION_DAYS } from "../digest/retention.js";
import type { Mailer } from "../mail/mailer.js";
import type { Embedder } from "../search/embedder.js";
import type { CommunityStores, DigestStores } from "../store/community-stores.js";
import type { PaperStore } from "../store/store.js";
import type { ScheduledJob, SchedulerLog } from "./scheduler.js";

/** How long a scheduled run waits for retries falling due; later ones are left to the next run. */
const RETRY_WAIT_MS = 5 * 60_000;

export interface DigestJobs {
  /** The claimed run: plan what is due, then send. */
  run: ScheduledJob;
  /** An occurrence another worker claimed: help send what it queues. */
  helpSend: ScheduledJob;
}

/**
 * Digests as the server's scheduled jobs: the same run as `paperpulse digest send`, every few minutes
 * (each subscriber's own hour and zone decide whether theirs is due), one summary line per run; the
 * workers that did not claim the occurrence send from the same queue meanwhile. The claimed run also
 * forgets the digest history past its retention (hourly at most), so no web request ever does.
 */
export async function digestJob(
  config: Parameters<typeof openDigestService>[0] & Pick<Config, "digestSchedule">,
  stores: { papers: PaperStore; community: CommunityStores | null; digest: DigestStores },
  mailer: Mailer,
  embedder: Embedder | null,
  log: SchedulerLog,
): Promise<DigestJobs> {
  const service = await openDigestService(config, stores, mailer, embedder);
  const run: ScheduledJob = async (signal) => {
    const { plan, delivery, forgotten } = await service.run({
      waitUntil: new Date(Date.now() + RETRY_WAIT_MS),
      signal,
    });
    if (forgotten && forgotten.deliveries + forgotten.runs > 0)
      log.info(
        `digests: forgot deliveries ${forgotten.deliveries}, runs ${forgotten.runs} (older than ${DELIVERY_RETENTION_DAYS} days)`,
      );
    if (forgotten?.error)
      log.warn(`digests: forgetting old history stopped (${forgotten.error}); the next run goes on`);
    if (plan.due === 0 && !delivery?.sent && !delivery?.failed) return;
    const line = `digests: due ${plan.due}, prepared ${plan.prepared}, skipped ${plan.skipped}, sent ${delivery?.sent ?? 0}, failed ${delivery?.failed ?? 0}, retrying ${delivery?.retrying ?? 0}`;
    if (delivery && delivery.failed + delivery.unknown > 0) log.warn(line);
    else log.info(line);
    for (const failure of delivery?.failures ?? []) log.warn(`digest not delivered: ${failure}`);
  };
  const helpSend: ScheduledJob = async (signal) => {
    const delivery = await service.drain({ waitUntil: new Date(Date.now() + RETRY_WAIT_MS), signal });
    if (delivery.sent + delivery.failed + delivery.unknown === 0) return;
    log.info(
      `digests: helped send ${delivery.sent}, failed ${delivery.failed}, retrying ${delivery.retrying}`,
    );
    for (const failure of delivery.failures) log.warn(`digest not delivered: ${failure}`);
  };
  return { run, helpSend };
}
