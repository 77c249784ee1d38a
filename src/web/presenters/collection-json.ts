import type { Collection } from "../../store/collections-store.js";

export function presentCollectionJson(collection: Collection) {
  return {
    id: collection.id,
    name: collection.name,
    public: collection.public,
    papers: collection.papers,
    links: { page: `/collections/${collection.id}` },
  };
}
