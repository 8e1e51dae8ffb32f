/**
 * The queue on Redis, through BullMQ: the server submits, looks up and cancels; worker
 * processes (`aperture worker`, see redis-worker.ts) run the jobs. A job is stored with its
 * progress and result, so it outlives the page that asked and the server process too.
 *
 * Beside BullMQ's keys, two of our own (under `<prefix>-meta:<queue>:`): `owner:<owner>`, a
 * sorted set of an owner's job ids (for `list` and fair turns), and `cancel:<id>`, the
 * cancelled job's last state: a mark the worker checks when it starts the job, and the
 * record `get` answers with once a waiting job has been removed.
 */
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import type { Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { getChannelLayer } from "../channels/index.ts";
import type { ChannelLayer } from "../channels/layer.ts";
import type { Json } from "../protocol/json.ts";
import {
  assertRoom,
  CANCELLED_REASON,
  JOB_CANCEL,
  JOB_UPDATE,
  KEEP_SECONDS,
  assertAttempts,
  assertOwner,
  assertTask,
  isFinished,
  isJobId,
  jobGroup,
  toJson,
  type JobInfo,
  type JobQueue,
  type JobState,
  type SubmitOptions,
} from "./job.ts";
import type { JobOwner } from "./owner.ts";

// BullMQ and ioredis load with the first Redis queue: a server without one never pays for them.
const lazyRequire = createRequire(import.meta.url);
const bullmq = () => lazyRequire("bullmq") as typeof import("bullmq");

export const JOBS_PREFIX = "aperture-jobs";

export interface RedisJobQueueOptions {
  name: string;
  redisUrl: string;
  /** Key prefix of BullMQ's keys; workers must use the same (default "aperture-jobs"). */
  prefix?: string;
  /** Where updates go (default: the process-wide layer, looked up at each update). */
  layer?: ChannelLayer;
  onError?: (error: unknown) => void;
  /** Waiting jobs at most (default 1,000); past it `submit` throws `QueueFullError`. */
  maxWaiting?: number;
  /** Unfinished jobs per owner at most (default 20). */
  maxPerOwner?: number;
}

/** What BullMQ stores as a job's data: the task's data and who asked. */
export interface JobEnvelope {
  data: Json;
  owner: string | null;
}

export function assertQueueName(name: string): void {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name))
    throw new TypeError(`queue name must be 1–64 letters, digits, ".", "_" or "-", got "${String(name).slice(0, 70)}"`);
}

/**
 * Opens the connection BullMQ needs: commands wait out a reconnect instead of failing after
 * 20 tries (a worker waits for Redis, as Celery waits for its broker). Connection errors are
 * reported once per outage, not at every retry.
 */
export function openRedis(
  url: string,
  onError: (error: Error) => void = (error) => console.warn(`[aperture] jobs: Redis ${url}: ${error.message}`),
): Redis {
  const { Redis: RedisClient } = lazyRequire("ioredis") as typeof import("ioredis");
  const redis = new RedisClient(url, { maxRetriesPerRequest: null });
  let reported = false;
  redis.on("error", (error: Error) => {
    if (!reported) onError(error);
    reported = true;
  });
  redis.on("ready", () => (reported = false));
  return redis;
}

export class RedisJobQueue implements JobQueue {
  readonly name: string;
  readonly backend = "redis" as const;
  readonly redis: Redis;
  readonly bull: Queue;
  readonly #options: RedisJobQueueOptions;
  readonly #meta: string;

  constructor(options: RedisJobQueueOptions) {
    assertQueueName(options.name);
    this.name = options.name;
    this.#options = options;
    const prefix = options.prefix ?? JOBS_PREFIX;
    this.#meta = `${prefix}-meta:${options.name}`;
    this.redis = openRedis(options.redisUrl, options.onError);
    this.bull = new (bullmq().Queue)(options.name, { connection: this.redis, prefix });
    // BullMQ repeats the connection's errors (already reported once by openRedis) at every retry.
    let last = "";
    this.bull.on("error", (error) => {
      if (error.message !== last) this.#reportError(error);
      last = error.message;
    });
    this.redis.on("ready", () => (last = ""));
  }

  #reportError(error: unknown): void {
    (this.#options.onError ?? ((e) => console.error(`[aperture] job queue "${this.name}":`, e)))(error);
  }

  cancelKey(id: string): string {
    return `${this.#meta}:cancel:${id}`;
  }

  async submit(task: string, data: unknown = null, options: SubmitOptions = {}): Promise<JobInfo> {
    assertTask(task);
    assertOwner(options.owner);
    assertAttempts(options.attempts);
    const owner = options.owner ?? null;
    const id = randomUUID();
    const [unfinished, waiting] = await Promise.all([
      owner === null ? 0 : this.list(owner).then((jobs) => jobs.filter((job) => !isFinished(job.state)).length),
      this.bull.getWaitingCount(),
    ]);
    assertRoom(this.name, waiting, unfinished, this.#options);
    const envelope: JobEnvelope = { data: toJson(data), owner };
    // BullMQ runs lower priorities first and keeps submission order within one, so an
    // owner's n-th unfinished job waits behind every other owner's earlier ones.
    const job = await this.bull.add(task, envelope, {
      jobId: id,
      priority: unfinished + 1,
      attempts: options.attempts ?? 1,
      removeOnComplete: { age: KEEP_SECONDS },
      removeOnFail: { age: KEEP_SECONDS },
    });
    if (owner !== null) {
      const key = `${this.#meta}:owner:${owner}`;
      await this.redis.multi().zadd(key, job.timestamp, id).expire(key, KEEP_SECONDS).exec();
    }
    const info = toJobInfo(this.name, job, "waiting", false);
    this.publish(info);
    return info;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    if (!isJobId(id)) return undefined;
    const [job, tombstone] = await Promise.all([bullmq().Job.fromId(this.bull, id), this.redis.get(this.cancelKey(id))]);
    if (!job) return tombstone === null ? undefined : (JSON.parse(tombstone) as JobInfo);
    return toJobInfo(this.name, job, await job.getState(), tombstone !== null);
  }

  async list(owner: JobOwner): Promise<JobInfo[]> {
    assertOwner(owner);
    const key = `${this.#meta}:owner:${owner}`;
    const ids = await this.redis.zrevrange(key, 0, 199);
    const jobs = await Promise.all(ids.map((id) => this.get(id)));
    const gone = ids.filter((_, index) => jobs[index] === undefined);
    if (gone.length > 0) await this.redis.zrem(key, ...gone);
    return jobs.filter((job): job is JobInfo => job !== undefined);
  }

  async cancel(id: string): Promise<JobInfo | undefined> {
    const info = await this.get(id);
    if (!info || isFinished(info.state)) return info;
    const cancelled: JobInfo = { ...info, state: "cancelled", error: CANCELLED_REASON, finishedAt: Date.now() };
    // The mark first: a worker that takes the job from now on sees it and does not run it.
    await this.redis.set(this.cancelKey(id), JSON.stringify(cancelled), "EX", KEEP_SECONDS);
    // Removes nothing when a worker has just taken it (locked): the mark and the message stop it.
    if (info.state === "waiting") await this.bull.remove(id);
    await this.layer.groupSend(jobGroup(id), { type: JOB_CANCEL, id });
    this.publish(cancelled);
    return cancelled;
  }

  /**
   * Fails a job whose worker process died while running it (`token` is its lock), at once
   * and with the reason, rather than after the lock lapses and BullMQ calls it stalled. With
   * attempts left, BullMQ queues it again instead: the update says which run comes next.
   */
  async failLost(id: string, token: string, reason: string): Promise<JobInfo | undefined> {
    const job = await bullmq().Job.fromId(this.bull, id);
    if (!job) return undefined;
    await job.moveToFailed(new Error(reason), token, false);
    const info = await this.get(id);
    if (info) this.publish(info);
    return info;
  }

  get layer(): ChannelLayer {
    return this.#options.layer ?? getChannelLayer();
  }

  publish(info: JobInfo): void {
    this.layer.groupSend(jobGroup(info.id), { type: JOB_UPDATE, job: info }).catch((error: unknown) => this.#reportError(error));
  }

  async close(): Promise<void> {
    await this.bull.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** A BullMQ job as a page sees it. */
export function toJobInfo(queue: string, job: Job, bullState: string, cancelled: boolean): JobInfo {
  const envelope = (job.data ?? {}) as Partial<JobEnvelope>;
  const progress = readProgress(job.progress);
  let state: JobState = bullState === "active" || bullState === "completed" || bullState === "failed" ? bullState : "waiting";
  if (cancelled && state !== "completed") state = "cancelled";
  return {
    id: job.id!,
    queue,
    task: job.name,
    data: envelope.data ?? null,
    owner: envelope.owner ?? null,
    state,
    progress: state === "completed" ? 1 : progress.fraction,
    message: progress.message,
    result: state === "completed" ? ((job.returnvalue as Json | undefined) ?? null) : null,
    error: state === "cancelled" ? CANCELLED_REASON : state === "failed" ? job.failedReason || "failed" : null,
    submittedAt: job.timestamp,
    startedAt: job.processedOn ?? null,
    finishedAt: state === "completed" || state === "failed" ? (job.finishedOn ?? null) : null,
    // BullMQ counts the runs started; a waiting job is about to start the next one.
    attempt: state === "waiting" ? job.attemptsStarted + 1 : Math.max(1, job.attemptsStarted),
    attempts: job.opts.attempts ?? 1,
  };
}

function readProgress(value: unknown): { fraction: number; message: string | null } {
  if (typeof value === "number") return { fraction: value, message: null };
  if (typeof value === "object" && value !== null) {
    const { fraction, message } = value as { fraction?: unknown; message?: unknown };
    return { fraction: typeof fraction === "number" ? fraction : 0, message: typeof message === "string" ? message : null };
  }
  return { fraction: 0, message: null };
}
