/**
 * Issue 10, item 12: job queues are bounded. 20,000 jobs from 20,000 invented owners were all
 * accepted and a real user's job waited behind them; now a queue holds at most maxWaiting
 * waiting jobs and an owner at most maxPerOwner unfinished ones, and a refusal says so
 * (QueueFullError, nothing queued).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InMemoryChannelLayer, MemoryJobQueue, QueueFullError, ThreadPool } from "../../server/index.ts";

const TASKS = new URL("../fixtures/jobs/tasks.ts", import.meta.url);

describe("a bounded job queue", () => {
  const layer = new InMemoryChannelLayer();
  let pool: ThreadPool;
  let queue: MemoryJobQueue;
  afterEach(async () => {
    await queue.close();
    await pool.destroy();
  });

  function open(limits: { maxWaiting?: number; maxPerOwner?: number }): void {
    pool = new ThreadPool({ maxThreads: 1 });
    queue = new MemoryJobQueue({ name: "bounded", module: TASKS, concurrency: 1, pool, layer, ...limits });
  }

  it("refuses jobs from invented owners past maxWaiting, queuing none of them", async () => {
    open({ maxWaiting: 50 });
    const gate = join(mkdtempSync(join(tmpdir(), "aperture-bounded-")), "gate");
    const first = await queue.submit("gated", { gate, value: 1 }, { owner: "first" });
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      try {
        await queue.submit("double", null, { owner: `invented-${i}` });
        accepted++;
      } catch (error) {
        expect(error).toBeInstanceOf(QueueFullError);
        refused++;
      }
    }
    expect(accepted).toBeLessThanOrEqual(51);
    expect(refused).toBeGreaterThanOrEqual(1_949);
    expect(await queue.list("invented-1999")).toEqual([]);
    await queue.cancel(first.id);
    writeFileSync(gate, "");
  });

  it("refuses an owner's job past maxPerOwner while other owners are still served", async () => {
    open({ maxPerOwner: 3 });
    const gate = join(mkdtempSync(join(tmpdir(), "aperture-bounded-")), "gate");
    for (let i = 0; i < 3; i++) await queue.submit("gated", { gate }, { owner: "greedy" });
    await expect(queue.submit("gated", { gate }, { owner: "greedy" })).rejects.toThrow(/already has 3 unfinished jobs/);
    expect((await queue.list("greedy")).length).toBe(3);
    expect(await queue.submit("gated", { gate }, { owner: "patient" })).toMatchObject({ owner: "patient", state: "waiting" });
    writeFileSync(gate, "");
  });
});
