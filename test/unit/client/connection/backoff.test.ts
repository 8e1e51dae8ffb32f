import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../../../client/connection/backoff.ts";

describe("backoffDelay", () => {
  it("doubles the ceiling with each attempt, within its upper half", () => {
    const low = (attempt: number) => backoffDelay(attempt, { baseMs: 100, maxMs: 100_000, random: () => 0 });
    const high = (attempt: number) => backoffDelay(attempt, { baseMs: 100, maxMs: 100_000, random: () => 0.999999 });
    expect([0, 1, 2, 3].map(low)).toEqual([50, 100, 200, 400]);
    expect([0, 1, 2, 3].map(high)).toEqual([100, 200, 400, 800]);
  });

  it("never exceeds the cap, even after very many attempts", () => {
    for (const attempt of [10, 100, 10_000]) {
      const delay = backoffDelay(attempt, { baseMs: 500, maxMs: 10_000, random: () => 0.999999 });
      expect(delay).toBeLessThanOrEqual(10_000);
      expect(delay).toBeGreaterThanOrEqual(5_000);
    }
  });

  it("spreads clients apart with jitter", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
