import type { Config } from "../config.js";
import type { Stores } from "./community-stores.js";
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

/** Every store the server needs, digests and their job queue included, on the same configured database. */
export async function openConfiguredStores(
  config: Pick<Config, "databaseUrl" | "databasePath">,
): Promise<Stores> {
  return config.databaseUrl ? openPostgresStores(config.databaseUrl) : openSqliteStores(config.databasePath);
}
