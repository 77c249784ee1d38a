import type { Paper } from "../../../core/paper.js";
import type { PaperService } from "../../services/paper-service.js";

/** The stored papers among these ids, by id. */
export async function loadPapers(papers: PaperService, ids: string[]): Promise<Map<string, Paper>> {
  const found = await Promise.all(ids.map((id) => papers.getPaper(id)));
  return new Map(found.filter((paper): paper is Paper => paper !== null).map((paper) => [paper.id, paper]));
}
