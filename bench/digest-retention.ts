/**
 * Forgetting a long digest history (`npx tsx bench/digest-retention.ts [OLD_ROWS [BATCH]]`): builds a backlog of
 * finished deliveries prepared 31–60 days ago beside a month of recent ones, then forgets the old ones
 * a batch at a time as a digest run does, and prints each batch's time (on SQLite, how long the write
 * lock is held), the total, and the process's CPU time. With PAPERPULSE_BENCH_DATABASE_URL set it does
 * the same on PostgreSQL, in a schema of its own that it drops afterwards. Not part of `npm run bench`:
 * no target, a measurement for ADR 0009.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { FORGET_BATCH } from "../src/digest/retention.js";
import { DEFAULT_SETTINGS } from "../src/digest/settings.js";
import type { Stores } from "../src/store/community-stores.js";
import type { DigestStore, PreparedDigest } from "../src/store/digest-store.js";
import { openPostgresStores } from "../src/store/postgres/open-stores.js";
import { openSqliteStores } from "../src/store/sqlite/open-stores.js";
import { OUTPUT_DIR } from "./paths.js";

const DAY_MS = 86_400_000;
const SUBSCRIBERS = 1_000;
/** Writers at once while building the backlog (PostgreSQL: round trips overlap). */
const WRITERS = 8;

/** A personal digest of 10 papers with their reasons: about 600 bytes of JSON, as the planner stores. */
function digestOf(index: number): PreparedDigest {
  return {
    to: `reader${index}@example.org`,
    kind: "personal",
    frequency: "daily",
    coverage: "2025-09-10",
    picks: Array.from({ length: 10 }, (_, k) => ({
      paperId: `2509.${String((index * 10 + k) % 100_000).padStart(5, "0")}`,
      reasons: ["matches: diffusion", "in cs.CV"],
    })),
  };
}

async function fill(digests: DigestStore, days: number, firstDayAgo: number, now: number): Promise<number> {
  let written = 0;
  const rows: { subscriber: number; day: number }[] = [];
  for (let day = 0; day < days; day++)
    for (let subscriber = 0; subscriber < SUBSCRIBERS; subscriber++) rows.push({ subscriber, day });
  const writer = async () => {
    for (let row = rows.pop(); row; row = rows.pop()) {
      const subscriberId = `bench-${row.subscriber}`;
      const preparedAt = new Date(now - (firstDayAgo + row.day) * DAY_MS).toISOString();
      const periodKey = `daily:${preparedAt.slice(0, 10)}`;
      await digests.prepareDelivery({
        subscriberId,
        periodKey,
        runId: `run-${preparedAt.slice(0, 10)}`,
        digest: digestOf(row.subscriber),
        papers: 10,
        preparedAt,
        coveredThrough: preparedAt.slice(0, 10),
      });
      await digests.startSending(subscriberId, periodKey);
      await digests.markSent(subscriberId, periodKey, preparedAt);
      written++;
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return written;
}

async function measure(label: string, stores: Stores, oldDays: number, batch: number): Promise<void> {
  const { digests } = stores.digest;
  const now = Date.now();
  for (let index = 0; index < SUBSCRIBERS; index++) {
    await digests.ensureSubscriber({
      id: `bench-${index}`,
      email: `reader${index}@example.org`,
      userId: null,
      createdAt: "2025-01-01T00:00:00.000Z",
      ...DEFAULT_SETTINGS,
    });
  }
  const building = performance.now();
  const old = await fill(digests, oldDays, 31, now);
  const recent = await fill(digests, 30, 0, now);
  console.log(
    `${label}: built ${old} old and ${recent} recent finished deliveries in ${((performance.now() - building) / 1000).toFixed(1)} s`,
  );

  const before = new Date(now - 30 * DAY_MS - 3_600_000).toISOString();
  const batches: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let forgotten = 0;
  for (;;) {
    const batchStarted = performance.now();
    const count = await digests.forgetDeliveries(before, batch);
    batches.push(performance.now() - batchStarted);
    forgotten += count;
    if (count < batch) break;
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const sorted = [...batches].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  console.log(
    `${label}: forgot ${forgotten} in ${batches.length} batches of ≤ ${batch}: total ${(wall / 1000).toFixed(2)} s wall, ` +
      `${((used.user + used.system) / 1e6).toFixed(2)} s CPU (user+sys); per batch p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
  );
  const idle = performance.now();
  await digests.forgetDeliveries(before, batch);
  console.log(`${label}: a pass with nothing left to forget: ${(performance.now() - idle).toFixed(2)} ms`);
}

const oldDays = Math.max(1, Math.round(Number(process.argv[2] ?? 200_000) / SUBSCRIBERS));
/** Rows per batch: the product's by default; another to compare. */
const batch = Number(process.argv[3] ?? FORGET_BATCH);
fs.mkdirSync(OUTPUT_DIR, { recursive: true });
const file = path.join(OUTPUT_DIR, "digest-retention.db");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
const sqlite = openSqliteStores(file);
try {
  await measure("SQLite", sqlite, oldDays, batch);
} finally {
  await sqlite.papers.close();
}

const url = process.env.PAPERPULSE_BENCH_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const postgres = await openPostgresStores(url, { schema, maxConnections: WRITERS });
  try {
    await measure("PostgreSQL", postgres, oldDays, batch);
  } finally {
    await postgres.papers.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA ${pg.escapeIdentifier(schema)} CASCADE`);
    await client.end();
  }
}
