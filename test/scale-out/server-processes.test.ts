import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listingDaysOf, periodAt } from "../../src/digest/schedule.js";
import { DEFAULT_SETTINGS } from "../../src/digest/settings.js";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { CS_LG_FRIDAY } from "../ingest/arxiv/announcement-fixtures.js";
import { handWrittenPage, LIST_PAGES, listRoute, OAI_PATH, ok } from "../ingest/arxiv/oai-pmh-fixtures.js";
import { tempDir } from "../ingest/helpers.js";
import { createApiReader } from "../support/api-reader.js";
import { arxivLookupRoute } from "../support/arxiv-lookup-route.js";
import { type FixtureServer, startFixtureServer } from "../support/fixture-server.js";
import { makePaperInput } from "../support/paper-factory.js";
import { TEST_DATABASE_URL } from "../support/postgres.js";
import {
  type ServerProcess,
  startServerProcess,
  stopServerProcess,
  waitFor,
} from "../support/server-process.js";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.js";

/**
 * The scale-out tier as operators run it: separate server processes on one PostgreSQL database — two
 * web nodes (PAPERPULSE_ROLE=web), and two workers (PAPERPULSE_ROLE=worker) that both have the daily
 * ingest and digest schedules (every 3 seconds here) and take embedding jobs — each started as
 * `npm start` starts it (src/server.ts), talking to a local stand-in for arXiv (whose list fails once
 * with a 503 before it answers) and a local SMTP server.
 */

const TODAY = new Date().toISOString().slice(0, 10);
const SUBMITTED = "2511.04242";
const API_TOKEN = `pp_${randomBytes(24).toString("base64url")}`;
const SUBSCRIBERS = Array.from({ length: 24 }, (_, n) => `reader-${n}@example.org`);
/** Daily digests due since 00:00 UTC today, covering the listing days announced since yesterday's. */
const DIGEST_SCHEDULE = { frequency: "daily" as const, weekday: 1, hour: 0, timeZone: "UTC" };
const DIGEST_DAY = listingDaysOf(periodAt(DIGEST_SCHEDULE, new Date())).from;

describe.skipIf(TEST_DATABASE_URL === null)(
  "two web nodes and two workers on one PostgreSQL database",
  () => {
    let admin: pg.Client;
    let databaseName: string;
    let databaseUrl: string;
    let arxiv: FixtureServer;
    let smtp: SmtpSink;
    const nodes: ServerProcess[] = [];

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: TEST_DATABASE_URL! });
      await admin.connect();
      databaseName = `paperpulse_nodes_${randomBytes(5).toString("hex")}`;
      await admin.query(`CREATE DATABASE ${databaseName}`);
      const url = new URL(TEST_DATABASE_URL!);
      url.pathname = `/${databaseName}`;
      databaseUrl = url.toString();

      const stores = await openPostgresStores(databaseUrl);
      await stores.papers.upsertPapers([
        makePaperInput({
          id: "2511.00001",
          title: "Locality in vision transformers",
          listingDay: TODAY,
          upvotes: 4,
        }),
        makePaperInput({
          id: "2511.00002",
          title: "Scaling laws for retrieval",
          listingDay: TODAY,
          upvotes: 1,
        }),
        makePaperInput({
          id: "2511.00003",
          title: "Digest-day paper on sparse attention",
          listingDay: DIGEST_DAY,
          upvotes: 2,
        }),
      ]);
      for (const email of SUBSCRIBERS) {
        const subscriber = await stores.digest.digests.ensureSubscriber({
          id: `sub-${email}`,
          email,
          userId: null,
          createdAt: "2020-01-01T00:00:00.000Z",
          ...DEFAULT_SETTINGS,
          schedule: DIGEST_SCHEDULE,
        });
        await stores.digest.digests.setStatus(subscriber.id, "active", "2020-01-01T00:00:00.000Z");
      }
      await createApiReader(stores, API_TOKEN);
      await stores.papers.close();

      const busy = { status: 503, headers: { "retry-after": "0" }, body: "busy" };
      arxiv = await startFixtureServer([
        listRoute({ 1: [busy, ok(handWrittenPage(LIST_PAGES[1]))] }),
        { path: "/atom/cs.LG", responses: [{ status: 200, body: CS_LG_FRIDAY }] },
        arxivLookupRoute(SUBMITTED),
      ]);
      smtp = await startSmtpSink();
      const common = {
        PAPERPULSE_DATABASE_URL: databaseUrl,
        PAPERPULSE_DEMO: "false",
        PAPERPULSE_PAGE_CACHE_SECONDS: "0",
        PAPERPULSE_LOG_LEVEL: "info",
        PAPERPULSE_ARXIV_OAI_URL: `${arxiv.url}${OAI_PATH}`,
        PAPERPULSE_ARXIV_FEED_URL: `${arxiv.url}/atom`,
        PAPERPULSE_ARXIV_API_URL: `${arxiv.url}/api/query`,
        PAPERPULSE_CATEGORIES: "cs.LG",
        PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
        PAPERPULSE_ARXIV_INTERVAL_MS: "5",
        PAPERPULSE_EMBED_INTERVAL_SECONDS: "1",
        // The schedules are on for every process: the role decides who runs them.
        PAPERPULSE_INGEST_ENABLED: "true",
        PAPERPULSE_INGEST_SCHEDULE: "*/3 * * * * *",
      };
      const web = { ...common, PAPERPULSE_ROLE: "web" };
      const worker = {
        ...common,
        PAPERPULSE_ROLE: "worker",
        PAPERPULSE_DIGEST_ENABLED: "true",
        PAPERPULSE_DIGEST_SCHEDULE: "*/3 * * * * *",
        PAPERPULSE_DIGEST_RATE_PER_MINUTE: "0",
        PAPERPULSE_SMTP_HOST: "127.0.0.1",
        PAPERPULSE_SMTP_PORT: String(smtp.port),
      };
      nodes.push(
        ...(await Promise.all([
          startServerProcess("web A", { ...web, PAPERPULSE_DATA: tempDir() }),
          startServerProcess("web B", { ...web, PAPERPULSE_DATA: tempDir() }),
          startServerProcess("worker 1", { ...worker, PAPERPULSE_DATA: tempDir() }),
          startServerProcess("worker 2", { ...worker, PAPERPULSE_DATA: tempDir() }),
        ])),
      );
    }, 120_000);

    afterAll(async () => {
      await Promise.all(nodes.map(stopServerProcess));
      await arxiv?.close();
      await smtp?.close();
      if (databaseName) await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin?.end();
    }, 60_000);

    const node = (name: string) => () => nodes.find((candidate) => candidate.name === name)!;
    const [webA, webB, worker1, worker2] = ["web A", "web B", "worker 1", "worker 2"].map(node) as [
      () => ServerProcess,
      () => ServerProcess,
      () => ServerProcess,
      () => ServerProcess,
    ];
    const bearer = { authorization: `Bearer ${API_TOKEN}` };

    it("has workers answer their health check and serve no pages", async () => {
      const health = await fetch(`${worker1().url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });
      expect((await fetch(`${worker1().url}/`)).status).toBe(404);
      expect((await fetch(`${worker1().url}/api/search?q=quokkas`)).status).toBe(404);
      expect((await fetch(`${webA().url}/`)).status).toBe(200);
    });

    it("shows on node B a vote cast on node A", async () => {
      const before = await (await fetch(`${webB().url}/api/papers/2511.00001`)).json();
      expect(before.upvotes).toBe(4);
      const vote = await fetch(`${webA().url}/api/papers/2511.00001/vote`, {
        method: "POST",
        headers: bearer,
      });
      expect(vote.status).toBe(200);
      const after = await (await fetch(`${webB().url}/api/papers/2511.00001`)).json();
      expect(after.upvotes).toBe(5);
    });

    it("finds on node A a paper submitted on node B", async () => {
      const submitted = await fetch(`${webB().url}/api/submissions`, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ paper: SUBMITTED }),
      });
      expect(submitted.status).toBe(201);
      const found = await (await fetch(`${webA().url}/api/search?q=quokkas&mode=lexical`)).json();
      expect(found.hits.map((hit: { paper: { id: string } }) => hit.paper.id)).toContain(SUBMITTED);
    });

    it("embeds the submitted paper once, on a worker, and node A finds it by meaning", async () => {
      const search = `${webA().url}/api/search?q=${encodeURIComponent("benchmarks of sample efficiency")}&mode=semantic&limit=50`;
      await waitFor(async () => {
        const found = await (await fetch(search)).json();
        const ids = found.hits.map((hit: { paper: { id: string } }) => hit.paper.id);
        return found.mode === "semantic" && ids.includes(SUBMITTED) ? true : null;
      });
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        // Every save takes the next number of paper_vectors_seq, and a second save of a paper's vector
        // takes two more: the highest number equals the row count only if no paper was embedded twice.
        const vectors = await db.query<{ rows: string; last: string }>(
          "SELECT count(*) AS rows, max(seq) AS last FROM paper_vectors",
        );
        const { rows, last } = vectors.rows[0]!;
        expect(Number(last)).toBe(Number(rows));
        const embeddedBy = (node: ServerProcess) =>
          node.log
            .map((line) => /"msg":"embedded (\d+) papers/.exec(line)?.[1])
            .filter((count) => count !== undefined)
            .reduce((sum, count) => sum + Number(count), 0);
        expect(embeddedBy(worker1()) + embeddedBy(worker2())).toBe(Number(rows));
        expect(embeddedBy(webA()) + embeddedBy(webB())).toBe(0);
      } finally {
        await db.end();
      }
    });

    it("sends each subscriber's digest exactly once although both workers run the digest schedule", async () => {
      await waitFor(async () => (smtp.messages.length >= SUBSCRIBERS.length ? true : null), 60_000);
      // Later occurrences find every digest of the period sent: nothing more goes out.
      await delay(7_000);
      const recipients = smtp.messages.map((mail) => (mail.to && "text" in mail.to ? mail.to.text : ""));
      expect(recipients.sort()).toEqual([...SUBSCRIBERS].sort());
      expect(smtp.messages[0]?.text).toContain("Digest-day paper on sparse attention");
      // Every mail is accounted for once, by a worker that planned a run (two occurrences may plan
      // at once on a busy machine; a digest is prepared once) or one that helped send.
      const sent = [...worker1().log, ...worker2().log]
        .map((line) => /digests: (?:due .*, sent|helped send) (\d+)/.exec(line)?.[1])
        .filter((count) => count !== undefined)
        .map(Number);
      expect(sent.reduce((sum, count) => sum + count, 0)).toBe(SUBSCRIBERS.length);
    });

    it("queues each due daily ingest once and runs it once although both workers have the schedule", async () => {
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n);
        const jobsSql = "SELECT count(*) AS n FROM pgboss.job WHERE name = 'daily-ingest'";
        await waitFor(
          async () => ((await count(`${jobsSql} AND state = 'completed'`)) >= 3 ? true : null),
          60_000,
        );
        await Promise.all([stopServerProcess(worker1()), stopServerProcess(worker2())]);
        const jobs = await count(jobsSql);
        const completed = await count(`${jobsSql} AND state = 'completed'`);
        const harvests = await count("SELECT count(*) AS n FROM ingest_runs WHERE source LIKE 'harvest:%'");
        const logs = [...worker1().log, ...worker2().log];
        const lines = (text: string) => logs.filter((line) => line.includes(text));
        // Each due time: both workers queue it, one send is refused, one worker runs it; a job cut
        // short when its worker stopped has no second runner either.
        const queued = lines("daily ingest: queued the run due at");
        expect(queued).toHaveLength(jobs);
        // (A busy machine may make one worker's timer skip a time: then only the other queues it.)
        expect(lines("is already queued by another worker").length).toBeGreaterThanOrEqual(1);
        const dueTimes = lines("daily ingest: running the run due at").map(
          (line) => /running the run due at (\S+?)"/.exec(line)?.[1],
        );
        expect(new Set(dueTimes).size).toBe(dueTimes.length);
        expect(dueTimes.length).toBeGreaterThanOrEqual(completed);
        expect(dueTimes.length).toBeLessThanOrEqual(jobs);
        expect(harvests).toBeGreaterThanOrEqual(completed);
        expect(harvests).toBeLessThanOrEqual(dueTimes.length);
        // The list's 503 was met and retried within the run, not by a second run.
        expect(lines("daily ingest: retrying in").length).toBeGreaterThanOrEqual(1);
        // The web nodes have the schedule in their settings, but the role keeps them out of it.
        expect([...webA().log, ...webB().log].filter((line) => line.includes("daily ingest"))).toEqual([]);
      } finally {
        await db.end();
      }
    });
  },
);
