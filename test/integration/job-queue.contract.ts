/**
 * What every job queue does, in process or on Redis with worker processes: the same tests
 * run against both (as the channel layers share layer.contract.ts). Jobs that must stay
 * running wait at a gate file the test creates; nothing waits for a set time.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { subscribeGroup } from "../../server/channels/listen.ts";
import {
  Div,
  followJob,
  jobOwner,
  isJobUpdate,
  jobGroup,
  type ChannelLayer,
  type Document,
  type JobInfo,
  type JobQueue,
} from "../../server/index.ts";
import { PROTOCOL_VERSION, socketProtocols } from "../../server/protocol/index.ts";
import { startServer } from "../helpers/start-server.ts";
import { TestClient, createSession } from "../helpers/ws-client.ts";

export interface QueueHarness {
  /** A queue running one job at a time, its tasks from test/fixtures/jobs/tasks.ts. */
  queue: JobQueue;
  layer: ChannelLayer;
  close(): Promise<void>;
}

export interface Watch {
  updates: JobInfo[];
  /** The first state (now, already sent, or to come) that `test` accepts. */
  until(test: (job: JobInfo) => boolean, timeoutMs?: number): Promise<JobInfo>;
  stop(): void;
}

export async function watchJob(layer: ChannelLayer, queue: JobQueue, id: string): Promise<Watch> {
  const updates: JobInfo[] = [];
  const waiters = new Set<{ test: (job: JobInfo) => boolean; resolve: (job: JobInfo) => void }>();
  const stop = await subscribeGroup(
    layer,
    jobGroup(id),
    (message) => {
      if (!isJobUpdate(message)) return;
      updates.push(message.job);
      for (const waiter of waiters) if (waiter.test(message.job)) waiter.resolve(message.job);
    },
    (error) => console.error(error),
  );
  const until = (test: (job: JobInfo) => boolean, timeoutMs = 15_000) =>
    new Promise<JobInfo>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `job ${id}: no matching state within ${timeoutMs} ms; updates: ${updates.map((u) => `${u.state} ${u.progress}`).join(", ")}`,
            ),
          ),
        timeoutMs,
      );
      const waiter = { test, resolve: (job: JobInfo) => (clearTimeout(timer), waiters.delete(waiter), resolve(job)) };
      waiters.add(waiter);
      updates.filter(test).slice(0, 1).forEach(waiter.resolve);
      void queue.get(id).then((job) => job && test(job) && waiter.resolve(job));
    });
  return { updates, until, stop };
}

/** A page that follows the job named in its `?job=` argument. */
export function jobPage(queue: JobQueue) {
  return async (doc: Document) => {
    const status = new Div({ name: "status", text: "no job" });
    const id = String(doc.session.request.arguments.job ?? "");
    await followJob(doc, queue, id, (job) => {
      status.text = `${job.state} ${Math.round(job.progress * 100)}% ${JSON.stringify(job.result)}`;
    });
    doc.addRoot(status);
  };
}

export function describeJobQueueContract(name: string, makeHarness: () => Promise<QueueHarness>): void {
  describe(`job queue contract: ${name}`, { timeout: 30_000 }, () => {
    let harness: QueueHarness;
    let queue: JobQueue;
    let dir: string;
    let gates = 0;
    const gate = () => join(dir, `gate-${++gates}`);
    const submitWatched = async (task: string, data: unknown, owner?: string) => {
      const job = await queue.submit(task, data, owner ? { owner: jobOwner({ user: owner }) } : {});
      return { job, watch: await watchJob(harness.layer, queue, job.id) };
    };

    beforeAll(async () => {
      harness = await makeHarness();
      queue = harness.queue;
      dir = mkdtempSync(join(tmpdir(), "aperture-jobs-"));
    });
    afterAll(() => harness?.close());

    it("runs a job, reports its progress, and keeps its result", async () => {
      const opened = gate();
      const { job, watch } = await submitWatched("gated", { gate: opened, value: 42 }, "owner-one");
      expect(job).toMatchObject({
        queue: queue.name,
        task: "gated",
        owner: jobOwner({ user: "owner-one" }),
        state: "waiting",
        progress: 0,
        data: { gate: opened, value: 42 },
      });
      const halfway = await watch.until((j) => j.state === "active" && j.progress === 0.5);
      expect(halfway.message).toBe("waiting at the gate");
      writeFileSync(opened, "");
      const done = await watch.until((j) => j.state === "completed");
      expect(done).toMatchObject({ progress: 1, result: { value: 42, pid: expect.any(Number) }, error: null });
      expect(await queue.get(job.id)).toMatchObject({ state: "completed", result: { value: 42 } });
      // Each state reached the group in order: active before completed, progress never back.
      const states = watch.updates.map((u) => u.state);
      expect(states.indexOf("active")).toBeLessThan(states.indexOf("completed"));
      watch.stop();
    });

    it("sends a fast job's many progress reports as a few updates, and its result as JSON", async () => {
      const { watch } = await submitWatched("count", { steps: 5_000 });
      const done = await watch.until((j) => j.state === "completed");
      expect(done.result).toBe(12_502_500);
      expect(watch.updates.length).toBeLessThan(50);
      watch.stop();
    });

    it("fails a job with the thread's message or a dead thread's reason, and runs the next", async () => {
      const thrown = await submitWatched("failJob", { message: "the matrix is singular" });
      expect(await thrown.watch.until((j) => j.state === "failed")).toMatchObject({ error: "the matrix is singular", result: null });
      const died = await submitWatched("exitThread", null);
      expect((await died.watch.until((j) => j.state === "failed")).error).toBe(
        "the worker thread died before finishing (exited with code: 7)",
      );
      const next = await submitWatched("count", { steps: 3 });
      expect((await next.watch.until((j) => j.state === "completed")).result).toBe(6);
      for (const { watch } of [thrown, died, next]) watch.stop();
    });

    it("cancels a waiting job (it never runs) and a running one (its thread ends); the next runs", async () => {
      const running = await submitWatched("forever", null);
      await running.watch.until((j) => j.state === "active" && j.progress > 0);
      const next = await submitWatched("count", { steps: 2 });
      const dropped = await submitWatched("count", { steps: 2 });
      expect(await queue.cancel(dropped.job.id)).toMatchObject({ state: "cancelled" });
      expect(await queue.cancel(running.job.id)).toMatchObject({ state: "cancelled" });
      await running.watch.until((j) => j.state === "cancelled");
      expect((await next.watch.until((j) => j.state === "completed")).result).toBe(3);
      expect(await queue.get(dropped.job.id)).toMatchObject({ state: "cancelled", startedAt: null, error: "cancelled" });
      expect(await queue.get(running.job.id)).toMatchObject({ state: "cancelled" });
      expect(await queue.cancel("no-such-job")).toBeUndefined();
      for (const { watch } of [running, next, dropped]) watch.stop();
    });

    it("gives owners turns: a later owner's first job runs before an earlier owner's second", async () => {
      const opened = gate();
      const log = join(dir, `order-${gates}.log`);
      writeFileSync(log, "");
      const first = await submitWatched("gated", { gate: opened }, "owner-a");
      await first.watch.until((j) => j.state === "active");
      appendFileSync(log, "a1\n");
      const a2 = await queue.submit("record", { log, label: "a2" }, { owner: jobOwner({ user: "owner-a" }) });
      const a3 = await queue.submit("record", { log, label: "a3" }, { owner: jobOwner({ user: "owner-a" }) });
      const b1 = await queue.submit("record", { log, label: "b1" }, { owner: jobOwner({ user: "owner-b" }) });
      const last = await watchJob(harness.layer, queue, a3.id);
      writeFileSync(opened, "");
      await last.until((j) => j.state === "completed");
      expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["a1", "b1", "a2", "a3"]);
      expect((await queue.list(jobOwner({ user: "owner-a" }))).map((j) => j.id)).toEqual([a3.id, a2.id, first.job.id]);
      expect((await queue.list(jobOwner({ user: "owner-b" }))).map((j) => j.id)).toEqual([b1.id]);
      first.watch.stop();
      last.stop();
    });

    it("keeps a job going across a page reload: the new session shows its state, then its end", async () => {
      const server = await startServer({ apps: { job: jobPage(queue) }, channelLayer: harness.layer });
      const open = async (id: string) => {
        const { wsUrl, token } = await createSession(server.appUrls.job!, `?job=${id}`);
        const client = new TestClient(new WebSocket(wsUrl, socketProtocols(token)));
        await new Promise((resolve) => client.socket.once("open", resolve));
        client.send({ kind: "hello", protocol: PROTOCOL_VERSION });
        const { doc } = await client.next("doc");
        const status = Object.entries(doc.models).find(([, m]) => m.name === "status")!;
        return { client, statusId: status[0], text: status[1].attrs.text };
      };
      try {
        const opened = gate();
        const { job, watch } = await submitWatched("gated", { gate: opened, value: 7 });
        await watch.until((j) => j.state === "active" && j.progress === 0.5);
        const before = await open(job.id);
        expect(before.text).toBe("active 50% null");
        await before.client.close(); // the page goes away; the job goes on
        const after = await open(job.id);
        expect(after.text).toBe("active 50% null");
        writeFileSync(opened, "");
        const patch = await after.client.next("patch", (m) => m.ops.some((op) => op.path === `/models/${after.statusId}/attrs/text`));
        expect(patch.ops).toContainEqual(
          expect.objectContaining({ value: expect.stringMatching(/^completed 100% \{"value":7,"pid":\d+\}$/) }),
        );
        await after.client.close();
        watch.stop();
      } finally {
        await server.close();
      }
    });
  });
}
