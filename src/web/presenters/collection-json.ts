import type { Collection } from "../../store/collections-store.js";

/** `hiddenByModerators` only where the viewer may know it (the owner, moderators and admins). */
export function presentCollectionJson(collection: Collection, hiddenByModerators: number | null) {
  return {
    id: collection.id,
    name: collection.name,
    public: collection.public,
    papers: collection.papers,
    ...(hiddenByModerators === null ? {} : { hiddenByModerators }),
    links: { page: `/collections/${collection.id}` },
  };
}
