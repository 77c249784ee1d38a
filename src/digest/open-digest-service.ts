import type { Config } from "../config.js";
import type { Mailer } from "../mail/mailer.js";
import type { Embedder } from "../search/embedder.js";
import type { CommunityStores, DigestStores } from "../store/community-stores.js";
import type { PaperStore } from "../store/store.js";
import { DigestService } from "./digest-service.js";

type DigestConfig = Pick<
  Config,
  | "publicUrl"
  | "host"
  | "port"
  | "mailFrom"
  | "digestRatePerMinute"
  | "digestRetryLimit"
  | "digestRetryDelaySeconds"
  | "digestBounceLimit"
  | "digestLeaseSeconds"
>;

/** The digest service as the configuration describes it (the server and the CLI share this). */
export function openDigestService(
  config: DigestConfig,
  stores: { papers: PaperStore; community: CommunityStores | null; digest: DigestStores },
  mailer: Mailer,
  embedder: Embedder | null,
): Promise<DigestService> {
  return DigestService.open({
    stores: stores.digest,
    papers: stores.papers,
    community: stores.community,
    embedder,
    mailer,
    publicUrl: config.publicUrl || `http://${config.host}:${config.port}`,
    mailFrom: config.mailFrom,
    ratePerMinute: config.digestRatePerMinute,
    retryLimit: config.digestRetryLimit,
    retryDelaySeconds: config.digestRetryDelaySeconds,
    bounceLimit: config.digestBounceLimit,
    leaseSeconds: config.digestLeaseSeconds,
  });
}
