import { isIP } from "node:net";
import path from "node:path";
import { isArxivCategory } from "./core/arxiv-categories.js";
import { isCronSchedule } from "./jobs/cron-schedule.js";
import type { VectorIndexKind } from "./search/live-index.js";

/**
 * The one configuration table: every setting with its type, default, documentation and secrecy.
 * Read from environment variables once at boot and validated; nothing else reads process.env.
 */
interface SettingSpec<T> {
  env: string;
  doc: string;
  default: T;
  parse: (raw: string) => T;
  secret?: boolean;
}

class ConfigError extends Error {
  override name = "ConfigError";
}

function port(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new ConfigError(`not a TCP port: ${raw}`);
  return value;
}

function text(raw: string): string {
  if (raw.trim() === "") throw new ConfigError("must not be empty");
  return raw;
}

function bool(raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`not a boolean: ${raw}`);
}

function seconds(raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 3_600)
    throw new ConfigError(`not 0–3600 seconds: ${raw}`);
  return value;
}

function httpUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`not a URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`not an http(s) URL: ${raw}`);
  return raw;
}

function email(raw: string): string {
  // A plausibility check only: the address goes into the User-Agent so arXiv can reach the operator.
  if (!/^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(raw))
    throw new ConfigError(`not an email address: ${raw}`);
  return raw;
}

function intervalMs(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 600_000)
    throw new ConfigError(`not 0–600000 milliseconds: ${raw}`);
  return value;
}

/** "cs.AI,cs.CL": arXiv category codes, each checked against the taxonomy. */
export function categoryList(raw: string): string[] {
  const codes = raw
    .split(",")
    .map((code) => code.trim())
    .filter((code) => code !== "");
  const unknown = codes.filter((code) => !isArxivCategory(code));
  if (unknown.length > 0) throw new ConfigError(`not arXiv categories: ${unknown.join(", ")}`);
  if (codes.length === 0) throw new ConfigError("no category given");
  return [...new Set(codes)];
}

function cronSchedule(raw: string): string {
  if (!isCronSchedule(raw)) throw new ConfigError(`not a 5- or 6-field cron schedule: ${raw}`);
  return raw.trim();
}

function publicUrl(raw: string): string {
  if (raw.trim() === "") return "";
  return httpUrl(raw.trim()).replace(/\/+$/, "");
}

const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

/** "" trusts no proxy; otherwise addresses, CIDR ranges or proxy-addr's names, comma-separated. */
function trustedProxies(raw: string): string {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const validPrefix =
      prefix === undefined ||
      (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 6 ? 128 : 32));
    if (PROXY_RANGE_NAMES.includes(entry)) continue;
    if (isIP(address) === 0 || !validPrefix || rest.length > 0)
      throw new ConfigError(
        `not an address, a CIDR range or one of ${PROXY_RANGE_NAMES.join(", ")}: ${entry}`,
      );
  }
  return entries.join(",");
}

/** "" keeps the embedded SQLite store; otherwise a postgres:// URL. */
function databaseUrl(raw: string): string {
  if (raw.trim() === "") return "";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("not a URL (expected postgres://user:password@host:5432/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new ConfigError("not a postgres:// URL (leave it empty for the embedded SQLite store)");
  return raw;
}

function wholeNumber(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new ConfigError(`not a whole number from ${min} to ${max}: ${raw}`);
    return value;
  };
}

function vectorIndexKind(raw: string): VectorIndexKind {
  if (raw !== "auto" && raw !== "exact" && raw !== "hnsw")
    throw new ConfigError(`not auto, exact or hnsw: ${raw}`);
  return raw;
}

export type ProcessRole = "all" | "web" | "worker";

function processRole(raw: string): ProcessRole {
  if (raw !== "all" && raw !== "web" && raw !== "worker")
    throw new ConfigError(`not all, web or worker: ${raw}`);
  return raw;
}

function logLevel(raw: string): string {
  const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
  if (!levels.includes(raw)) throw new ConfigError(`not one of ${levels.join(", ")}: ${raw}`);
  return raw;
}

export const SETTINGS = {
  port: { env: "PORT", doc: "TCP port the web server listens on.", default: 8080, parse: port },
  host: { env: "HOST", doc: "Address the web server binds to.", default: "127.0.0.1", parse: text },
  role: {
    env: "PAPERPULSE_ROLE",
    doc: "What this process does: all (web and worker in one process, the embedded default), web (serves pages and search, keeps its vector index current; runs no jobs) or worker (runs queued and scheduled jobs: embedding, daily ingest, digests; serves only to report health).",
    default: "all" as ProcessRole,
    parse: processRole,
  },
  dataDir: {
    env: "PAPERPULSE_DATA",
    doc: "Folder holding the embedded SQLite database (paperpulse.db).",
    default: "./data",
    parse: text,
  },
  publicUrl: {
    env: "PAPERPULSE_PUBLIC_URL",
    doc: "The address people reach this instance at (https://papers.example.org), for absolute links in feeds and mails (empty: each request's Host, and http://HOST:PORT in mails); https:// also marks cookies Secure.",
    default: "",
    parse: publicUrl,
  },
  trustProxy: {
    env: "PAPERPULSE_TRUST_PROXY",
    doc: "Reverse proxies whose X-Forwarded-For/-Proto to believe (addresses, CIDR ranges, or loopback/linklocal/uniquelocal, comma-separated), so rate limits see each visitor's address; empty: none (direct connections).",
    default: "",
    parse: trustedProxies,
  },
  databaseUrl: {
    env: "PAPERPULSE_DATABASE_URL",
    doc: "PostgreSQL URL (postgres://user:password@host:5432/db) for the scale-out tier; empty: the embedded SQLite file in PAPERPULSE_DATA.",
    default: "",
    parse: databaseUrl,
    secret: true,
  },
  loadDemo: {
    env: "PAPERPULSE_DEMO",
    doc: "Load the bundled demo papers when the database is empty.",
    default: true,
    parse: bool,
  },
  pageCacheSeconds: {
    env: "PAPERPULSE_PAGE_CACHE_SECONDS",
    doc: "How long a rendered public page may be served again before it is rendered anew (0 turns the cache off).",
    default: 5,
    parse: seconds,
  },
  logRequests: {
    env: "PAPERPULSE_LOG_REQUESTS",
    doc: "Log every HTTP request and response (costs throughput on busy servers).",
    default: false,
    parse: bool,
  },
  logLevel: {
    env: "PAPERPULSE_LOG_LEVEL",
    doc: "Server log level (fatal, error, warn, info, debug, trace, silent).",
    default: "info",
    parse: logLevel,
  },
  arxivApiUrl: {
    env: "PAPERPULSE_ARXIV_API_URL",
    doc: "arXiv API (Atom) endpoint used for look-ups by id.",
    default: "https://export.arxiv.org/api/query",
    parse: httpUrl,
  },
  arxivOaiUrl: {
    env: "PAPERPULSE_ARXIV_OAI_URL",
    doc: "arXiv OAI-PMH endpoint used for bulk and incremental harvests.",
    default: "https://oaipmh.arxiv.org/oai",
    parse: httpUrl,
  },
  arxivFeedUrl: {
    env: "PAPERPULSE_ARXIV_FEED_URL",
    doc: "Base URL of arXiv's per-category announcement feeds (Atom).",
    default: "https://rss.arxiv.org/atom",
    parse: httpUrl,
  },
  categories: {
    env: "PAPERPULSE_CATEGORIES",
    doc: "arXiv categories whose daily announcements are fetched and whose OAI-PMH sets the daily ingest harvests, comma-separated (e.g. cs.AI,cs.CL).",
    default: ["cs.AI", "cs.CL", "cs.CV", "cs.LG"],
    parse: categoryList,
  },
  contactEmail: {
    env: "PAPERPULSE_CONTACT_EMAIL",
    doc: "Contact address sent to arXiv in the User-Agent (empty: a generic User-Agent and a warning at harvest time).",
    default: "",
    parse: email,
  },
  arxivIntervalMs: {
    env: "PAPERPULSE_ARXIV_INTERVAL_MS",
    doc: "Minimum milliseconds between two requests to arXiv, retries included (arXiv asks for 3000).",
    default: 3000,
    parse: intervalMs,
  },
  ingestEnabled: {
    env: "PAPERPULSE_INGEST_ENABLED",
    doc: "Run the daily arXiv ingest (OAI-PMH harvest + announcements) on PAPERPULSE_INGEST_SCHEDULE inside the server (off: the demo stays offline).",
    default: false,
    parse: bool,
  },
  ingestSchedule: {
    env: "PAPERPULSE_INGEST_SCHEDULE",
    doc: "Cron schedule of the daily ingest, New York time (default: 20:30 Sunday–Thursday, after arXiv's 20:00 announcement).",
    default: "30 20 * * 0-4",
    parse: cronSchedule,
  },
  refreshWindowDays: {
    env: "PAPERPULSE_REFRESH_WINDOW_DAYS",
    doc: "The daily refresh re-reads papers of this many recent days from the arXiv API when they are stale.",
    default: 14,
    parse: wholeNumber(0, 3_650),
  },
  refreshAfterDays: {
    env: "PAPERPULSE_REFRESH_AFTER_DAYS",
    doc: "A paper read from arXiv (harvest or API) less than this many days ago is not stale.",
    default: 3,
    parse: wholeNumber(0, 3_650),
  },
  refreshLimit: {
    env: "PAPERPULSE_REFRESH_LIMIT",
    doc: "Most papers one refresh asks the arXiv API for (100 per request, one request per interval).",
    default: 1_000,
    parse: wholeNumber(0, 100_000),
  },
  vectorIndex: {
    env: "PAPERPULSE_VECTOR_INDEX",
    doc: "Nearest-neighbour index for search by meaning: auto (exact scan below 20,000 papers, HNSW graph above; ADR 0008), exact or hnsw.",
    default: "auto" as VectorIndexKind,
    parse: vectorIndexKind,
  },
  embedIntervalSeconds: {
    env: "PAPERPULSE_EMBED_INTERVAL_SECONDS",
    doc: "How often a worker looks for papers without vectors (imports by another process, papers whose text changed) and queues an embedding pass, and how often a web node reads new vectors into its index. A submission fetched from arXiv queues its pass at once.",
    default: 60,
    parse: wholeNumber(1, 3_600),
  },
  modelPath: {
    env: "PAPERPULSE_MODEL_PATH",
    doc: "Folder of a static embedding model in the bundled model's format (empty: the bundled models/paperpulse-arxiv-static).",
    default: "",
    parse: text,
  },
  titleModelPath: {
    env: "PAPERPULSE_TITLE_MODEL_PATH",
    doc: "Folder of the title model hybrid ranking compares queries with titles by, in the same format (empty: the bundled models/paperpulse-arxiv-titles).",
    default: "",
    parse: text,
  },
  smtpHost: {
    env: "PAPERPULSE_SMTP_HOST",
    doc: "SMTP server for sign-in links and digests (empty: mails are written to the server log instead).",
    default: "",
    parse: text,
  },
  smtpPort: { env: "PAPERPULSE_SMTP_PORT", doc: "SMTP server port.", default: 587, parse: port },
  smtpSecure: {
    env: "PAPERPULSE_SMTP_SECURE",
    doc: "TLS from the first byte (port 465); when off, STARTTLS is used if the server offers it.",
    default: false,
    parse: bool,
  },
  smtpUser: {
    env: "PAPERPULSE_SMTP_USER",
    doc: "SMTP user name (empty: no authentication).",
    default: "",
    parse: text,
  },
  smtpPassword: {
    env: "PAPERPULSE_SMTP_PASSWORD",
    doc: "SMTP password.",
    default: "",
    parse: text,
    secret: true,
  },
  mailFrom: {
    env: "PAPERPULSE_MAIL_FROM",
    doc: "Sender of every mail.",
    default: "PaperPulse <paperpulse@localhost>",
    parse: text,
  },
  sessionDays: {
    env: "PAPERPULSE_SESSION_DAYS",
    doc: "How many days a sign-in lasts before the person must sign in again.",
    default: 30,
    parse: wholeNumber(1, 365),
  },
  signInLimitPerHour: {
    env: "PAPERPULSE_SIGNIN_LIMIT_PER_HOUR",
    doc: "Sign-in attempts (links asked for, passwords tried) allowed per hour per address and per IP (0: unlimited).",
    default: 10,
    parse: wholeNumber(0, 100_000),
  },
  voteLimitPerMinute: {
    env: "PAPERPULSE_VOTE_LIMIT_PER_MINUTE",
    doc: "Votes and un-votes allowed per minute per user and per IP (0: unlimited).",
    default: 60,
    parse: wholeNumber(0, 100_000),
  },
  submissionMaxAgeDays: {
    env: "PAPERPULSE_SUBMISSION_MAX_AGE_DAYS",
    doc: "How many days after its newest version a paper may still be submitted.",
    default: 14,
    parse: wholeNumber(0, 3_650),
  },
  submissionDailyQuota: {
    env: "PAPERPULSE_SUBMISSION_DAILY_QUOTA",
    doc: "Papers one person may submit per UTC day (a submission of a listed paper is an upvote and does not count).",
    default: 5,
    parse: wholeNumber(0, 10_000),
  },
  submissionLimitPerHour: {
    env: "PAPERPULSE_SUBMISSION_LIMIT_PER_HOUR",
    doc: "Submission attempts allowed per hour per user and per IP (0: unlimited).",
    default: 20,
    parse: wholeNumber(0, 100_000),
  },
  arxivLookUpLimitPerHour: {
    env: "PAPERPULSE_ARXIV_LOOKUP_LIMIT_PER_HOUR",
    doc: "Papers not stored here that one user or IP may have looked up on arXiv per hour, by previews and submissions (0: unlimited).",
    default: 30,
    parse: wholeNumber(0, 100_000),
  },
  digestEnabled: {
    env: "PAPERPULSE_DIGEST_ENABLED",
    doc: "Send email digests from the server on PAPERPULSE_DIGEST_SCHEDULE (both tiers; with several workers one plans each run and all send; off: only `paperpulse digest send` sends them).",
    default: false,
    parse: bool,
  },
  digestSchedule: {
    env: "PAPERPULSE_DIGEST_SCHEDULE",
    doc: "Cron schedule on which the server looks for due digests (each subscriber's own hour and zone decide when theirs is due).",
    default: "*/15 * * * *",
    parse: cronSchedule,
  },
  digestRatePerMinute: {
    env: "PAPERPULSE_DIGEST_RATE_PER_MINUTE",
    doc: "Most digest mails sent per minute (0: no limit).",
    default: 300,
    parse: wholeNumber(0, 1_000_000),
  },
  digestRetryLimit: {
    env: "PAPERPULSE_DIGEST_RETRY_LIMIT",
    doc: "Retries of a digest after a temporary SMTP failure (4xx, connection lost); the default's doubling waits span about 4 hours of mail server outage.",
    default: 8,
    parse: wholeNumber(0, 20),
  },
  digestRetryDelaySeconds: {
    env: "PAPERPULSE_DIGEST_RETRY_DELAY_SECONDS",
    doc: "Seconds before the first retry; each further retry waits twice as long.",
    default: 60,
    parse: wholeNumber(0, 86_400),
  },
  digestLeaseSeconds: {
    env: "PAPERPULSE_DIGEST_LEASE_SECONDS",
    doc: "How long a sending process holds a digest job; a job held longer (its process died) is taken over, and a digest it was sending is never sent twice (ADR 0009).",
    default: 300,
    parse: wholeNumber(1, 86_400),
  },
  digestBounceLimit: {
    env: "PAPERPULSE_DIGEST_BOUNCE_LIMIT",
    doc: "Permanent SMTP failures (5xx) in a row after which a subscriber is marked bouncing and gets no more digests.",
    default: 3,
    parse: wholeNumber(1, 100),
  },
} satisfies Record<string, SettingSpec<unknown>>;

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: Settings[K]["default"] } & { databasePath: string };

/** Builds the validated configuration; throws one error naming every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec<unknown>][]) {
    const raw = env[spec.env];
    if (raw === undefined || raw === "") {
      values[key] = spec.default;
      continue;
    }
    try {
      values[key] = spec.parse(raw);
    } catch (error) {
      problems.push(`${spec.env}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  const config = values as Omit<Config, "databasePath">;
  return { ...config, databasePath: path.resolve(config.dataDir, "paperpulse.db") };
}

/** The settings as a table for `paperpulse config` and the README, secrets masked. */
export function describeConfig(config: Config): { env: string; value: string; doc: string }[] {
  return (Object.entries(SETTINGS) as [keyof Settings, SettingSpec<unknown>][]).map(([key, spec]) => ({
    env: spec.env,
    value: spec.secret ? "********" : String(config[key]),
    doc: spec.doc,
  }));
}
