import type { SubscriptionService } from "../../../digest/subscriptions.js";
import type { DigestRun } from "../../../store/digest-store.js";
import type { PaperService } from "../../services/paper-service.js";
import type { VisitorService } from "../../services/visitor-service.js";

export interface DigestPageDeps {
  subscriptions: SubscriptionService;
  recentRuns: (limit: number) => Promise<DigestRun[]>;
  visitors: VisitorService | undefined;
  /** For the title of the paper a "more / less like this" link names. */
  papers: PaperService;
  /** The configured public address, for the Origin check of the subscribe form; null: the request's own. */
  publicUrl: string | null;
}
