import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "../src/config.js";
import { retryDelaySeconds } from "../src/jobs/queue.js";

describe("loadConfig", () => {
  it("serves the embedded demo with no settings at all", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: "127.0.0.1", loadDemo: true, pageCacheSeconds: 5 });
    expect(config.databasePath).toBe(path.resolve("data", "paperpulse.db"));
    expect(config).toMatchObject({
      arxivApiUrl: "https://export.arxiv.org/api/query",
      arxivOaiUrl: "https://oaipmh.arxiv.org/oai",
      arxivFeedUrl: "https://rss.arxiv.org/atom",
      categories: ["cs.AI", "cs.CL", "cs.CV", "cs.LG"],
      contactEmail: "",
      arxivIntervalMs: 3000,
      ingestEnabled: false,
      ingestSchedule: "30 20 * * 0-4",
      modelPath: "",
      titleModelPath: "",
    });
  });

  it("retries a digest through a mail server outage of hours by default, not minutes", () => {
    const { digestRetryLimit, digestRetryDelaySeconds } = loadConfig({});
    const waited = Array.from({ length: digestRetryLimit }, (_, retry) =>
      retryDelaySeconds(digestRetryDelaySeconds, true, retry + 1),
    ).reduce((sum, seconds) => sum + seconds, 0);
    expect(waited).toBeGreaterThanOrEqual(4 * 3_600);
    expect(waited).toBeLessThan(12 * 3_600);
  });

  it("reads every setting from its environment variable", () => {
    const config = loadConfig({
      PORT: "9000",
      HOST: "0.0.0.0",
      PAPERPULSE_DATA: "/srv/pp",
      PAPERPULSE_DEMO: "false",
      PAPERPULSE_PAGE_CACHE_SECONDS: "0",
      PAPERPULSE_LOG_REQUESTS: "yes",
      PAPERPULSE_LOG_LEVEL: "warn",
      PAPERPULSE_ARXIV_API_URL: "http://127.0.0.1:9001/api/query",
      PAPERPULSE_ARXIV_OAI_URL: "http://127.0.0.1:9001/oai",
      PAPERPULSE_ARXIV_FEED_URL: "http://127.0.0.1:9001/atom",
      PAPERPULSE_CATEGORIES: " stat.ML, cs.LG,stat.ML ",
      PAPERPULSE_CONTACT_EMAIL: "ops@example.org",
      PAPERPULSE_ARXIV_INTERVAL_MS: "150",
      PAPERPULSE_INGEST_ENABLED: "true",
      PAPERPULSE_INGEST_SCHEDULE: " 0 21 * * MON-FRI ",
      PAPERPULSE_MODEL_PATH: "/srv/models/custom",
      PAPERPULSE_TITLE_MODEL_PATH: "/srv/models/titles",
    });
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      databasePath: "/srv/pp/paperpulse.db",
      loadDemo: false,
      pageCacheSeconds: 0,
      logRequests: true,
      logLevel: "warn",
      arxivApiUrl: "http://127.0.0.1:9001/api/query",
      arxivOaiUrl: "http://127.0.0.1:9001/oai",
      arxivFeedUrl: "http://127.0.0.1:9001/atom",
      categories: ["stat.ML", "cs.LG"],
      contactEmail: "ops@example.org",
      arxivIntervalMs: 150,
      ingestEnabled: true,
      ingestSchedule: "0 21 * * MON-FRI",
      modelPath: "/srv/models/custom",
      titleModelPath: "/srv/models/titles",
    });
  });

  it("names every bad setting in one error", () => {
    expect(() =>
      loadConfig({ PORT: "http", PAPERPULSE_DEMO: "maybe", PAPERPULSE_LOG_LEVEL: "loud" }),
    ).toThrow(/PORT: not a TCP port: http[\s\S]*PAPERPULSE_DEMO: not a boolean[\s\S]*PAPERPULSE_LOG_LEVEL/);
  });

  it("rejects bad arXiv endpoints, contact addresses and intervals", () => {
    expect(() =>
      loadConfig({
        PAPERPULSE_ARXIV_API_URL: "ftp://example.org/",
        PAPERPULSE_ARXIV_OAI_URL: "not a url",
        PAPERPULSE_CONTACT_EMAIL: "nobody",
        PAPERPULSE_ARXIV_INTERVAL_MS: "-5",
      }),
    ).toThrow(
      /PAPERPULSE_ARXIV_API_URL: not an http\(s\) URL[\s\S]*PAPERPULSE_ARXIV_OAI_URL: not a URL[\s\S]*PAPERPULSE_CONTACT_EMAIL: not an email[\s\S]*PAPERPULSE_ARXIV_INTERVAL_MS/,
    );
  });

  it("rejects category lists with codes outside arXiv's taxonomy", () => {
    expect(() => loadConfig({ PAPERPULSE_CATEGORIES: "cs.LG,cs.XX,I.2.7" })).toThrow(
      /PAPERPULSE_CATEGORIES: not arXiv categories: cs.XX, I.2.7/,
    );
    expect(() => loadConfig({ PAPERPULSE_CATEGORIES: " , " })).toThrow(/PAPERPULSE_CATEGORIES: no category/);
  });

  it("rejects an ingest schedule croner cannot read as a recurring cron pattern", () => {
    expect(() =>
      loadConfig({ PAPERPULSE_INGEST_SCHEDULE: "30 25 * * 0-4", PAPERPULSE_INGEST_ENABLED: "sometimes" }),
    ).toThrow(
      /PAPERPULSE_INGEST_ENABLED: not a boolean[\s\S]*PAPERPULSE_INGEST_SCHEDULE: not a 5- or 6-field cron schedule: 30 25/,
    );
    expect(() => loadConfig({ PAPERPULSE_INGEST_SCHEDULE: "2030-01-01T20:30:00" })).toThrow(
      /PAPERPULSE_INGEST_SCHEDULE/,
    );
  });

  it("takes a PostgreSQL URL for the scale-out tier and masks it", () => {
    const url = "postgres://pp:s3cret@db.internal:5432/paperpulse";
    const config = loadConfig({ PAPERPULSE_DATABASE_URL: url });
    expect(config.databaseUrl).toBe(url);
    expect(loadConfig({}).databaseUrl).toBe("");
    const row = describeConfig(config).find((setting) => setting.env === "PAPERPULSE_DATABASE_URL");
    expect(row?.value).not.toContain("s3cret");
    expect(() => loadConfig({ PAPERPULSE_DATABASE_URL: "mysql://db/x" })).toThrow(
      /PAPERPULSE_DATABASE_URL: not a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ PAPERPULSE_DATABASE_URL: "db.internal" })).toThrow(
      /PAPERPULSE_DATABASE_URL: not a URL/,
    );
  });

  it("takes the reverse proxies to trust as addresses, CIDR ranges or proxy-addr's names", () => {
    expect(loadConfig({}).trustProxy).toBe("");
    expect(
      loadConfig({ PAPERPULSE_TRUST_PROXY: " loopback, 10.0.0.0/8 ,fd00::/8,192.168.1.7 " }).trustProxy,
    ).toBe("loopback,10.0.0.0/8,fd00::/8,192.168.1.7");
    expect(() => loadConfig({ PAPERPULSE_TRUST_PROXY: "10.0.0.0/33" })).toThrow(/PAPERPULSE_TRUST_PROXY/);
    expect(() => loadConfig({ PAPERPULSE_TRUST_PROXY: "proxy.internal" })).toThrow(/not an address/);
    expect(() => loadConfig({ PAPERPULSE_TRUST_PROXY: "true" })).toThrow(/not an address/);
  });

  it("takes the process role (all by default) and the embedding interval", () => {
    expect(loadConfig({})).toMatchObject({ role: "all", embedIntervalSeconds: 60 });
    expect(loadConfig({ PAPERPULSE_ROLE: "worker", PAPERPULSE_EMBED_INTERVAL_SECONDS: "5" })).toMatchObject({
      role: "worker",
      embedIntervalSeconds: 5,
    });
    expect(() => loadConfig({ PAPERPULSE_ROLE: "both" })).toThrow(
      /PAPERPULSE_ROLE: not all, web or worker: both/,
    );
    expect(() => loadConfig({ PAPERPULSE_EMBED_INTERVAL_SECONDS: "0" })).toThrow(
      /PAPERPULSE_EMBED_INTERVAL_SECONDS: not a whole number from 1 to 3600/,
    );
  });

  it("describes each setting for the README and the CLI", () => {
    const rows = describeConfig(loadConfig({}));
    expect(rows.map((row) => row.env)).toContain("PAPERPULSE_DATA");
    expect(rows.every((row) => row.doc.length > 10)).toBe(true);
  });

  it("has every setting in the README's configuration table", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const missing = describeConfig(loadConfig({}))
      .map((row) => row.env)
      .filter((env) => !readme.includes(`| \`${env}\` |`));
    expect(missing).toEqual([]);
  });
});
