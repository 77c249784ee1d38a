import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "../../src/community/errors.js";
import {
  MemoryRateLimiter,
  type RateLimit,
  type RateLimiter,
  SharedRateLimiter,
  waitText,
} from "../../src/community/rate-limiter.js";
import type { Stores } from "../../src/store/community-stores.js";
import { openPostgresStores } from "../../src/store/postgres/open-stores.js";
import { TEST_DATABASE_URL, testSchemaUrl } from "../support/postgres.js";

const LIMITS: Record<string, RateLimit> = { vote: { max: 3, windowMs: 60_000 } };

class Clock {
  time = Date.parse("2025-09-12T10:00:00.000Z");
  readonly now = () => this.time;
}

async function refusedAfter(limiter: RateLimiter, keys: string[]): Promise<number | null> {
  try {
    await limiter.hit("vote", keys);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return error.retryAfterSeconds;
  }
}

/** What every limiter does within one web process. */
function describeRateLimiter(name: string, open: (clock: Clock) => Promise<RateLimiter>): void {
  describe(`rate limiter: ${name}`, () => {
    it("allows max attempts per window for every key, then refuses with the time left", async () => {
      const clock = new Clock();
      const limiter = await open(clock);
      for (let attempt = 0; attempt < 3; attempt++)
        expect(await refusedAfter(limiter, ["user:a", "ip:1"])).toBeNull();
      clock.time += 15_000;
      expect(await refusedAfter(limiter, ["user:a", "ip:2"])).toBe(45);
      expect(await refusedAfter(limiter, ["user:b", "ip:1"])).toBe(45);
      // The refused attempts counted for neither user:b nor ip:2.
      for (let attempt = 0; attempt < 3; attempt++)
        expect(await refusedAfter(limiter, ["user:b", "ip:2"])).toBeNull();
      clock.time += 45_000;
      expect(await refusedAfter(limiter, ["user:a", "ip:1"])).toBeNull();
      expect(await limiter.hit("unlimited-action", ["user:a"])).toBeUndefined();
    });
  });
}

describeRateLimiter("in memory", async (clock) => new MemoryRateLimiter(LIMITS, clock.now));

describe("the refusal's wording", () => {
  it("says how long to wait, rounded up to a unit a person reads at a glance", async () => {
    expect([1, 45, 60, 61, 3_540, 3_558, 3_600, 7_201].map(waitText)).toEqual([
      "a second",
      "45 seconds",
      "a minute",
      "2 minutes",
      "59 minutes",
      "an hour",
      "an hour",
      "3 hours",
    ]);
    const clock = new Clock();
    const limiter = new MemoryRateLimiter({ "sign-in": { max: 1, windowMs: 3_600_000 } }, clock.now);
    await limiter.hit("sign-in", ["ip:1"]);
    clock.time += 60_000;
    await expect(limiter.hit("sign-in", ["ip:1"])).rejects.toThrow(
      "Too many sign-in requests; try again in 59 minutes.",
    );
  });
});

describe.skipIf(TEST_DATABASE_URL === null)("rate limits shared through PostgreSQL", () => {
  // Two web nodes: two pools on one database.
  let nodes: Stores[] = [];
  beforeAll(async () => {
    const url = await testSchemaUrl();
    nodes = [await openPostgresStores(url), await openPostgresStores(url)];
  });
  afterAll(async () => {
    for (const node of nodes) await node.papers.close();
  });
  const limiterOn = (node: Stores, clock: Clock) =>
    new SharedRateLimiter(node.community.rateLimits!, LIMITS, clock.now);
  let run = 0;

  describeRateLimiter("in PostgreSQL", async (clock) => {
    // Keys of their own per test: the nodes' table outlives each one.
    run++;
    const limiter = limiterOn(nodes[0]!, clock);
    return {
      hit: (action, keys) =>
        limiter.hit(
          action,
          keys.map((key) => `${run}:${key}`),
        ),
    };
  });

  it("holds across web nodes: one budget, whichever node counts an attempt", async () => {
    const clock = new Clock();
    const [a, b] = nodes.map((node) => limiterOn(node, clock));
    expect(await refusedAfter(a!, ["user:shared"])).toBeNull();
    expect(await refusedAfter(b!, ["user:shared"])).toBeNull();
    expect(await refusedAfter(a!, ["user:shared"])).toBeNull();
    expect(await refusedAfter(b!, ["user:shared"])).toBe(60);
  });

  it("lets exactly max of many simultaneous attempts through, on both nodes together", async () => {
    const clock = new Clock();
    const [a, b] = nodes.map((node) => limiterOn(node, clock));
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        refusedAfter(index % 2 === 0 ? a! : b!, ["user:crowd", `ip:${index % 5}`]),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(3);
  });
});
