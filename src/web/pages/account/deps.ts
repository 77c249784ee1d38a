import type { AccountService } from "../../../community/accounts.js";
import type { DataExportService } from "../../../community/data-export.js";
import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";
import type { DigestDataExport } from "../../../digest/subscriptions.js";
import type { CookiePolicy } from "../../auth/cookies.js";
import type { PaperService } from "../../services/paper-service.js";

export interface AccountPageDeps {
  accounts: AccountService;
  votes: VoteService;
  submissions: SubmissionService;
  papers: PaperService;
  cookies: CookiePolicy;
  dataExport: DataExportService;
  /** The person's email digest for their data export; absent where digests are off. */
  digestExport?: (userId: string, email: string) => Promise<DigestDataExport | null>;
}
