import type { Config } from "../config.js";
import type { ConfiguredStores } from "./community-stores.js";
import { openPostgresStores } from "./postgres/open-stores.js";
import { openPostgresStore } from "./postgres/postgres-store.js";
import { openSqliteStores } from "./sqlite/open-stores.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { PaperStore } from "./store.js";

/** The configured papers store: PostgreSQL when PAPERPULSE_DATABASE_URL is set, else the embedded SQLite file. */
export async function openConfiguredStore(
  config: Pick<Config, "databaseUrl" | "databasePath">,
): Promise<PaperStore> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.databasePath);
}

/**
 * Every store the server needs, on the same configured database. Digests (and their job queue) exist
 * on the embedded tier only so far: on PostgreSQL `digest` is null and the site offers no subscription.
 */
export async function openConfiguredStores(
  config: Pick<Config, "databaseUrl" | "databasePath">,
): Promise<ConfiguredStores> {
  return config.databaseUrl ? openPostgresStores(config.databaseUrl) : openSqliteStores(config.databasePath);
}
