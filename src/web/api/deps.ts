import type { PaperService } from "../services/paper-service.js";

export interface ApiDeps {
  papers: PaperService;
}
