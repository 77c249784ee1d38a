import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePaperInput } from "../support/paper-factory.js";
import { buildCommunityTestApp, type CommunityTestApp } from "./build-app.js";
import { type BrowserSession, signInWithRole } from "./community/browser-session.js";

// Monday 2025-09-08 to Friday 2025-09-12, with Wednesday 2025-09-10 missing.
const WEEK = "from=2025-09-08&until=2025-09-14";
const PAPERS = [
  makePaperInput({ listingDay: "2025-09-08", categories: ["cs.LG"] }),
  makePaperInput({ listingDay: "2025-09-08", categories: ["cs.CV", "cs.LG"] }),
  makePaperInput({ listingDay: "2025-09-09", categories: ["cs.LG"] }),
  makePaperInput({ listingDay: "2025-09-11", categories: ["cs.CL"] }),
  makePaperInput({ listingDay: "2025-09-12", categories: ["cs.LG"] }),
];

describe("ingestion health", () => {
  let t: CommunityTestApp;
  // Operational pages are for moderators (tested in community/comments.test.ts).
  let moderator: BrowserSession;
  beforeAll(async () => {
    t = await buildCommunityTestApp(PAPERS);
    moderator = await signInWithRole(t, "mod@example.org", "moderator");
    await t.store.recordIngestRun({
      id: "run-ok",
      source: "harvest:arXiv:cs",
      startedAt: "2025-09-12T01:00:00.000Z",
      finishedAt: "2025-09-12T01:02:05.000Z",
      status: "succeeded",
      summary: { records: 120, inserted: 100, updated: 15, rejected: 5, mark: "2025-09-11" },
      error: null,
    });
    await t.store.recordIngestRun({
      id: "run-bad",
      source: "announcements",
      startedAt: "2025-09-13T01:00:00.000Z",
      finishedAt: "2025-09-13T01:00:03.000Z",
      status: "failed",
      summary: { listed: 0 },
      error: "HTTP 503 <script>alert(1)</script>",
    });
  });
  afterAll(() => t.close());

  describe("GET /admin/ingest", () => {
    it("shows the gap, the runs (error escaped) and an accessible chart", async () => {
      const response = await moderator.get(`/admin/ingest?${WEEK}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["cache-control"]).toBe("no-store");
      const html = response.body;
      expect(html).toContain('<a href="/days/2025-09-10">Wednesday, September 10, 2025</a>');
      expect(html).not.toContain('href="/days/2025-09-13">Saturday');
      expect(html).toContain("HTTP 503 &lt;script>alert(1)&lt;/script>");
      expect(html).not.toContain("<script>");
      expect(html).toContain('class="status-badge status-failed">Failed</span>');
      expect(html).toContain('class="status-badge status-succeeded">Succeeded</span>');
      expect(html).toMatch(/<dt>records<\/dt><dd>120<\/dd>/);
      expect(html).toContain("2 min 5 s");
      expect(html).toMatch(
        /<svg[^>]*role="img"[^>]*aria-labelledby="papers-per-day-title papers-per-day-desc"/,
      );
      expect(html).toContain('<title id="papers-per-day-title">Papers per day</title>');
      expect(html).toContain("1 weekday without papers");
      expect(html).toContain("<title>Wed Sep 10, 2025: no papers (gap)</title>");
      expect(html).toContain('<th scope="col">cs.LG</th>');
      // Only moderators reach it now: the notice from before accounts existed is gone.
      expect(html).not.toContain("until PaperPulse has accounts and roles");
    });

    it("defaults to 60 days up to the latest day with papers", async () => {
      const html = (await moderator.get("/admin/ingest")).body;
      expect(html).toContain("Jul 15, 2025 – Sep 12, 2025 (60 days)");
      // Weekdays before the store's first day are not gaps: nothing was ingested then.
      expect(html).toContain('href="/days/2025-09-10"');
      expect(html).not.toContain('href="/days/2025-09-05"');
    });

    it("answers bad windows with a 400 page", async () => {
      for (const query of [
        "from=2025-02-30",
        "days=0",
        "days=abc",
        `${WEEK}&days=7`,
        "from=2025-09-14&until=2025-09-08",
      ]) {
        const response = await moderator.get(`/admin/ingest?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      }
    });
  });

  describe("GET /api/admin/ingest", () => {
    it("lists the window, gaps, days, categories and runs", async () => {
      const response = await moderator.get(`/api/admin/ingest?${WEEK}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({
        window: { from: "2025-09-08", until: "2025-09-14" },
        latestDay: "2025-09-12",
        papers: 5,
        gaps: ["2025-09-10"],
      });
      expect(body.days).toHaveLength(7);
      expect(body.days[2]).toEqual({ day: "2025-09-10", papers: 0 });
      expect(body.categories).toContainEqual({ day: "2025-09-08", category: "cs.LG", papers: 1 });
      expect(body.categories).toContainEqual({ day: "2025-09-08", category: "cs.CV", papers: 1 });
      expect(body.runs.map((run: { id: string }) => run.id)).toEqual(["run-bad", "run-ok"]);
      expect(body.runs[1]).toEqual({
        id: "run-ok",
        source: "harvest:arXiv:cs",
        startedAt: "2025-09-12T01:00:00.000Z",
        finishedAt: "2025-09-12T01:02:05.000Z",
        durationMs: 125_000,
        status: "succeeded",
        counts: { records: 120, inserted: 100, updated: 15, rejected: 5 },
        summary: { records: 120, inserted: 100, updated: 15, rejected: 5, mark: "2025-09-11" },
        error: null,
      });
      expect(body.runs[0].error).toBe("HTTP 503 <script>alert(1)</script>");
    });

    it("counts gaps from the window's start when papers exist before it, never before the first paper", async () => {
      const gapsOf = async (query: string) => (await moderator.get(`/api/admin/ingest?${query}`)).json().gaps;
      await expect(gapsOf("from=2025-09-10&until=2025-09-12")).resolves.toEqual(["2025-09-10"]);
      await expect(gapsOf("until=2025-09-05&days=5")).resolves.toEqual([]);
    });

    it("answers bad windows with a 400 in the API's error format", async () => {
      for (const query of ["until=2025-13-01", "days=400", "from=2024-01-01&until=2025-06-01"]) {
        const response = await moderator.get(`/api/admin/ingest?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: "bad_request" } });
      }
    });
  });
});

describe("ingestion health on an empty store", () => {
  let t: CommunityTestApp;
  // Operational pages are for moderators (tested in community/comments.test.ts).
  let moderator: BrowserSession;
  beforeAll(async () => {
    t = await buildCommunityTestApp();
    moderator = await signInWithRole(t, "mod@example.org", "moderator");
  });
  afterAll(() => t.close());

  it("says nothing is stored yet, with no gaps and no runs", async () => {
    const response = await moderator.get("/admin/ingest");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("No papers are stored yet");
    expect(response.body).toContain("No ingest run has been recorded yet.");
    expect(response.body).toContain("No gaps in this window.");
  });

  it("answers JSON with an empty report", async () => {
    const body = (await moderator.get("/api/admin/ingest?days=7")).json();
    expect(body).toMatchObject({ latestDay: null, papers: 0, gaps: [], categories: [], runs: [] });
    expect(body.days).toHaveLength(7);
  });
});
