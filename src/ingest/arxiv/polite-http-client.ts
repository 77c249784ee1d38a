import { setTimeout as delay } from "node:timers/promises";
import type { Config } from "../../config.js";
import { packageVersion } from "../../package-info.js";
import type { HttpGetter, HttpResponse } from "./http.js";

/**
 * The one HTTP client every arXiv source uses, following arXiv's rules for robots: one request at
 * a time, each starting at least `minIntervalMs` after the previous one finished (retries
 * included), a descriptive User-Agent with a contact address, and backing off on 503/429 while
 * honouring Retry-After.
 *
 * Why from the previous *finish*, not start: arXiv sees arrivals, and the first request on a fresh
 * connection arrives later than the next one, so start-to-start spacing can look closer than the
 * interval on arXiv's side. Finish-to-start spacing guarantees the gap there too.
 *
 * Why hand-written: the whole policy is "a serialized queue with a minimum gap after each
 * request", about twenty lines. The usual libraries space *starts* (Bottleneck's minTime, which
 * has had no release since 2019; p-queue's interval counts starts per window, so two starts can
 * fall either side of a window boundary), and neither knows about Retry-After.
 */
export interface PoliteHttpClientOptions {
  userAgent: string;
  /** Minimum milliseconds from the end of one request to the start of the next, retries included. */
  minIntervalMs: number;
  /** Per attempt, headers and body together. */
  timeoutMs: number;
  /** Attempts per `get`, the first included. */
  maxAttempts: number;
  /** Longest Retry-After honoured; longer ones are cut to this. Default 5 minutes. */
  maxRetryAfterMs?: number;
  /** First backoff after a failure without Retry-After; doubles per attempt. Default 2 s. */
  backoffBaseMs?: number;
  /** Cap of the exponential backoff. Default 60 s. */
  maxBackoffMs?: number;
  /** Test seams: how to wait, and the wall clock (epoch ms; also used for Retry-After dates). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  clock?: () => number;
  /** Told before each wait for a retry, so a command can say why it pauses. */
  onRetry?: (event: RetryEvent) => void;
  /** Shared with the other clients of this process that call the same service; else the client's own. */
  gate?: RequestGate;
}

/**
 * The spacing of requests to one service, shared by every client of a process that calls it (the
 * server's submission look-ups and its daily ingest): a request starts only when no other is in
 * flight and the interval has passed since the last one finished. A client waits out its retries'
 * backoff outside the gate, so a person's look-up waits for the request in flight at most, not for
 * a harvest's Retry-After.
 */
export class RequestGate {
  private lastFinishedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;

  /** Waits for the turn (throwing the signal's reason when it aborts first); returns the function that ends it. */
  async enter(
    minIntervalMs: number,
    notBefore: number,
    clock: () => number,
    waitUntil: (at: number) => Promise<void>,
    signal: AbortSignal | undefined,
  ): Promise<() => void> {
    for (;;) {
      if (this.inFlight) {
        await untilSettledOrAborted(this.inFlight, signal);
        continue;
      }
      const at = Math.max(this.lastFinishedAt + minIntervalMs, notBefore);
      if (at > clock()) {
        const finishedBefore = this.lastFinishedAt;
        await waitUntil(at);
        // Another client took a turn during the wait: the interval counts again from its finish. (The
        // clock itself is not asked again: a test's sleep may return without moving it.)
        if (this.inFlight || this.lastFinishedAt !== finishedBefore) continue;
      }
      let leave = () => {};
      this.inFlight = new Promise<void>((resolve) => {
        leave = () => {
          this.lastFinishedAt = clock();
          this.inFlight = null;
          resolve();
        };
      });
      return leave;
    }
  }
}

async function untilSettledOrAborted(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  signal?.throwIfAborted();
  if (!signal) return promise;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([promise, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** Every arXiv client of this process: arXiv counts one client's requests per machine. */
const ARXIV_GATE = new RequestGate();

export interface RetryEvent {
  url: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Thrown when every attempt failed; says the URL, the attempts and the last status or cause. */
export class HttpRetriesExhaustedError extends Error {
  override name = "HttpRetriesExhaustedError";
  constructor(
    readonly url: string,
    readonly attempts: number,
    readonly lastFailure: string,
    readonly lastStatus?: number,
  ) {
    super(`GET ${url} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}; last: ${lastFailure}`);
  }
}

/** Statuses that mean "later, please": retried. Any other status goes back to the caller. */
const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export function createPoliteHttpClient(options: PoliteHttpClientOptions): HttpGetter {
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const clock = options.clock ?? Date.now;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 300_000;
  const backoffBaseMs = options.backoffBaseMs ?? 2_000;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;

  const gate = options.gate ?? new RequestGate();
  // Each get() chains onto the previous one, so this client's requests (and retries) keep their order.
  let queue: Promise<unknown> = Promise.resolve();

  async function waitUntil(at: number, signal: AbortSignal | undefined): Promise<void> {
    const wait = at - clock();
    if (wait > 0) {
      try {
        await sleep(wait, signal);
      } catch (error) {
        // An abort during the wait surfaces as the caller's reason, not as the timer's AbortError.
        signal?.throwIfAborted();
        throw error;
      }
    }
    signal?.throwIfAborted();
  }

  async function attempt(url: string, signal: AbortSignal | undefined): Promise<AttemptOutcome> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      const response = await fetch(url, {
        headers: { "user-agent": options.userAgent },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { kind: "response", response: { status: response.status, headers, body } };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) return { kind: "failure", reason: `timed out after ${options.timeoutMs} ms` };
      return { kind: "failure", reason: describeNetworkError(error) };
    }
  }

  async function getWithRetries(url: string, signal: AbortSignal | undefined): Promise<HttpResponse> {
    let notBefore = Number.NEGATIVE_INFINITY;
    for (let attemptNo = 1; ; attemptNo++) {
      const leave = await gate.enter(
        options.minIntervalMs,
        notBefore,
        clock,
        (at) => waitUntil(at, signal),
        signal,
      );
      const outcome = await attempt(url, signal).finally(leave);
      if (outcome.kind === "response" && !RETRYABLE_STATUSES.has(outcome.response.status))
        return outcome.response;

      const status = outcome.kind === "response" ? outcome.response.status : undefined;
      const reason = outcome.kind === "response" ? `HTTP ${outcome.response.status}` : outcome.reason;
      if (attemptNo >= options.maxAttempts)
        throw new HttpRetriesExhaustedError(url, attemptNo, reason, status);

      const backoff = Math.min(maxBackoffMs, backoffBaseMs * 2 ** (attemptNo - 1));
      const retryAfter =
        outcome.kind === "response"
          ? parseRetryAfter(outcome.response.headers["retry-after"], clock())
          : undefined;
      const delayMs = retryAfter === undefined ? backoff : Math.min(retryAfter, maxRetryAfterMs);
      options.onRetry?.({ url, attempt: attemptNo, delayMs, reason });
      notBefore = clock() + delayMs;
    }
  }

  return {
    get(url, requestOptions) {
      const result = queue.then(() => getWithRetries(url, requestOptions?.signal));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}

type AttemptOutcome = { kind: "response"; response: HttpResponse } | { kind: "failure"; reason: string };

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1_000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** undici reports "fetch failed" with the socket error as its cause; name the cause. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code} (${cause.message})` : cause.message;
  }
  return error.message;
}

/**
 * "PaperPulse/0.1.0 (+https://…; mailto:ops@example.org)": who we are and how to reach the operator,
 * as arXiv asks of robots. Without a contact address the User-Agent stays generic.
 */
export function buildUserAgent(version: string, contactEmail: string, homepage?: string): string {
  const details = [homepage ? `+${homepage}` : "self-hosted arXiv papers hub"];
  if (contactEmail) details.push(`mailto:${contactEmail}`);
  return `PaperPulse/${version} (${details.join("; ")})`;
}

/** The client the CLI and the worker use: arXiv's interval and the operator's contact from configuration. */
export function createArxivHttpClient(
  config: Pick<Config, "contactEmail" | "arxivIntervalMs">,
  overrides: Partial<PoliteHttpClientOptions> = {},
): HttpGetter {
  return createPoliteHttpClient({
    userAgent: buildUserAgent(packageVersion(), config.contactEmail),
    minIntervalMs: config.arxivIntervalMs,
    timeoutMs: 60_000,
    maxAttempts: 5,
    gate: ARXIV_GATE,
    ...overrides,
  });
}

/**
 * The client for look-ups a person waits on (the preview of a submission): the same interval, but a
 * failing arXiv is reported within seconds. The batch client's five attempts with backoff kept a
 * submitter waiting 30 s when arXiv could not be reached, and minutes when it did not answer.
 */
export function createInteractiveArxivHttpClient(
  config: Pick<Config, "contactEmail" | "arxivIntervalMs">,
  overrides: Partial<PoliteHttpClientOptions> = {},
): HttpGetter {
  return createArxivHttpClient(config, {
    timeoutMs: 10_000,
    maxAttempts: 2,
    maxRetryAfterMs: 5_000,
    ...overrides,
  });
}
