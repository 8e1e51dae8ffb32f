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
import type { ChannelLayer } from "../channels/layer.ts";
import { subscribeGroup } from "../channels/listen.ts";
import type { Logger } from "../log.ts";
import { CANCELLED_REASON, JOB_CANCEL, MAX_ATTEMPTS, errorText, jobGroup, throttle, toJson } from "./job.ts";
import type { ProgressReport } from "./thread-entry.ts";
import { JOBS_PREFIX, RedisJobQueue, openRedis, toJobInfo, type JobEnvelope } from "./redis-queue.ts";
import { ThreadPool, type ModuleRef } from "./thread-pool.ts";

export interface JobWorkerOptions {
  module: ModuleRef;
  queues: string[];
  redisUrl: string;
  /** Jobs this process runs at once from each queue (a thread each). */
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
  /** Stops taking jobs and waits for running ones; `force` ends those first (they fail). */
  close(options?: { force?: boolean }): Promise<void>;
}

const STOPPED_REASON = "the worker was stopped while running this job (its grace period passed)";

/**
 * BullMQ's own count of silent losses (a run whose worker stopped answering) would fail a job
 * with "job stalled more than allowable limit" before its attempts are used: this process
 * decides instead (lostRun), so the bound only has to be above every job's attempts.
 */
const MAX_STALLED_COUNT = MAX_ATTEMPTS;

/**
 * Why this run must not go ahead, when the runs before it were lost without a word (their
 * worker was killed or cut off from Redis past its lock, and BullMQ moved the job back to
 * wait): with no attempt left it fails, saying so; otherwise it runs again, logged.
 */
function lostRun(job: Job, logger: Logger): string | undefined {
  const attempt = job.attemptsStarted;
  const allowed = job.opts.attempts ?? 1;
  // Runs that ended in a failure BullMQ recorded (attemptsMade) are not silent losses.
  if (attempt - job.attemptsMade - 1 <= 0) return undefined;
  const lost = `lost: the worker running it stopped answering (killed, or cut off from Redis past its lock)`;
  if (attempt > allowed) return `${lost}; not run again (attempts: ${allowed})`;
  logger.warn(`job ${job.id}: attempt ${attempt} of ${allowed}, the previous run was ${lost}`);
  return undefined;
}

export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const jobProcess = new JobProcess(options);
  await jobProcess.start();
  return { done: jobProcess.done, close: (closeOptions) => jobProcess.close(closeOptions) };
}

class JobProcess {
  readonly done: Promise<void>;
  readonly #options: JobWorkerOptions;
  readonly #layer: ChannelLayer;
  readonly #pool: ThreadPool;
  readonly #queues: RedisJobQueue[];
  readonly #workers = new Map<string, Worker>();
  #started = 0;
  #closing: Promise<void> | undefined;
  #finished!: () => void;

  constructor(options: JobWorkerOptions) {
    this.#options = options;
    const { logger, redisUrl } = options;
    this.#layer = createChannelLayer({ redisUrl, onError: (error) => logger.warn(`channel layer: ${error.message}`) });
    // Threads started (and tsx loaded in them) before the first job, not during it.
    const threads = options.concurrency * options.queues.length;
    this.#pool = new ThreadPool({ maxThreads: threads, minThreads: threads });
    const prefix = options.prefix ? { prefix: options.prefix } : {};
    this.#queues = options.queues.map(
      (name) =>
        new RedisJobQueue({
          name,
          redisUrl,
          layer: this.#layer,
          onError: (error) => logger.warn(`queue ${name}: ${errorText(error)}`),
          ...prefix,
        }),
    );
    this.done = new Promise<void>((resolve) => (this.#finished = resolve));
  }

  async start(): Promise<void> {
    for (const queue of this.#queues) {
      const worker = new Worker(queue.name, (job, token, signal) => this.#run(queue, job, token, signal), {
        connection: openRedis(this.#options.redisUrl, (error) => this.#options.logger.warn(`queue ${queue.name}: Redis: ${error.message}`)),
        prefix: this.#options.prefix ?? JOBS_PREFIX,
        concurrency: this.#options.concurrency,
        maxStalledCount: MAX_STALLED_COUNT,
        // A lost run's lock lapses after lockDuration; the next check after that takes it over.
        ...(this.#options.lockDuration ? { lockDuration: this.#options.lockDuration, stalledInterval: this.#options.lockDuration } : {}),
      });
      this.#report(worker, queue);
      this.#workers.set(queue.name, worker);
    }
    await Promise.all([...this.#workers.values()].map((worker) => worker.waitUntilReady()));
  }

  close(options: { force?: boolean } = {}): Promise<void> {
    // Forced (a second SIGTERM): end the running jobs' threads, so the close below is quick.
    if (options.force) for (const worker of this.#workers.values()) worker.cancelAllJobs(STOPPED_REASON);
    this.#closing ??= (async () => {
      await Promise.all([...this.#workers.values()].map((worker) => worker.close()));
      await Promise.all(this.#queues.map((queue) => queue.close()));
      await this.#pool.destroy();
      await this.#layer.close();
      this.#finished();
    })();
    return this.#closing;
  }

  async #run(queue: RedisJobQueue, job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<unknown> {
    const { logger, maxJobs } = this.#options;
    const id = job.id!;
    // The last job this process takes: stop fetching now, and stop when it (and the others) end.
    if (maxJobs !== undefined && ++this.#started >= maxJobs) void this.close();
    this.#options.onJobStart?.(queue.name, id, token ?? "");
    const leave = await subscribeGroup(
      this.#layer,
      jobGroup(id),
      (message) => {
        if (message.type === JOB_CANCEL) this.#workers.get(queue.name)?.cancelJob(id, CANCELLED_REASON);
      },
      (error) => logger.warn(`job ${id}: ${errorText(error)}`),
    );
    const info = toJobInfo(queue.name, job, "active", false);
    const progress = throttle((report: ProgressReport) => {
      job.updateProgress(report).catch((error: unknown) => logger.warn(`job ${id}: storing progress failed: ${errorText(error)}`));
      queue.publish({ ...info, progress: report.fraction, message: report.message });
    }, this.#options.progressInterval ?? 200);
    try {
      // Cancelled before we joined its group: the mark says so (it is set before the message).
      if ((await queue.redis.exists(queue.cancelKey(id))) === 1) throw new UnrecoverableError(CANCELLED_REASON);
      const lost = lostRun(job, logger);
      if (lost) throw new UnrecoverableError(lost);
      queue.publish(info);
      logger.info(`job ${id} (${queue.name}/${job.name}) started`);
      const { data } = job.data as JobEnvelope;
      return toJson(
        await this.#pool.runJob(this.#options.module, job.name, data, { id, ...(signal ? { signal } : {}), onProgress: progress.push }),
      );
    } catch (error) {
      // A run stopped with its worker may run again, as its attempts allow (an Error, which
      // BullMQ retries). Not retried: a job that failed once would fail again, and cancelled
      // means cancelled; nor a lost run past its attempts.
      if (signal?.aborted && signal.reason === STOPPED_REASON) throw new Error(STOPPED_REASON);
      if (error instanceof UnrecoverableError) throw error;
      throw new UnrecoverableError(signal?.aborted ? CANCELLED_REASON : errorText(error));
    } finally {
      progress.cancel();
      leave();
      this.#options.onJobEnd?.(queue.name, id);
    }
  }

  /** Logs each job's end and sends its final state to its group, once Redis has it. */
  #report(worker: Worker, queue: RedisJobQueue): void {
    const { logger } = this.#options;
    worker.on("completed", (job) => {
      logger.info(`job ${job.id} (${queue.name}/${job.name}) completed`);
      queue.publish(toJobInfo(queue.name, job, "completed", false));
    });
    worker.on("failed", (job, error) => {
      if (!job) return;
      const cancelled = error.message === CANCELLED_REASON;
      // A run stopped with attempts left is queued again: it is waiting, not failed.
      void job
        .getState()
        .catch(() => "unknown")
        .then((state) => {
          const again = state === "waiting" || state === "prioritized" || state === "delayed";
          const how = cancelled ? "cancelled" : `failed: ${error.message}${again ? `; attempt ${job.attemptsStarted + 1} will run` : ""}`;
          logger.info(`job ${job.id} (${queue.name}/${job.name}) ${how}`);
          queue.publish(toJobInfo(queue.name, job, again ? "waiting" : "failed", cancelled));
        });
    });
    // BullMQ repeats a connection error at every retry; say it once until something else happens.
    let lastError = "";
    worker.on("error", (error) => {
      if (error.message !== lastError) logger.warn(`queue ${queue.name}: ${error.message}`);
      lastError = error.message;
    });
    worker.on("ready", () => (lastError = ""));
  }
}
