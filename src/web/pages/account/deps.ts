import type { AccountService } from "../../../community/accounts.js";
import type { DataExportService } from "../../../community/data-export.js";
import type { SubmissionService } from "../../../community/submissions.js";
import type { VoteService } from "../../../community/votes.js";
import type { CookiePolicy } from "../../auth/cookies.js";
import type { PaperService } from "../../services/paper-service.js";

export interface AccountPageDeps {
  accounts: AccountService;
  votes: VoteService;
  submissions: SubmissionService;
  papers: PaperService;
  cookies: CookiePolicy;
  dataExport: DataExportService;
}
