import fs from "node:fs";
import path from "node:path";
import type { HttpGetter } from "../../../src/ingest/arxiv/http.js";
import { createPoliteHttpClient } from "../../../src/ingest/arxiv/polite-http-client.js";
import type { FixtureResponse, FixtureRoute, RecordedRequest } from "../../support/fixture-server.js";
import { sharedDataPath } from "../../support/shared-data.js";
import { FIXTURES } from "../helpers.js";

/** Recorded arXiv OAI-PMH responses (read in place) and the hand-written pages beside the tests. */
export const RECORDED_OAI = sharedDataPath("arxiv-api-fixtures", "oai-pmh-arxiv");
const HAND_WRITTEN = path.join(FIXTURES, "oai-pmh");

export function recordedPage(name: string): string {
  return fs.readFileSync(path.join(RECORDED_OAI, name), "utf8");
}

/** A page written by hand (see test/ingest/fixtures/oai-pmh/README.md: no real paged or arXivRaw page exists). */
export function handWrittenPage(name: string): string {
  return fs.readFileSync(path.join(HAND_WRITTEN, name), "utf8");
}

export const OAI_PATH = "/oai";

/** The three-page list: the first request has no token, then tokens 6960524|1001 and 6960524|2001. */
export const LIST_TOKENS = [null, "6960524|1001", "6960524|2001"] as const;
export const LIST_PAGES = ["list-page-1.xml", "list-page-2.xml", "list-page-3.xml"] as const;
/** The seven papers the three pages hold (a deleted and an invalid record are not among them). */
export const LIST_PAPER_IDS = [
  "2501.00001",
  "2501.00002",
  "2501.00003",
  "2501.00004",
  "2501.00006",
  "2501.00007",
  "2501.00008",
];

export function ok(body: string): FixtureResponse {
  return { status: 200, headers: { "content-type": "text/xml" }, body };
}

/** Which page of the list a request asks for (0-based), by its resumption token. */
export function pageIndexOf(request: RecordedRequest): number {
  const token = request.query.get("resumptionToken");
  const index = LIST_TOKENS.indexOf(token as (typeof LIST_TOKENS)[number]);
  if (index < 0) throw new Error(`unexpected token ${token}`);
  return index;
}

/**
 * The three-page list, each page answering its own sequence of responses (the last one repeating),
 * so a test can put a fault on one page: `{ 1: [fault, ok(page2)] }`.
 */
export function listRoute(overrides: Partial<Record<0 | 1 | 2, FixtureResponse[]>> = {}): FixtureRoute {
  const served = [0, 0, 0];
  return {
    path: OAI_PATH,
    responses: (request) => {
      const index = pageIndexOf(request) as 0 | 1 | 2;
      const sequence = overrides[index] ?? [ok(handWrittenPage(LIST_PAGES[index]))];
      const response = sequence[Math.min(served[index]!, sequence.length - 1)]!;
      served[index]!++;
      return response;
    },
  };
}

/** ListSets requests, answered in order (the last repeating); put it before a route that takes every request. */
export function setsRoute(
  responses: FixtureResponse[] = [ok(handWrittenPage("list-sets.xml"))],
): FixtureRoute {
  return { path: OAI_PATH, query: (params) => params.get("verb") === "ListSets", responses };
}

/** The polite client with test-sized waits. */
export function testClient(): HttpGetter {
  return createPoliteHttpClient({
    userAgent: "PaperPulse/test (mailto:test@example.org)",
    minIntervalMs: 5,
    timeoutMs: 2_000,
    maxAttempts: 3,
    backoffBaseMs: 5,
  });
}
