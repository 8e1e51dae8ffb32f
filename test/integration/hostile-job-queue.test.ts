/**
 * Issue 10, item 12: job queues are bounded. 20,000 jobs from 20,000 invented owners were all
 * accepted and a real user's job waited behind them; now a queue holds at most maxWaiting
 * waiting jobs and an owner at most maxPerOwner unfinished ones, and a refusal says so
 * (QueueFullError, nothing queued). And the owner is the server's word (jobOwner: the user, the
 * session, the address), never the client's: the jobs example's route ignores the owner a
 * request claims.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { submitSpectrum } from "../../examples/jobs/app.ts";
import {
  InMemoryChannelLayer,
  MemoryJobQueue,
  QueueFullError,
  ThreadPool,
  closeJobQueues,
  getChannelLayer,
  jobOwner,
  jobQueue,
  loadApps,
} from "../../server/index.ts";
import { UNLIMITED_BUDGET, startServer } from "../helpers/start-server.ts";
import { watchJob } from "./job-queue.contract.ts";

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
    const first = await queue.submit("gated", { gate, value: 1 }, { owner: jobOwner({ user: "first" }) });
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 2_000; i++) {
      try {
        await queue.submit("double", null, { owner: jobOwner({ user: `invented-${i}` }) });
        accepted++;
      } catch (error) {
        expect(error).toBeInstanceOf(QueueFullError);
        refused++;
      }
    }
    expect(accepted).toBeLessThanOrEqual(51);
    expect(refused).toBeGreaterThanOrEqual(1_949);
    expect(await queue.list(jobOwner({ user: "invented-1999" }))).toEqual([]);
    await queue.cancel(first.id);
    writeFileSync(gate, "");
  });

  it("refuses an owner's job past maxPerOwner while other owners are still served", async () => {
    open({ maxPerOwner: 3 });
    const gate = join(mkdtempSync(join(tmpdir(), "aperture-bounded-")), "gate");
    for (let i = 0; i < 3; i++) await queue.submit("gated", { gate }, { owner: jobOwner({ user: "greedy" }) });
    await expect(queue.submit("gated", { gate }, { owner: jobOwner({ user: "greedy" }) })).rejects.toThrow(/already has 3 unfinished jobs/);
    expect((await queue.list(jobOwner({ user: "greedy" }))).length).toBe(3);
    expect(await queue.submit("gated", { gate }, { owner: jobOwner({ user: "patient" }) })).toMatchObject({
      owner: jobOwner({ user: "patient" }),
      state: "waiting",
    });
    writeFileSync(gate, "");
  });
});

describe("the jobs example under a flood of invented owners", () => {
  it("2,000 jobs claiming 2,000 owners are one client's: 20 queue, and a page's job runs next", { timeout: 240_000 }, async () => {
    const server = await startServer({ apps: await loadApps(["examples/jobs"]), ...UNLIMITED_BUDGET });
    const queue = jobQueue("calc_default");
    try {
      const url = `${server.appUrls.jobs}/jobs`;
      const flood = async (from: number) => {
        const answers: { status: number; id?: string }[] = [];
        for (let i = from; i < 2_000; i += 50) {
          const body = JSON.stringify({ size: 2000, owner: `invented-${i}`, queue: "calc_default" });
          const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
          answers.push({ status: response.status, ...((await response.json()) as { id?: string }) });
        }
        return answers;
      };
      const answers = (await Promise.all(Array.from({ length: 50 }, (_, lane) => flood(lane)))).flat();
      const accepted = answers.filter((answer) => answer.status === 201);
      expect(accepted).toHaveLength(20);
      expect(answers.filter((answer) => answer.status === 429)).toHaveLength(1_980);

      // A person's page submits one job: it is the next to run, after only the one already running.
      const real = await submitSpectrum(jobOwner({ user: "a-real-person" }), 200);
      const watch = await watchJob(getChannelLayer(), queue, real.id);
      const done = await watch.until((job) => job.state === "completed", 120_000);
      watch.stop();
      const flooded = await Promise.all(accepted.map((answer) => queue.get(answer.id!)));
      const startedFirst = flooded.filter((job) => job?.startedAt !== null && job!.startedAt <= done.startedAt!);
      expect(startedFirst.length).toBeLessThanOrEqual(1);
      await Promise.all(accepted.map((answer) => queue.cancel(answer.id!)));
    } finally {
      await server.close();
      await closeJobQueues();
    }
  });
});
