import type { CollectionService } from "../../community/collections.js";
import { dayPeriod } from "../../core/calendar.js";
import type { InstanceExamples } from "../api-examples.js";
import type { PaperService } from "./paper-service.js";

const NEW_STYLE_ID = /^\d{4}\.\d{4,5}$/;

/** The example values the API documentation shows, taken from what this instance holds. */
export class ApiExamplesService {
  constructor(
    private readonly papers: PaperService,
    private readonly collections: CollectionService | null,
  ) {}

  async examples(): Promise<InstanceExamples> {
    const day = await this.papers.latestDay();
    const [newest, oldStyleId, collectionId] = await Promise.all([
      day ? this.papers.listPeriod(dayPeriod(day), "upvotes", { page: 1, perPage: 1 }) : null,
      this.papers.listedOldStyleId(),
      this.collections?.newestPublicId() ?? null,
    ]);
    const newestId = newest?.papers[0]?.id ?? null;
    return {
      paperId: newestId !== null && NEW_STYLE_ID.test(newestId) ? newestId : null,
      oldStyleId,
      day,
      collectionId,
    };
  }
}
