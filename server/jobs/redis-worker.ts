/**
 * The process that runs jobs from Redis (a child of `aperture worker`): one BullMQ Worker
 * per queue takes jobs, and each runs on a thread of this process's pool. The job thread
 * keeps the event loop free, so BullMQ renews its locks, progress leaves as it is reported,
 * and a cancel request is heard at once (the thread is ended).
 *
 * Every change of a job is sent to its group `job-<id>` through the channel layer, to the
 * sessions that follow it, in whichever server process they live.
 */
import { UnrecoverableError, Worker, type Job } from "bullmq";
import { createChannelLayer } from "../channels/index.ts";
import { subscribeGroup } from "../channels/listen.ts";
import type { Logger } from "../log.ts";
import { CANCELLED_REASON, JOB_CANCEL, errorText, jobGroup, throttle, toJson } from "./job.ts";
import { JOBS_PREFIX, RedisJobQueue, openRedis, toJobInfo, type JobEnvelope } from "./redis-queue.ts";
import { ThreadPool, type ModuleRef } from "./thread-pool.ts";

export interface JobWorkerOptions {
  module: ModuleRef;
  queues: string[];
  redisUrl: string;
  /** Jobs this process runs at once (threads), per queue. */
  concurrency: number;
  /** After starting this many jobs the process takes no more, finishes them and stops. */
  maxJobs?: number;
  prefix?: string;
  /** How long a job's lock lasts without renewal (ms, BullMQ's default 30 s). */
  lockDuration?: number;
  progressInterval?: number;
  logger: Logger;
  /** Told when a job starts and ends here, with its lock token (the supervisor's bookkeeping). */
  onJobStart?: (queue: string, id: string, token: string) => void;
  onJobEnd?: (queue: string, id: string) => void;
}

export interface JobWorker {
  /** Settles when the workers have closed (after `close`, or after `maxJobs`). */
  done: Promise<void>;
  /** Stops taking jobs; waits for running ones unless `force`. */
  close(options?: { force?: boolean }): Promise<void>;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { logger } = options;
  const layer = createChannelLayer({ redisUrl: options.redisUrl, onError: (error) => logger.warn(`channel layer: ${error.message}`) });
  // Threads started (and tsx loaded in them) before the first job, not during it.
  const pool = new ThreadPool({ maxThreads: options.concurrency, minThreads: options.concurrency });
  const queues = new Map(options.queues.map((name) => [name, new RedisJobQueue({ name, redisUrl: options.redisUrl, layer, onError: (error) => logger.warn(`queue ${name}: ${errorText(error)}`), ...(options.prefix ? { prefix: options.prefix } : {}) })]));
  let started = 0;
  let closing: Promise<void> | undefined;

  const runJob = async (queue: RedisJobQueue, job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<unknown> => {
    const id = job.id!;
    started++;
    // The last job this process takes: stop fetching now, and stop when it (and the others) end.
    if (options.maxJobs !== undefined && started >= options.maxJobs) void close();
    options.onJobStart?.(queue.name, id, token ?? "");
    const leave = await subscribeGroup(layer, jobGroup(id), (message) => {
      if (message.type === JOB_CANCEL) workers.get(queue.name)?.cancelJob(id, CANCELLED_REASON);
    }, (error) => logger.warn(`job ${id}: ${errorText(error)}`));
    const info = toJobInfo(queue.name, job, "active", false);
    const progress = throttle((report: { fraction: number; message: string | null }) => {
      job.updateProgress(report).catch((error: unknown) => logger.warn(`job ${id}: storing progress failed: ${errorText(error)}`));
      queue.publish({ ...info, progress: report.fraction, message: report.message });
    }, options.progressInterval ?? 200);
    try {
      // Cancelled before we joined its group: the mark says so (it is set before the message).
      if ((await queue.redis.exists(queue.cancelKey(id))) === 1) throw new UnrecoverableError(CANCELLED_REASON);
      queue.publish(info);
      logger.info(`job ${id} (${queue.name}/${job.name}) started`);
      const envelope = job.data as JobEnvelope;
      const result = await pool.runJob(options.module, job.name, envelope.data, { id, ...(signal ? { signal } : {}), onProgress: progress.push });
      return toJson(result);
    } catch (error) {
      // Not retried: a job that failed once would fail again, and cancelled means cancelled.
      throw new UnrecoverableError(signal?.aborted ? CANCELLED_REASON : errorText(error));
    } finally {
      progress.cancel();
      leave();
      options.onJobEnd?.(queue.name, id);
    }
  };

  const workers = new Map<string, Worker>();
  for (const queue of queues.values()) {
    const worker = new Worker(queue.name, (job, token, signal) => runJob(queue, job, token, signal), {
      connection: openRedis(options.redisUrl, (error) => logger.warn(`queue ${queue.name}: Redis: ${error.message}`)),
      prefix: options.prefix ?? JOBS_PREFIX,
      concurrency: options.concurrency,
      ...(options.lockDuration ? { lockDuration: options.lockDuration } : {}),
    });
    worker.on("completed", (job) => {
      logger.info(`job ${job.id} (${queue.name}/${job.name}) completed`);
      queue.publish(toJobInfo(queue.name, job, "completed", false));
    });
    worker.on("failed", (job, error) => {
      if (!job) return;
      const cancelled = error.message === CANCELLED_REASON;
      logger.info(`job ${job.id} (${queue.name}/${job.name}) ${cancelled ? "cancelled" : `failed: ${error.message}`}`);
      queue.publish(toJobInfo(queue.name, job, "failed", cancelled));
    });
    // BullMQ repeats a connection error at every retry; say it once until something else happens.
    let lastError = "";
    worker.on("error", (error) => {
      if (error.message !== lastError) logger.warn(`queue ${queue.name}: ${error.message}`);
      lastError = error.message;
    });
    worker.on("ready", () => (lastError = ""));
    workers.set(queue.name, worker);
  }
  await Promise.all([...workers.values()].map((worker) => worker.waitUntilReady()));

  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const close = (closeOptions: { force?: boolean } = {}): Promise<void> => {
    closing ??= (async () => {
      await Promise.all([...workers.values()].map((worker) => worker.close(closeOptions.force)));
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await pool.destroy();
      await layer.close();
      finished();
    })();
    return closing;
  };
  return { done, close };
}
