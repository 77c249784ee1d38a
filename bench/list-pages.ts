/**
 * The store calls behind the list pages, on both tiers:
 * `node --import tsx bench/list-pages.ts PG_URL SQLITE_FOLDER [ROUNDS]` (SQLITE_FOLDER holds
 * paperpulse.db, which the store migrates on open: give it a copy). Home, day, week and month pages
 * (listPapers by upvotes and by date, a late page, neighbourDays, latestDay), the daily feed (a day of
 * 200), the category page (a filter-only search by date and by upvotes, a late page, a rare category)
 * and trending's papers (getPapers of 30 ids).
 *
 * Cold: the first call on a freshly opened store (a new connection or SQLite handle; what earlier
 * calls read may still be in PostgreSQL's shared buffers and the OS cache), once per round. Warm: the
 * next WARM_CALLS calls. Wall time per call (p50, p95), and CPU per call: this process's user + system
 * time, plus, on PostgreSQL, the server backend's, also shown apart (its /proc/PID/schedstat, when the
 * database runs on this machine; the store gets one connection so the backend is known; parallel
 * workers a plan may start are not counted). Each case's result is reduced
 * to a digest (ids and total) and compared between the tiers. Run by hand; docs/BENCHMARKS.md quotes it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { addDays, dayPeriod, monthPeriodOf, type Period, weekPeriodOf } from "../src/core/calendar.js";
import type { Paper } from "../src/core/paper.js";
import { NO_FILTERS, type SearchSort } from "../src/core/search-filters.js";
import { parseSearchQuery } from "../src/core/search-query.js";
import { openPostgresStore } from "../src/store/postgres/postgres-store.js";
import { openSqliteStore } from "../src/store/sqlite/sqlite-store.js";
import type { PaperSort, PaperStore } from "../src/store/store.js";
import { percentile } from "./stats.js";

/** The list pages' page size (src/web/pages/deps.ts) and the daily feed's (src/web/feeds/daily-feed.ts). */
const PER_PAGE = 30;
const DAILY_FEED_ITEMS = 200;
const WARM_CALLS = 20;
const APPLICATION = "paperpulse-list-pages-bench";

interface Case {
  name: string;
  /** The call; its result reduced to ids and a total, for the comparison between tiers. */
  run: (store: PaperStore) => Promise<{ ids: string[]; total: number }>;
}

interface Tier {
  name: string;
  open: () => Promise<{ store: PaperStore; serverCpuNs: () => number }>;
}

interface Samples {
  coldMs: number[];
  warmMs: number[];
  warmCpuMs: number[];
  /** The server's share of warmCpuMs. */
  warmServerCpuMs: number[];
  digest: string;
}

function clientCpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}

function schedstatNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
}

function listing(period: Period, sort: PaperSort, limit: number, offset: number): Case["run"] {
  return async (store) => {
    const page = await store.listPapers({ from: period.from, to: period.to, sort, limit, offset });
    return { ids: page.papers.map((paper) => paper.id), total: page.total };
  };
}

function category(code: string, sort: SearchSort, page: number): Case["run"] {
  return async (store) => {
    const result = await store.search({
      query: { ...parseSearchQuery(""), filters: { ...NO_FILTERS, categories: [code] } },
      sort,
      limit: PER_PAGE,
      offset: (page - 1) * PER_PAGE,
    });
    return { ids: result.hits.map((hit) => hit.paper.id), total: result.total };
  };
}

/** The last page's offset of a listing of `total` papers. */
function lastPageOffset(total: number): number {
  return Math.max(0, Math.floor((total - 1) / PER_PAGE) * PER_PAGE);
}

/** The cases, from what the store holds: its latest day, that day's week and month, the month before. */
async function casesFor(store: PaperStore): Promise<Case[]> {
  const latest = await store.latestDay();
  if (!latest) throw new Error("the store holds no papers");
  const day = dayPeriod(latest);
  const week = weekPeriodOf(latest);
  const month = monthPeriodOf(latest);
  const previousMonth = monthPeriodOf(addDays(month.from, -1));
  const totalOf = async (period: Period) =>
    (await store.listPapers({ from: period.from, to: period.to, sort: "date", limit: 1, offset: 0 })).total;
  const trendingIds = (
    await store.listPapers({ from: week.from, to: week.to, sort: "upvotes", limit: PER_PAGE, offset: 0 })
  ).papers.map((paper: Paper) => paper.id);
  const categoryLast = (
    await store.search({
      query: { ...parseSearchQuery(""), filters: { ...NO_FILTERS, categories: ["cs.LG"] } },
      sort: "date",
      limit: 1,
      offset: 0,
    })
  ).total;
  return [
    { name: "latestDay", run: async (s) => ({ ids: [(await s.latestDay()) ?? ""], total: 0 }) },
    {
      name: "neighbourDays ×3 (month nav)",
      run: async (s) => {
        const days = await Promise.all([
          s.neighbourDays(previousMonth.from),
          s.neighbourDays(previousMonth.to),
          s.neighbourDays(addDays(previousMonth.from, -1)),
        ]);
        return { ids: days.flatMap((d) => [d.previous ?? "", d.next ?? ""]), total: 0 };
      },
    },
    { name: `day ${latest} upvotes p1`, run: listing(day, "upvotes", PER_PAGE, 0) },
    { name: "day date p1", run: listing(day, "date", PER_PAGE, 0) },
    { name: "daily feed (day, 200)", run: listing(day, "upvotes", DAILY_FEED_ITEMS, 0) },
    { name: `week ${week.from} upvotes p1`, run: listing(week, "upvotes", PER_PAGE, 0) },
    { name: "week date p1", run: listing(week, "date", PER_PAGE, 0) },
    {
      name: "week upvotes last page",
      run: listing(week, "upvotes", PER_PAGE, lastPageOffset(await totalOf(week))),
    },
    { name: `month ${month.from.slice(0, 7)} upvotes p1`, run: listing(month, "upvotes", PER_PAGE, 0) },
    {
      name: `month ${previousMonth.from.slice(0, 7)} upvotes p1`,
      run: listing(previousMonth, "upvotes", PER_PAGE, 0),
    },
    { name: "month (previous) date p1", run: listing(previousMonth, "date", PER_PAGE, 0) },
    {
      name: "month (previous) upvotes last page",
      run: listing(previousMonth, "upvotes", PER_PAGE, lastPageOffset(await totalOf(previousMonth))),
    },
    { name: "month (previous) upvotes p10", run: listing(previousMonth, "upvotes", PER_PAGE, 9 * PER_PAGE) },
    { name: "category cs.LG date p1", run: category("cs.LG", "date", 1) },
    { name: "category cs.LG upvotes p1", run: category("cs.LG", "upvotes", 1) },
    {
      name: "category cs.LG date last page",
      run: category("cs.LG", "date", Math.max(1, Math.ceil(Math.min(categoryLast, 10_000) / PER_PAGE))),
    },
    { name: "category hep-th date p1", run: category("hep-th", "date", 1) },
    {
      name: "trending papers (getPapers 30)",
      run: async (s) => ({ ids: (await s.getPapers(trendingIds)).map((p) => p.id), total: 0 }),
    },
  ];
}

async function measure(
  tier: Tier,
  cases: Case[],
  rounds: number,
  samples: Map<string, Samples>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const entry of cases) {
      const { store, serverCpuNs } = await tier.open();
      try {
        const slot = samples.get(entry.name) ?? {
          coldMs: [],
          warmMs: [],
          warmCpuMs: [],
          warmServerCpuMs: [],
          digest: "",
        };
        samples.set(entry.name, slot);
        for (let call = 0; call <= WARM_CALLS; call++) {
          const client = clientCpuNs();
          const server = serverCpuNs();
          const started = performance.now();
          const result = await entry.run(store);
          const wall = performance.now() - started;
          const serverMs = (serverCpuNs() - server) / 1e6;
          const cpuMs = (clientCpuNs() - client) / 1e6 + serverMs;
          if (call === 0) slot.coldMs.push(wall);
          else {
            slot.warmMs.push(wall);
            slot.warmCpuMs.push(cpuMs);
            slot.warmServerCpuMs.push(serverMs);
          }
          slot.digest = createHash("sha1")
            .update(`${result.total} ${result.ids.join(",")}`)
            .digest("hex")
            .slice(0, 8);
        }
      } finally {
        await store.close();
      }
    }
  }
}

function postgresTier(url: string): Tier {
  const named = new URL(url);
  named.searchParams.set("application_name", APPLICATION);
  return {
    name: "PostgreSQL",
    open: async () => {
      const store = await openPostgresStore(named.toString(), { maxConnections: 1 });
      // The one connection the store's pool keeps, opened by a first call, then found by its name.
      await store.latestDay();
      const side = new pg.Client({ connectionString: url });
      await side.connect();
      const pids = (
        await side.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [
          APPLICATION,
        ])
      ).rows.map((row) => row.pid);
      await side.end();
      const readable = pids.length === 1 && canRead(pids[0]!);
      return { store, serverCpuNs: () => (readable ? schedstatNs(pids[0]!) : 0) };
    },
  };
}

function canRead(pid: number): boolean {
  try {
    schedstatNs(pid);
    return true;
  } catch {
    return false;
  }
}

function sqliteTier(folder: string): Tier {
  return {
    name: "SQLite",
    open: async () => ({ store: openSqliteStore(path.join(folder, "paperpulse.db")), serverCpuNs: () => 0 }),
  };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((cell) => (typeof cell === "number" ? cell.toFixed(1) : cell)).join(" | ")} |`;
}

async function main(): Promise<void> {
  const [url, folder, roundsArg] = process.argv.slice(2);
  if (!url || !folder) {
    console.error("usage: node --import tsx bench/list-pages.ts PG_URL SQLITE_FOLDER [ROUNDS]");
    process.exit(2);
  }
  const rounds = Number(roundsArg ?? 3);
  const tiers = [postgresTier(url), sqliteTier(folder)];
  const results = new Map<string, Map<string, Samples>>();
  let cases: Case[] | null = null;
  for (const tier of tiers) {
    const { store } = await tier.open();
    // The cases come from the PostgreSQL store's data, so both tiers answer the same calls.
    cases ??= await casesFor(store);
    await store.close();
    const samples = new Map<string, Samples>();
    await measure(tier, cases, rounds, samples);
    results.set(tier.name, samples);
  }
  console.log(`${rounds} rounds, ${WARM_CALLS} warm calls each; ms per call (CPU: client + server)\n`);
  console.log(
    row([
      "call",
      ...tiers.flatMap((tier) => [`${tier.name} cold p50`, "warm p50", "warm p95", "warm CPU"]),
      "same result",
    ]),
  );
  console.log(row(["---", ...tiers.flatMap(() => ["---:", "---:", "---:", "---:"]), "---"]));
  for (const entry of cases ?? []) {
    const per = tiers.map((tier) => results.get(tier.name)!.get(entry.name)!);
    console.log(
      row([
        entry.name,
        ...per.flatMap((s) => [
          percentile(s.coldMs, 50),
          percentile(s.warmMs, 50),
          percentile(s.warmMs, 95),
          `${mean(s.warmCpuMs).toFixed(1)} (${mean(s.warmServerCpuMs).toFixed(1)})`,
        ]),
        per.every((s) => s.digest === per[0]!.digest) ? "yes" : `no (${per.map((s) => s.digest).join(" ")})`,
      ]),
    );
  }
}

await main();
