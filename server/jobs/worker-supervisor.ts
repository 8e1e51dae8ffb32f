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
import type { ChannelLayer } from "../channels/layer.ts";
import type { Logger } from "../log.ts";
import { errorText } from "./job.ts";
import { RedisJobQueue } from "./redis-queue.ts";

/** What the job process tells this one over IPC. */
export type JobProcessMessage =
  | { type: "aperture:jobs-ready" }
  | { type: "aperture:job-start"; queue: string; id: string; token: string }
  | { type: "aperture:job-end"; queue: string; id: string };

/**
 * What this process tells the job process: stop taking jobs and exit once the running ones
 * end, or (`force`) end them now. Only this message stops it: a signal to the process group
 * (systemd, supervisor's stopasgroup, Ctrl-C) reaches both processes, and the job process
 * leaves the decision here, so one stop is never counted twice.
 */
export interface StopJobProcess {
  type: "aperture:stop";
  force: boolean;
}

/** After a forced stop, how long the job process has to exit before it is killed (ms). */
const FORCED_EXIT_MS = 10_000;

export interface SupervisorOptions {
  queues: string[];
  redisUrl: string;
  prefix?: string;
  logger: Logger;
  /** Environment of each job process (the command passes its options through it). */
  env: Record<string, string>;
  /** A graceful stop waits this long for running jobs (ms), then ends them (they fail or run again). */
  gracefulTimeout: number;
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
  const supervisor = new JobSupervisor(options);
  try {
    await supervisor.start();
  } catch (error) {
    await supervisor.close();
    throw error;
  }
  return supervisor;
}

/** One job process at a time, its jobs (id → queue and lock token), and what to do when it exits. */
interface Child {
  worker: Worker;
  running: Map<string, { queue: string; token: string }>;
  ready: boolean;
  /** Settles once its exit has been dealt with (lost jobs marked failed). */
  handled: Promise<void>;
}

class JobSupervisor implements Supervisor {
  readonly done: Promise<void>;
  readonly #options: SupervisorOptions;
  readonly #layer: ChannelLayer;
  readonly #queues: Map<string, RedisJobQueue>;
  #child: Child | undefined;
  #stopping = false;
  #closing: Promise<void> | undefined;
  #stopped!: () => void;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    const { logger, redisUrl } = options;
    this.#layer = createChannelLayer({ redisUrl, onError: (error) => logger.warn(`channel layer: ${error.message}`) });
    const prefix = options.prefix ? { prefix: options.prefix } : {};
    this.#queues = new Map(
      options.queues.map((name) => [
        name,
        new RedisJobQueue({
          name,
          redisUrl,
          layer: this.#layer,
          onError: (error) => logger.warn(`queue ${name}: ${errorText(error)}`),
          ...prefix,
        }),
      ]),
    );
    this.done = new Promise<void>((resolve) => (this.#stopped = resolve));
  }

  get childPid(): number | undefined {
    return this.#child?.worker.process.pid;
  }

  /** Forks a job process and resolves once it is ready; rejects if it exits before. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = cluster.fork(this.#options.env);
      let handled!: () => void;
      const child: Child = {
        worker,
        running: new Map(),
        ready: false,
        handled: new Promise<void>((resolveHandled) => (handled = resolveHandled)),
      };
      this.#child = child;
      worker.on("message", (message: JobProcessMessage) => {
        if (message?.type === "aperture:jobs-ready") {
          child.ready = true;
          resolve();
        } else if (message?.type === "aperture:job-start") child.running.set(message.id, { queue: message.queue, token: message.token });
        else if (message?.type === "aperture:job-end") child.running.delete(message.id);
      });
      worker.once("exit", (code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        // One that cannot even start (a broken module, say) would fail again: stop instead.
        if (!child.ready) reject(new Error(`the job process exited (${how}) before it was ready; its output above says why`));
        void this.#failLost(child, how).then(() => {
          handled();
          if (child.ready && !this.#stopping) this.#replace(child, code === 0 && !signal, how);
        });
      });
    });
  }

  close(options: { force?: boolean } = {}): Promise<void> {
    this.#stopping = true;
    const current = this.#child;
    if (current) this.#stop(current, options.force ?? false);
    this.#closing ??= (async () => {
      await current?.handled; // its lost jobs are marked failed before the connections close
      await Promise.all([...this.#queues.values()].map((queue) => queue.close()));
      await this.#layer.close();
      this.#stopped();
    })();
    return this.#closing;
  }

  /**
   * Asks the job process to stop: gracefully, then by force once the grace period has passed
   * (or at a second, forced close), then with SIGKILL if even that does not end it.
   */
  #stop(child: Child, force: boolean): void {
    const { process: proc } = child.worker;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const send = (message: StopJobProcess) => child.worker.isConnected() && child.worker.send(message);
    const kill = () => proc.exitCode === null && proc.signalCode === null && proc.kill("SIGKILL");
    const forceNow = () => {
      send({ type: "aperture:stop", force: true });
      setTimeout(kill, FORCED_EXIT_MS).unref();
    };
    if (force) return forceNow();
    send({ type: "aperture:stop", force: false });
    const grace = setTimeout(forceNow, this.#options.gracefulTimeout);
    grace.unref();
    void child.handled.then(() => clearTimeout(grace));
  }

  #replace(child: Child, recycled: boolean, how: string): void {
    const { logger } = this.#options;
    const pid = child.worker.process.pid;
    if (recycled) logger.info(`job process ${pid} stopped after its --max-jobs; starting a fresh one`);
    else logger.warn(`job process ${pid} died (${how}); starting a new one`);
    this.start().catch((error: unknown) => {
      logger.error("the job process did not restart:", error);
      void this.close();
    });
  }

  /** Fails the jobs a job process was running when it exited, at once, with the reason. */
  async #failLost(child: Child, how: string): Promise<void> {
    const { logger } = this.#options;
    for (const [id, { queue, token }] of child.running) {
      const reason = this.#stopping
        ? `the worker was stopped (${how}) while running this job`
        : `the worker process (pid ${child.worker.process.pid}) died (${how}) while running this job`;
      const info = await this.#queues
        .get(queue)
        ?.failLost(id, token, reason)
        .catch((error: unknown) => logger.error(`job ${id}: could not mark it failed:`, error));
      if (info) logger.warn(`job ${id} (${queue}/${info.task}) failed: ${reason}`);
    }
  }
}
