import type { CollectionView } from "../../community/collections.js";
import type { Paper } from "../../core/paper.js";
import type { Collection } from "../../store/collections-store.js";
import { plural } from "./format.js";
import { type PaperCardModel, presentPaperCard } from "./paper-card.js";

export interface CollectionSummaryModel {
  href: string;
  name: string;
  detail: string;
}

export interface CollectionItemModel {
  card: PaperCardModel;
  paperId: string;
  read: boolean;
  note: string;
  /** Hidden by moderators: only moderators and admins see such an entry, marked. */
  hidden: boolean;
}

export interface CollectionPageModel {
  id: string;
  name: string;
  isPublic: boolean;
  isOwner: boolean;
  publicUrlPath: string;
  /** Citation downloads of the whole collection. */
  exports: { bibtex: string; csl: string };
  items: CollectionItemModel[];
  /** Why papers are missing, for the owner and moderators ("1 paper hidden by moderators"); null otherwise. */
  hiddenByModerators: string | null;
}

function hiddenByModerators(count: number | null): string | null {
  return count ? `${plural(count, "paper")} hidden by moderators` : null;
}

export function presentCollectionSummary(collection: Collection): CollectionSummaryModel {
  const hidden = hiddenByModerators(collection.hiddenPapers);
  return {
    href: `/collections/${collection.id}`,
    name: collection.name,
    detail: [
      plural(collection.papers, "paper"),
      ...(hidden ? [hidden] : []),
      collection.public ? "public" : "private",
    ].join(" · "),
  };
}

export function presentCollectionPage(view: CollectionView, papers: Map<string, Paper>): CollectionPageModel {
  return {
    id: view.collection.id,
    name: view.collection.name,
    isPublic: view.collection.public,
    isOwner: view.isOwner,
    publicUrlPath: `/collections/${view.collection.id}`,
    exports: {
      bibtex: `/collections/${view.collection.id}/citations.bib`,
      csl: `/collections/${view.collection.id}/citations.csl.json`,
    },
    items: view.items.flatMap((item) => {
      const paper = papers.get(item.paperId);
      return paper
        ? [
            {
              card: presentPaperCard(paper),
              paperId: paper.id,
              read: item.readAt !== null,
              note: item.note,
              hidden: item.hidden,
            },
          ]
        : [];
    }),
    hiddenByModerators: hiddenByModerators(view.hiddenByModerators),
  };
}
