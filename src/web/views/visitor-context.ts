import { createContext } from "preact";
import type { ViewerModel } from "../presenters/viewer.js";

/**
 * The signed-in visitor a page is rendered for: the header's account links and the cards' vote
 * buttons read it. Absent (null) on pages shared through the cache by every anonymous visitor.
 */
export interface Visitor {
  userId: string;
  viewer: ViewerModel;
  csrfToken: string;
  /** Ids of the papers on the page this visitor has upvoted. */
  voted: ReadonlySet<string>;
  /** The visitor's collections, for "save to collection" forms. */
  collections: { id: string; name: string }[];
}

export const VisitorContext = createContext<Visitor | null>(null);
