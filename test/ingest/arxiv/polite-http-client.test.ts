import { afterEach, describe, expect, it } from "vitest";
import {
  buildUserAgent,
  createInteractiveArxivHttpClient,
  createPoliteHttpClient,
  HttpRetriesExhaustedError,
  type PoliteHttpClientOptions,
  parseRetryAfter,
  RequestGate,
  type RetryEvent,
} from "../../../src/ingest/arxiv/polite-http-client.js";
import {
  type FixtureRoute,
  type FixtureServer,
  requestGaps,
  startFixtureServer,
} from "../../support/fixture-server.js";

const INTERVAL_MS = 150;
// Timers may fire a millisecond or two early relative to the server's clock.
const TIMER_SLACK_MS = 5;
const PAGE = { status: 200, body: "<feed/>" };

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: FixtureRoute[]): Promise<FixtureServer> {
  server = await startFixtureServer(routes);
  return server;
}

function client(overrides: Partial<PoliteHttpClientOptions> = {}) {
  return createPoliteHttpClient({
    userAgent: "PaperPulse/test (mailto:ops@example.org)",
    minIntervalMs: INTERVAL_MS,
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoffBaseMs: 50,
    ...overrides,
  });
}

describe("polite HTTP client", () => {
  it("sends one request at a time, no two starts closer than the interval, with its User-Agent", async () => {
    const { url, requests } = await serve([{ path: "/api/query", responses: [PAGE] }]);
    const http = client();
    const responses = await Promise.all(
      Array.from({ length: 5 }, (_, i) => http.get(`${url}/api/query?start=${i}`)),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    // Queued in call order.
    expect(requests.map((r) => r.query.get("start"))).toEqual(["0", "1", "2", "3", "4"]);
    for (const gap of requestGaps(requests)) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
    expect(
      requests.every((r) => r.headers["user-agent"] === "PaperPulse/test (mailto:ops@example.org)"),
    ).toBe(true);
  });

  it("spaces the requests of clients sharing a gate as one client's, whichever asks", async () => {
    const { url, requests } = await serve([{ path: "/api/query", responses: [PAGE] }]);
    const gate = new RequestGate();
    const harvest = client({ gate });
    const lookups = client({ gate, maxAttempts: 2 });
    await Promise.all([
      ...[0, 1, 2].map((i) => harvest.get(`${url}/api/query?start=${i}`)),
      ...[0, 1].map((i) => lookups.get(`${url}/api/query?id_list=${i}`)),
    ]);
    expect(requests).toHaveLength(5);
    for (const gap of requestGaps(requests)) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
  });

  it("lets another client of the gate go while one waits out a Retry-After", async () => {
    const { url, requests } = await serve([
      {
        path: "/api/query",
        query: (params) => params.has("start"),
        responses: [{ status: 503, headers: { "retry-after": "1" }, body: "busy" }, PAGE],
      },
      { path: "/api/query", responses: [PAGE] },
    ]);
    const gate = new RequestGate();
    const harvest = client({ gate }).get(`${url}/api/query?start=0`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const lookup = await client({ gate }).get(`${url}/api/query?id_list=2501.00001`);
    expect(lookup.status).toBe(200);
    expect((await harvest).status).toBe(200);
    // The look-up went between the harvest's two attempts, an interval after the first.
    expect(requests.map((request) => request.query.has("start"))).toEqual([true, false, true]);
    expect(requestGaps(requests)[0]).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
    expect(requestGaps(requests)[0]).toBeLessThan(1_000);
  });

  it("counts the interval from another client's request that finished while this one waited", async () => {
    let now = 0;
    const clock = () => now;
    const waitsFor: number[] = [];
    const releases: (() => void)[] = [];
    const wait = (at: number) => {
      waitsFor.push(at);
      return new Promise<void>((resolve) => releases.push(resolve));
    };
    const gate = new RequestGate();
    // A harvest's retry, due at 1000 (its Retry-After), waits.
    const retry = gate.enter(100, 1_000, clock, wait, undefined);
    // A look-up starts at 950 and finishes at 999, while the retry waits.
    now = 950;
    const leaveLookup = await gate.enter(100, 0, clock, wait, undefined);
    now = 999;
    leaveLookup();
    now = 1_000;
    releases.shift()?.();
    // The retry waits on, until the interval has passed since the look-up finished.
    await new Promise((resolve) => setImmediate(resolve));
    expect(waitsFor).toEqual([1_000, 1_099]);
    now = 1_099;
    releases.shift()?.();
    (await retry)();
  });

  it("returns headers in lower case and 4xx other than 429 to the caller without retrying", async () => {
    const { url, requests } = await serve([
      { path: "/api/query", responses: [{ status: 400, headers: { "X-Arxiv": "err" }, body: "<feed/>" }] },
    ]);
    const response = await client().get(`${url}/api/query?id_list=abc`);
    expect(response).toMatchObject({ status: 400, body: "<feed/>" });
    expect(response.headers["x-arxiv"]).toBe("err");
    expect(requests).toHaveLength(1);
  });

  it("waits as long as Retry-After (seconds) says after a 503, then gets the page", async () => {
    const { url, requests } = await serve([
      {
        path: "/api/query",
        responses: [{ status: 503, headers: { "retry-after": "1" }, body: "busy" }, PAGE],
      },
    ]);
    const retries: RetryEvent[] = [];
    const response = await client({ onRetry: (event) => retries.push(event) }).get(`${url}/api/query`);
    expect(response.status).toBe(200);
    expect(retries).toMatchObject([{ attempt: 1, delayMs: 1_000, reason: "HTTP 503" }]);
    expect(requestGaps(requests)[0]).toBeGreaterThanOrEqual(1_000 - TIMER_SLACK_MS);
  });

  it("honours a Retry-After given as an HTTP date", async () => {
    // Whole seconds, 1–2 s ahead: HTTP dates carry no milliseconds.
    const at = new Date(Math.ceil(Date.now() / 1_000) * 1_000 + 1_000);
    const { url, requests } = await serve([
      {
        path: "/api/query",
        responses: [{ status: 503, headers: { "retry-after": at.toUTCString() }, body: "busy" }, PAGE],
      },
    ]);
    const retries: RetryEvent[] = [];
    await client({ onRetry: (event) => retries.push(event) }).get(`${url}/api/query`);
    expect(retries[0]!.delayMs).toBeGreaterThan(INTERVAL_MS);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(retries[0]!.delayMs - TIMER_SLACK_MS);
  });

  it("caps Retry-After at maxRetryAfterMs", async () => {
    const { url } = await serve([
      {
        path: "/api/query",
        responses: [{ status: 503, headers: { "retry-after": "3600" }, body: "" }, PAGE],
      },
    ]);
    const retries: RetryEvent[] = [];
    await client({ maxRetryAfterMs: 300, onRetry: (event) => retries.push(event) }).get(`${url}/api/query`);
    expect(retries.map((r) => r.delayMs)).toEqual([300]);
  });

  it("retries 429, 502 and 504 with exponential backoff, still keeping the interval", async () => {
    const { url, requests } = await serve([
      {
        path: "/api/query",
        responses: [
          { status: 429, body: "slow down" },
          { status: 502, body: "" },
          { status: 504, body: "" },
          PAGE,
        ],
      },
    ]);
    const retries: RetryEvent[] = [];
    const response = await client({ maxAttempts: 4, onRetry: (event) => retries.push(event) }).get(
      `${url}/api/query`,
    );
    expect(response.status).toBe(200);
    expect(retries.map((r) => [r.reason, r.delayMs])).toEqual([
      ["HTTP 429", 50],
      ["HTTP 502", 100],
      ["HTTP 504", 200],
    ]);
    // The backoffs of 50 and 100 ms are shorter than the interval, which still applies.
    for (const gap of requestGaps(requests)) expect(gap).toBeGreaterThanOrEqual(INTERVAL_MS - TIMER_SLACK_MS);
  });

  it("retries after a connection reset and after a truncated body", async () => {
    const { url, requests } = await serve([
      {
        path: "/api/query",
        responses: [{ fault: "reset" }, { fault: "truncate", body: "<feed>a long page</feed>" }, PAGE],
      },
    ]);
    const retries: RetryEvent[] = [];
    const response = await client({ onRetry: (event) => retries.push(event) }).get(`${url}/api/query`);
    expect(response.body).toBe("<feed/>");
    expect(requests).toHaveLength(3);
    expect(retries).toHaveLength(2);
    expect(retries[0]!.reason).toMatch(/ECONNRESET|socket|closed/i);
  });

  it("retries after a timeout", async () => {
    const { url, requests } = await serve([{ path: "/api/query", responses: [{ fault: "timeout" }, PAGE] }]);
    const retries: RetryEvent[] = [];
    const response = await client({ timeoutMs: 300, onRetry: (event) => retries.push(event) }).get(
      `${url}/api/query`,
    );
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
    expect(retries[0]!.reason).toBe("timed out after 300 ms");
  });

  it("gives up after maxAttempts with a typed error naming the URL, attempts and last status", async () => {
    const { url, requests } = await serve([
      { path: "/api/query", responses: [{ status: 503, body: "down" }] },
    ]);
    const target = `${url}/api/query?id_list=2501.00001`;
    const error = await client()
      .get(target)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpRetriesExhaustedError);
    expect(error).toMatchObject({ url: target, attempts: 3, lastStatus: 503, lastFailure: "HTTP 503" });
    expect((error as Error).message).toBe(`GET ${target} failed after 3 attempts; last: HTTP 503`);
    expect(requests).toHaveLength(3);
  });

  it("answers a person waiting on a look-up within seconds when arXiv stays unavailable", async () => {
    const { url, requests } = await serve([
      { path: "/api/query", responses: [{ status: 503, headers: { "retry-after": "600" }, body: "down" }] },
    ]);
    const waits: number[] = [];
    const http = createInteractiveArxivHttpClient(
      { contactEmail: "", arxivIntervalMs: 0 },
      { sleep: async (ms) => void waits.push(ms) },
    );
    await expect(http.get(`${url}/api/query?id_list=2501.00001`)).rejects.toMatchObject({
      attempts: 2,
      lastStatus: 503,
    });
    expect(requests).toHaveLength(2);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(5_000);
  });

  it("gives up on repeated connection errors naming the cause, and keeps serving later requests", async () => {
    const { url } = await serve([
      { path: "/down", responses: [{ fault: "reset" }] },
      { path: "/up", responses: [PAGE] },
    ]);
    const http = client({ maxAttempts: 2 });
    const failed = http.get(`${url}/down`);
    const next = http.get(`${url}/up`);
    await expect(failed).rejects.toMatchObject({ attempts: 2, lastStatus: undefined });
    await expect(failed).rejects.toThrow(/failed after 2 attempts; last: .+/);
    await expect(next).resolves.toMatchObject({ status: 200 });
  });

  it("stops waiting when the caller aborts", async () => {
    const { url } = await serve([{ path: "/api/query", responses: [{ fault: "timeout" }] }]);
    const controller = new AbortController();
    const pending = client().get(`${url}/api/query`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stopped by the user")), 100);
    await expect(pending).rejects.toThrow("stopped by the user");
  });

  it("stops waiting for its turn when the caller aborts, without sending", async () => {
    const { url, requests } = await serve([{ path: "/api/query", responses: [PAGE] }]);
    const http = client({ minIntervalMs: 5_000 });
    await http.get(`${url}/api/query`);
    const controller = new AbortController();
    const pending = http.get(`${url}/api/query`, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stopped by the user")), 50);
    await expect(pending).rejects.toThrow("stopped by the user");
    expect(requests).toHaveLength(1);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-02T10:00:00Z");
  it("reads seconds and HTTP dates, ignoring what it cannot read", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Mon, 02 Mar 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("buildUserAgent", () => {
  it("names PaperPulse, its version and the contact address", () => {
    expect(buildUserAgent("0.1.0", "ops@example.org")).toBe(
      "PaperPulse/0.1.0 (self-hosted arXiv papers hub; mailto:ops@example.org)",
    );
    expect(buildUserAgent("0.1.0", "", "https://papers.example.org")).toBe(
      "PaperPulse/0.1.0 (+https://papers.example.org)",
    );
  });
});
