import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PgBossJobQueue } from "../../src/store/postgres/pg-boss-job-queue.js";
import { TEST_DATABASE_URL } from "../support/postgres.js";
import { describeJobQueueContract } from "./job-queue-contract.js";

// npm test always provides the database; a bare `vitest run` without it reports these as skipped.
describe.skipIf(TEST_DATABASE_URL === null)("pg-boss", () => {
  describeJobQueueContract("pg-boss", async () => {
    const schema = `test_${randomBytes(6).toString("hex")}_pgboss`;
    const workers: { pool: pg.Pool; queue: PgBossJobQueue }[] = [];
    const worker = async () => {
      const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL!, max: 3 });
      const queue = await PgBossJobQueue.start(pool, { schema });
      workers.push({ pool, queue });
      return queue;
    };
    return {
      queue: await worker(),
      worker,
      async close() {
        for (const { pool, queue } of workers) {
          await queue.stop();
          await pool.end();
        }
      },
    };
  });

  it("looks for lapsed leases at most every two seconds while a worker polls an empty queue", async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL!, max: 2 });
    const queue = await PgBossJobQueue.start(pool, {
      schema: `test_${randomBytes(6).toString("hex")}_pgboss`,
    });
    const statements: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
    pool.query = ((...args: unknown[]) => {
      if (typeof args[0] === "string") statements.push(args[0]);
      return query(...args);
    }) as typeof pool.query;
    try {
      for (let poll = 0; poll < 20; poll++)
        expect(await queue.fetch("q", { batchSize: 1, leaseSeconds: 30 })).toEqual([]);
      const expiries = statements.filter((text) => text.includes("job failed by timeout in active state"));
      expect(expiries).toHaveLength(1);
    } finally {
      await queue.stop();
      await pool.end();
    }
  });

  it("switches a queue made before exclusive keys (a standard pg-boss queue) to the stately policy", async () => {
    const schema = `test_${randomBytes(6).toString("hex")}_pgboss`;
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL!, max: 2 });
    const first = await PgBossJobQueue.start(pool, { schema });
    await pool.query(`SELECT ${schema}.create_queue('pass', '{"policy": "standard"}'::json)`);
    const queue = await PgBossJobQueue.start(pool, { schema });
    try {
      expect(await queue.send("pass", {}, { exclusiveKey: "all" })).not.toBeNull();
      expect(await queue.send("pass", {}, { exclusiveKey: "all" })).toBeNull();
      const policy = await pool.query(`SELECT policy FROM ${schema}.queue WHERE name = 'pass'`);
      expect(policy.rows).toEqual([{ policy: "stately" }]);
    } finally {
      await queue.stop();
      await first.stop();
      await pool.end();
    }
  });

  it("outlives a failed maintenance pass, reporting it as a process warning", async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL!, max: 2 });
    const queue = await PgBossJobQueue.start(pool, {
      schema: `test_${randomBytes(6).toString("hex")}_pgboss`,
      maintenanceIntervalSeconds: 1,
    });
    const warnings: string[] = [];
    const listen = (warning: Error) => warnings.push(warning.message);
    process.on("warning", listen);
    try {
      // The database goes away under the maintenance timer (here: its pool ends).
      await pool.end();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(warnings.some((message) => message.startsWith("pg-boss: "))).toBe(true);
    } finally {
      process.off("warning", listen);
      await queue.stop();
    }
  });
});
