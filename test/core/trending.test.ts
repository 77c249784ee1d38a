import { describe, expect, it } from "vitest";
import { rankTrending, voteWeight } from "../../src/core/trending.js";

const NOW = new Date("2025-09-12T12:00:00.000Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe("trending formula", () => {
  it("halves a vote's weight every half-life and never weighs a future vote above 1", () => {
    expect(voteWeight(0)).toBe(1);
    expect(voteWeight(24 * 3_600_000)).toBeCloseTo(0.5, 12);
    expect(voteWeight(7 * 24 * 3_600_000)).toBeCloseTo(1 / 128, 12);
    expect(voteWeight(-5_000)).toBe(1);
    expect(voteWeight(12 * 3_600_000, 12)).toBeCloseTo(0.5, 12);
  });

  it("ranks two fresh votes above three day-old ones, and sums weights per paper", () => {
    const ranked = rankTrending(
      [
        { paperId: "old", votedAt: hoursAgo(24) },
        { paperId: "old", votedAt: hoursAgo(24) },
        { paperId: "old", votedAt: hoursAgo(24) },
        { paperId: "fresh", votedAt: hoursAgo(0) },
        { paperId: "fresh", votedAt: hoursAgo(0) },
      ],
      { now: NOW },
    );
    expect(ranked.map((entry) => entry.paperId)).toEqual(["fresh", "old"]);
    expect(ranked[0]).toMatchObject({ score: 2, votes: 2 });
    expect(ranked[1]?.score).toBeCloseTo(1.5, 12);
  });

  it("breaks ties by the most recent vote, then by the newer paper id", () => {
    const ranked = rankTrending(
      [
        { paperId: "2509.00001", votedAt: hoursAgo(24) },
        { paperId: "2509.00002", votedAt: hoursAgo(24) },
      ],
      { now: NOW },
    );
    expect(ranked.map((entry) => entry.paperId)).toEqual(["2509.00002", "2509.00001"]);
    expect(rankTrending([], { now: NOW })).toEqual([]);
  });
});
