/**
 * `aperture worker`'s first process: it runs no job itself but keeps one job process alive
 * (redis-worker.ts), as Celery's main process keeps its pool children. When the job process
 * stops after `--max-jobs` (releasing whatever memory the jobs left behind) or dies (a job
 * that killed it, the OOM killer), a fresh one takes its place; jobs the dead one was running
 * are failed at once with the reason, rather than after their locks lapse, and the next
 * job runs.
 */
import cluster, { type Worker } from "node:cluster";
import { createChannelLayer } from "../channels/index.ts";
import type { Logger } from "../log.ts";
import { RedisJobQueue } from "./redis-queue.ts";

/** What the job process tells this one over IPC. */
export type JobProcessMessage =
  | { type: "aperture:jobs-ready" }
  | { type: "aperture:job-start"; queue: string; id: string; token: string }
  | { type: "aperture:job-end"; queue: string; id: string };

export interface SupervisorOptions {
  queues: string[];
  redisUrl: string;
  prefix?: string;
  logger: Logger;
  /** Environment of each job process (the command passes its options through it). */
  env: Record<string, string>;
}

export interface Supervisor {
  /** Pid of the job process running now. */
  readonly childPid: number | undefined;
  /** Stops the job process (running jobs finish first unless `force`) and closes. */
  close(options?: { force?: boolean }): Promise<void>;
  /** Settles when the supervisor has stopped, on `close` or when a job process cannot start. */
  done: Promise<void>;
}

export async function superviseJobProcess(options: SupervisorOptions): Promise<Supervisor> {
  const { logger } = options;
  const layer = createChannelLayer({ redisUrl: options.redisUrl, onError: (error) => logger.warn(`channel layer: ${error.message}`) });
  const queues = new Map(options.queues.map((name) => [name, new RedisJobQueue({ name, redisUrl: options.redisUrl, layer, onError: (error) => logger.warn(`queue ${name}: ${error instanceof Error ? error.message : String(error)}`), ...(options.prefix ? { prefix: options.prefix } : {}) })]));
  /** The job process now (starting, running, or just exited), and its exit. */
  let child: { worker: Worker; exited: Promise<void> } | undefined;
  let stopping = false;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));

  const failLost = async (pid: number | undefined, running: Map<string, { queue: string; token: string }>, how: string) => {
    for (const [id, { queue, token }] of running) {
      const reason = `the worker process (pid ${pid}) died (${how}) while running this job`;
      const info = await queues.get(queue)?.failLost(id, token, reason).catch((error: unknown) => logger.error(`job ${id}: could not mark it failed:`, error));
      if (info) logger.warn(`job ${id} (${queue}/${info.task}) failed: ${reason}`);
    }
  };

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(options.env);
      const exited = new Promise<void>((resolveExit) => worker.once("exit", () => resolveExit()));
      child = { worker, exited };
      const running = new Map<string, { queue: string; token: string }>();
      let ready = false;
      worker.on("message", (message: JobProcessMessage) => {
        if (message?.type === "aperture:jobs-ready") {
          ready = true;
          resolve();
        } else if (message?.type === "aperture:job-start") running.set(message.id, { queue: message.queue, token: message.token });
        else if (message?.type === "aperture:job-end") running.delete(message.id);
      });
      worker.once("exit", (code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        // One that cannot even start (a broken module, Redis refused) would fail again: stop.
        if (!ready) return reject(new Error(`the job process exited (${how}) before it was ready; its output above says why`));
        void failLost(worker.process.pid, running, how).then(() => {
          if (stopping) return;
          if (code === 0 && !signal) logger.info(`job process ${worker.process.pid} stopped after its --max-jobs; starting a fresh one`);
          else logger.warn(`job process ${worker.process.pid} died (${how}); starting a new one`);
          start().catch((error: unknown) => {
            logger.error("the job process did not restart:", error);
            void close();
          });
        });
      });
    });

  const teardown = async () => {
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    await layer.close();
  };

  let closing: Promise<void> | undefined;
  const close = (closeOptions: { force?: boolean } = {}): Promise<void> => {
    stopping = true;
    const current = child;
    // A second, forced close escalates the signal of a graceful one still waiting.
    if (current && current.worker.process.exitCode === null && current.worker.process.signalCode === null) {
      current.worker.process.kill(closeOptions.force ? "SIGKILL" : "SIGTERM");
    }
    closing ??= (async () => {
      await current?.exited;
      await teardown();
      stopped();
    })();
    return closing;
  };

  try {
    await start();
  } catch (error) {
    stopping = true;
    await teardown();
    throw error;
  }
  return {
    get childPid() {
      return child?.worker.process.pid;
    },
    close,
    done,
  };
}
