import type { CollectionService } from "../../community/collections.js";
import type { VoteService } from "../../community/votes.js";
import type { SearchService } from "../../search/search-service.js";
import type { PaperService } from "../services/paper-service.js";

export interface FeedDeps {
  papers: PaperService;
  search: SearchService;
  /** The instance's public address (PAPERPULSE_PUBLIC_URL); null: taken from each request's Host. */
  publicUrl: string | null;
  /** The community's services; without them the trending feed is empty and there are no collection feeds. */
  votes?: VoteService;
  collections?: CollectionService;
}

/** Items per feed: a reader polling daily sees every new paper of a busy category. */
export const FEED_ITEMS = 50;
