import { describe, expect, it } from "vitest";
import { SendRate } from "../../src/digest/send-rate.js";

describe("the per-minute send rate", () => {
  it("lets `perMinute` sends through in any 60 s and makes the next wait for the oldest to age out", async () => {
    let now = 0;
    const waits: number[] = [];
    const rate = new SendRate(
      3,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    for (let i = 0; i < 3; i++) {
      await rate.take();
      now += 1_000;
    }
    expect(waits).toEqual([]);
    await rate.take();
    expect(waits).toEqual([57_000]);
    expect(now).toBe(60_000);
  });

  it("never waits without a limit", async () => {
    const rate = new SendRate(
      0,
      () => 0,
      async () => {
        throw new Error("waited");
      },
    );
    for (let i = 0; i < 1_000; i++) await rate.take();
  });
});
