/**
 * Issue 11, item 5: stopping a job worker the ways deployments do. A real redis-server, real
 * `aperture worker` processes, a job that runs until the test opens its gate (a file).
 *
 * - SIGTERM to the worker's main process: what systemd sends with the generated units
 *   (KillMode=mixed) and what `kill <pid>` does.
 * - SIGTERM to its whole process group: what supervisorctl sends (stopasgroup=true), systemd
 *   with KillMode=control-group, and Ctrl-C. Before, the job process heard it twice (once
 *   from the group, once from its supervisor) and ended its jobs: 12 of 17 stops failed one.
 * - past --graceful-timeout; kill -9 of the job process, of the whole worker.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisChannelLayer, RedisJobQueue, type JobInfo } from "../../server/index.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startWorker, type WorkerProcess } from "../helpers/start-worker.ts";
import { watchJob } from "./job-queue.contract.ts";

const TASKS = "test/fixtures/jobs/tasks.ts";
const dir = mkdtempSync(join(tmpdir(), "aperture-stop-"));
let redis: RedisServer;
let layer: RedisChannelLayer;
const workers: WorkerProcess[] = [];
const queues: RedisJobQueue[] = [];
let gates = 0;

beforeAll(async () => {
  redis = await startRedis();
  layer = new RedisChannelLayer({ hosts: redis.url });
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await Promise.all(queues.map((queue) => queue.close()));
  await layer?.close();
  await redis?.stop();
});

async function worker(queue: string, args: string[] = [], group = false): Promise<WorkerProcess> {
  const started = await startWorker([TASKS, "--queue", queue, "--redis", redis.url, ...args], { group });
  workers.push(started);
  return started;
}

function queueNamed(name: string): RedisJobQueue {
  const queue = new RedisJobQueue({ name, redisUrl: redis.url, layer });
  queues.push(queue);
  return queue;
}

/** Submits a job that runs until its gate opens, and waits until it runs. */
async function gatedJob(queue: RedisJobQueue, attempts = 1) {
  const gate = join(dir, `gate-${gates++}`);
  const submitted = await queue.submit("gated", { gate, value: 7 }, { attempts });
  const watch = await watchJob(layer, queue, submitted.id);
  await watch.until((job) => job.state === "active" && job.progress === 0.5, 30_000);
  return { id: submitted.id, watch, open: () => writeFileSync(gate, "") };
}

describe("stopping a job worker", { timeout: 60_000 }, () => {
  it.each([
    ["SIGTERM to its main process (systemd's KillMode=mixed)", false],
    ["SIGTERM to its process group (supervisorctl stop, Ctrl-C)", true],
  ])("%s: the running job finishes, and only then the worker exits", async (_name, toGroup) => {
    const queue = queueNamed(toGroup ? "stop-group" : "stop-main");
    const running = await worker(queue.name, [], toGroup);
    const job = await gatedJob(queue);
    process.kill(toGroup ? -running.process.pid! : running.process.pid!, "SIGTERM");
    await running.waitForOutput(/taking no more jobs; stopping once the running ones end/);
    expect(running.process.exitCode).toBeNull();
    expect((await queue.get(job.id))?.state).toBe("active");
    job.open();
    const done = await job.watch.until((info) => info.state === "completed");
    expect(done.result).toMatchObject({ value: 7 });
    expect(await running.exited).toBe(0);
    expect(running.output()).not.toMatch(/ending its running jobs now/);
  });

  it("past --graceful-timeout the running job is ended and failed with the reason, and the worker exits", async () => {
    const queue = queueNamed("stop-grace");
    const running = await worker(queue.name, ["--graceful-timeout", "1"], true);
    const job = await gatedJob(queue);
    process.kill(-running.process.pid!, "SIGTERM");
    const failed = await job.watch.until((info) => info.state === "failed");
    expect(failed.error).toBe("the worker was stopped while running this job (its grace period passed)");
    expect(failed.attempt).toBe(1);
    expect(await running.exited).toBe(0);
  });

  it("a job ended by a stop runs again on the next worker when its attempts allow, saying which attempt", async () => {
    const queue = queueNamed("stop-retry");
    const first = await worker(queue.name, ["--graceful-timeout", "1"]);
    const job = await gatedJob(queue, 2);
    await first.stop();
    const again = await job.watch.until((info) => info.state === "waiting" && info.attempt === 2);
    expect(again.attempts).toBe(2);
    job.open();
    await worker(queue.name);
    const done = await job.watch.until((info) => info.state === "completed");
    expect(done).toMatchObject({ attempt: 2, result: { value: 7 } });
  });
});

describe("a worker killed mid-job", { timeout: 60_000 }, () => {
  const jobPid = (output: string) => Number(/job process (\d+): tasks/.exec(output)?.[1]);

  it("kill -9 of the job process: the job runs again as attempt 2 of 2 on the fresh process", async () => {
    const queue = queueNamed("kill-child");
    const running = await worker(queue.name);
    const job = await gatedJob(queue, 2);
    const victim = jobPid(running.output());
    process.kill(victim, "SIGKILL");
    await job.watch.until((info) => info.attempt === 2);
    job.open();
    const done = await job.watch.until((info) => info.state === "completed");
    expect(done).toMatchObject({ attempt: 2, attempts: 2 });
    expect((done.result as { pid: number }).pid).not.toBe(victim);
  });

  it.each([
    [1, "failed"],
    [2, "completed"],
  ])(
    "kill -9 of the whole worker (attempts %i): once its lock lapses, the next worker says the run was lost and the job ends %s",
    async (attempts, end) => {
      const queue = queueNamed(`kill-all-${attempts}`);
      const running = await worker(queue.name, ["--lock-duration", "2"], true);
      const job = await gatedJob(queue, attempts);
      process.kill(-running.process.pid!, "SIGKILL");
      await running.exited;
      job.open();
      const next = await worker(queue.name, ["--lock-duration", "2"]);
      const ended: JobInfo = await job.watch.until((info) => info.state === end, 30_000);
      if (end === "failed") {
        expect(ended.error).toBe(
          "lost: the worker running it stopped answering (killed, or cut off from Redis past its lock); not run again (attempts: 1)",
        );
      } else {
        expect(ended.attempt).toBe(2);
        await next.waitForOutput(/attempt 2 of 2, the previous run was lost/);
      }
    },
  );
});
