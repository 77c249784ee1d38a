import type { Config } from "../config.js";
import { openPostgresStore } from "./postgres/postgres-store.js";
import { openSqliteStore } from "./sqlite/sqlite-store.js";
import type { PaperStore } from "./store.js";

/** The configured store: PostgreSQL when PAPERPULSE_DATABASE_URL is set, else the embedded SQLite file. */
export async function openConfiguredStore(
  config: Pick<Config, "databaseUrl" | "databasePath">,
): Promise<PaperStore> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(config.databasePath);
}
