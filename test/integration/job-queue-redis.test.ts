/**
 * The queue on a real redis-server with real `aperture worker` processes: the shared
 * contract, then what only separate processes can show (a dead process, recycling).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisChannelLayer, RedisJobQueue } from "../../server/index.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startWorker, type WorkerProcess } from "../helpers/start-worker.ts";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../helpers/start-server.ts";
import { askSession } from "../helpers/ws-client.ts";
import { describeJobQueueContract, jobPage, watchJob } from "./job-queue.contract.ts";

const TASKS = "test/fixtures/jobs/tasks.ts";
let redis: RedisServer;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await redis?.stop();
});

async function harness(name: string, workerArgs: string[] = []) {
  const layer = new RedisChannelLayer({ hosts: redis.url });
  const queue = new RedisJobQueue({ name, redisUrl: redis.url, layer });
  const worker = await startWorker([TASKS, "--queue", name, "--concurrency", "1", "--redis", redis.url, ...workerArgs]);
  workers.push(worker);
  return {
    queue,
    layer,
    worker,
    async close() {
      await worker.stop();
      await queue.close();
      await layer.close();
    },
  };
}

describeJobQueueContract("Redis (BullMQ) with a worker process", () => harness("contract"));

describe("worker processes", { timeout: 30_000 }, () => {
  it("fails the job of a process that died at once with the reason; a new process runs the next", async () => {
    const { queue, layer, worker, close } = await harness("crash");
    try {
      const crash = await queue.submit("killProcess");
      const next = await queue.submit("pid");
      const crashed = await (await watchJob(layer, queue, crash.id)).until((job) => job.state === "failed");
      expect(crashed.error).toMatch(/^the worker process \(pid \d+\) died \(signal SIGKILL\) while running this job$/);
      const done = await (await watchJob(layer, queue, next.id)).until((job) => job.state === "completed");
      expect(done.result).not.toBe(Number(/pid (\d+)/.exec(crashed.error!)![1]));
      expect(worker.output()).toMatch(/job process \d+ died \(signal SIGKILL\); starting a new one/);
    } finally {
      await close();
    }
  });

  it("replaces the job process with a fresh one after --max-jobs", async () => {
    const { queue, layer, worker, close } = await harness("recycle", ["--max-jobs", "2"]);
    try {
      const pids: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const job = await queue.submit("pid");
        pids.push((await (await watchJob(layer, queue, job.id)).until((j) => j.state === "completed")).result);
      }
      expect(pids[0]).toBe(pids[1]);
      expect(pids[2]).not.toBe(pids[1]);
      expect(worker.output()).toMatch(/stopped after its --max-jobs; starting a fresh one/);
    } finally {
      await close();
    }
  });
});

describe("Redis restarted empty mid-job", { timeout: 60_000 }, () => {
  it("the page following a job whose record vanished shows it failed: lost, the queue's data was reset", async () => {
    const { queue, layer, close } = await harness("vanished");
    const server = await startServer({ apps: { job: jobPage(queue) }, channelLayer: layer });
    const gate = join(mkdtempSync(join(tmpdir(), "aperture-vanished-")), "gate");
    try {
      const job = await queue.submit("gated", { gate });
      await (await watchJob(layer, queue, job.id)).until((info) => info.state === "active" && info.progress === 0.5);
      const asked = await askSession(server.appUrls.job!, { query: `?job=${job.id}` });
      if (!("client" in asked)) throw new Error(`no session: ${asked.reason}`);
      const { client: page, doc: snapshot } = asked;
      const { doc } = snapshot;
      const [statusId] = Object.entries(doc.models).find(([, model]) => model.name === "status")!;
      await redis.restart();
      const patch = await page.next("patch", (message) => message.ops.some((op) => op.path === `/models/${statusId}/attrs/text`));
      expect(patch.ops).toContainEqual(expect.objectContaining({ value: "failed 50% null" }));
      await page.close();
    } finally {
      writeFileSync(gate, "");
      await server.close();
      await close();
    }
  });
});
