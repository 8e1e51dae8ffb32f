import { describe, expect, it } from "vitest";
import { SessionBalancer } from "../../../../server/cluster/balancer.ts";

const load = (sessions: number, received: number) => ({ type: "aperture:load" as const, sessions, received });

describe("SessionBalancer", () => {
  it("spreads a burst of new sessions evenly before any worker has reported", () => {
    const balancer = new SessionBalancer();
    [0, 1, 2, 3].forEach((index) => balancer.reset(index));
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40; i++) counts[balancer.pick([0, 1, 2, 3])!]!++;
    expect(counts).toEqual([10, 10, 10, 10]);
  });

  it("sends new sessions to the worker holding the fewest, by the workers' reports", () => {
    const balancer = new SessionBalancer();
    [0, 1].forEach((index) => balancer.reset(index));
    balancer.report(0, load(5, 0));
    expect([balancer.pick([0, 1]), balancer.pick([0, 1]), balancer.pick([0, 1])]).toEqual([1, 1, 1]);
  });

  it("counts a handed connection until the worker reports having received it", () => {
    const balancer = new SessionBalancer();
    [0, 1].forEach((index) => balancer.reset(index));
    expect(balancer.pick([0, 1])).toBe(0);
    expect(balancer.estimate(0)).toBe(1);
    balancer.report(0, load(0, 1));
    expect(balancer.estimate(0)).toBe(0);
    balancer.report(0, load(1, 1));
    expect(balancer.estimate(0)).toBe(1);
  });

  it("gives a restarted worker the new sessions until it holds as many as the others", () => {
    const balancer = new SessionBalancer();
    [0, 1].forEach((index) => balancer.reset(index));
    balancer.report(0, load(6, 6));
    balancer.report(1, load(6, 6));
    balancer.reset(1);
    const picks = Array.from({ length: 6 }, () => balancer.pick([0, 1]));
    expect(picks).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("picks only among the workers available, and none when none is", () => {
    const balancer = new SessionBalancer();
    [0, 1].forEach((index) => balancer.reset(index));
    expect(balancer.pick([1])).toBe(1);
    expect(balancer.pick([])).toBeUndefined();
  });
});
