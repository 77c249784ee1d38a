import type { Config } from "../config.js";
import type { CommunityStores, DigestStores } from "./community-stores.js";
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
 * Every store the server needs. The community stores (accounts, votes, submissions, comments) exist
 * on the embedded tier only so far: on PostgreSQL they are null and the site runs read-only and
 * anonymous, which the server's log says at start. Digests (and their job queue) likewise.
 */
export async function openConfiguredStores(
  config: Pick<Config, "databaseUrl" | "databasePath">,
): Promise<{ papers: PaperStore; community: CommunityStores | null; digest: DigestStores | null }> {
  if (config.databaseUrl)
    return { papers: await openPostgresStore(config.databaseUrl), community: null, digest: null };
  return openSqliteStores(config.databasePath);
}
