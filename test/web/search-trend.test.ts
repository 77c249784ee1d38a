import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillMonths, presentTopicTrend } from "../../src/web/presenters/topic-trend.js";
import { HashedEmbedder } from "../support/hashed-embedder.js";
import { makePaperInput } from "../support/paper-factory.js";
import { semanticOver } from "../support/semantic.js";
import { buildTestApp, type TestApp } from "./build-app.js";

function barTitles(html: string, chartId: string): string[] {
  const svg =
    new RegExp(`<svg[^>]*aria-labelledby="${chartId}-title[^"]*"[\\s\\S]*?</svg>`).exec(html)?.[0] ?? "";
  return [...svg.matchAll(/<rect[^>]*><title>([^<]+)<\/title>/g)].map((match) => match[1] ?? "");
}

describe("topic trend on search results", () => {
  let t: TestApp;
  beforeAll(async () => {
    const paper = (id: string, day: string, title: string, upvotes: number) =>
      makePaperInput({ id, title, abstract: "Plain.", listingDay: day, upvotes });
    t = await buildTestApp([
      paper("2411.00001", "2024-11-20", "Diffusion early", 2),
      paper("2501.00002", "2025-01-08", "Diffusion in January", 5),
      paper("2501.00003", "2025-01-21", "More diffusion", 1),
      paper("2501.00004", "2025-01-22", "Sorting networks", 40),
      paper("2412.00005", "2024-12-03", "Unnoticed wavelets", 0),
      paper("2502.00006", "2025-02-10", "Wavelets again, unnoticed", 0),
    ]);
  });
  afterAll(() => t.close());

  it("draws papers and upvotes per month for the query over the corpus, as inline SVG", async () => {
    const html = (await t.app.inject("/search?q=diffusion")).body;
    expect(html).toContain('<svg class="bar-chart" viewBox="0 0 720 100" role="img"');
    expect(html).toContain("Papers per month for “diffusion”");
    expect(barTitles(html, "trend-papers")).toEqual(["Nov 2024: 1 paper", "Jan 2025: 2 papers"]);
    expect(barTitles(html, "trend-upvotes")).toEqual(["Nov 2024: 2 upvotes", "Jan 2025: 6 upvotes"]);
    expect(html).toContain("3 papers from Nov 2024 to Jan 2025; most in Jan 2025 (2).");
    // Drawn on the server: the site's own small script is the page's only one.
    expect(html.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(/^<script src="\/static\/site\.js\?v=/),
    ]);
  });

  it("labels a chart of nothing but zeros as empty, not with a scale", async () => {
    const html = (await t.app.inject("/search?q=wavelets")).body;
    const upvotes =
      /<figure class="bar-chart-frame">(?:(?!<\/figure>)[\s\S])*trend-upvotes[\s\S]*?<\/figure>/.exec(
        html,
      )?.[0];
    expect(upvotes).toContain('<p class="chart-label chart-scale" aria-hidden="true">no upvotes</p>');
    expect(upvotes).not.toContain("max ");
    const quiet = presentTopicTrend(
      {
        months: [
          { month: "2025-01", papers: 0, upvotes: 0 },
          { month: "2025-03", papers: 4, upvotes: 0 },
        ],
        truncated: false,
      },
      "“quiet”",
    );
    expect(quiet?.papers.scaleLabel).toBe("max 4");
    expect(quiet?.upvotes.scaleLabel).toBe("no upvotes");
    expect(quiet?.upvotes.summary).toBe("No upvotes from Jan 2025 to Mar 2025.");
    expect(quiet?.upvotes.bars).toEqual([]);
  });

  it("leaves the chart out where nothing matched, on later pages and before a search", async () => {
    expect((await t.app.inject("/search?q=nothing-like-this")).body).not.toContain("bar-chart");
    expect((await t.app.inject("/search?q=diffusion&page=2")).body).not.toContain("bar-chart");
    expect((await t.app.inject("/search")).body).not.toContain("bar-chart");
  });

  it("says when only the newest matches were counted", () => {
    const trend = presentTopicTrend(
      {
        months: [
          { month: "2025-07", papers: 2_000, upvotes: 3 },
          { month: "2025-09", papers: 8_000, upvotes: 3 },
        ],
        truncated: true,
      },
      "“learning”",
    );
    expect(trend?.truncated).toBe(true);
    expect(trend?.papers.summary).toBe(
      "10,000 papers from Jul 2025 to Sep 2025 (the newest matches only); most in Sep 2025 (8,000).",
    );
  });

  it("says the chart counts the papers holding the words where the search also found papers by meaning", async () => {
    const months = [
      { month: "2025-07", papers: 2, upvotes: 3 },
      { month: "2025-09", papers: 5, upvotes: 0 },
    ];
    const trend = presentTopicTrend({ months, truncated: false }, "“diffusion”", true);
    expect(trend?.papers.summary).toBe(
      "7 papers holding the words from Jul 2025 to Sep 2025; most in Sep 2025 (5).",
    );
    expect(trend?.upvotes.summary).toBe(
      "3 upvotes on the papers holding the words from Jul 2025 to Sep 2025; most in Jul 2025 (3).",
    );
    // A lexical search's count is the chart's: nothing to tell apart (this app has no model).
    const html = (await t.app.inject("/search?q=diffusion")).body;
    expect(html).not.toContain("holding the words");
  });

  it("says so on a hybrid search page, whose count holds papers found by meaning", async () => {
    const withModel = await buildTestApp(
      [
        makePaperInput({ id: "2411.00001", title: "Diffusion early", listingDay: "2024-11-20" }),
        makePaperInput({ id: "2501.00002", title: "Diffusion in January", listingDay: "2025-01-08" }),
        makePaperInput({ id: "2501.00004", title: "Sorting networks", listingDay: "2025-01-22" }),
      ],
      {
        semantic: (store) => semanticOver(store, new HashedEmbedder()),
      },
    );
    try {
      const hybrid = (await withModel.app.inject("/search?q=diffusion")).body;
      expect(hybrid).toContain("3 papers found");
      expect(hybrid).toContain("2 papers holding the words from Nov 2024 to Jan 2025");
      const lexical = (await withModel.app.inject("/search?q=diffusion&mode=lexical")).body;
      expect(lexical).toContain("2 papers found");
      expect(lexical).toContain("2 papers from Nov 2024 to Jan 2025");
    } finally {
      await withModel.close();
    }
  });

  it("draws no trend over fewer than three months: the count says as much", async () => {
    expect(presentTopicTrend({ months: [], truncated: false }, "x")).toBeNull();
    const twoMonths = [
      { month: "2025-08", papers: 3, upvotes: 1 },
      { month: "2025-09", papers: 4, upvotes: 0 },
    ];
    expect(presentTopicTrend({ months: twoMonths, truncated: false }, "x")).toBeNull();
    expect(presentTopicTrend({ months: twoMonths.slice(1), truncated: false }, "x")).toBeNull();
    const html = (await t.app.inject("/search?q=sorting")).body;
    expect(html).toContain("1 paper found");
    expect(html).not.toContain("bar-chart");
  });

  it("fills quiet months across a year's end with zeros", () => {
    const filled = fillMonths([
      { month: "2024-11", papers: 1, upvotes: 0 },
      { month: "2025-02", papers: 3, upvotes: 1 },
    ]);
    expect(filled.map((month) => `${month.month}:${month.papers}`)).toEqual([
      "2024-11:1",
      "2024-12:0",
      "2025-01:0",
      "2025-02:3",
    ]);
    expect(fillMonths([])).toEqual([]);
  });
});
