import { loadConfig } from "../config.js";
import { openConfiguredStore } from "../store/open-store.js";
import type { PaperStore } from "../store/store.js";

/** Runs a command body against the configured store and always closes it. */
export async function withStore<T>(body: (store: PaperStore) => Promise<T>): Promise<T> {
  const store = await openConfiguredStore(loadConfig());
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
