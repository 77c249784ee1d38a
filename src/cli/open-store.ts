import { loadConfig } from "../config.js";
import { openSqliteStore } from "../store/sqlite/sqlite-store.js";
import type { PaperStore } from "../store/store.js";

/** Runs a command body against the configured store and always closes it. */
export async function withStore<T>(body: (store: PaperStore) => Promise<T>): Promise<T> {
  const store = openSqliteStore(loadConfig().databasePath);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}
