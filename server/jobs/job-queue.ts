/**
 * Choosing a backend, the process-wide queues by name, and following a job from a session.
 */
import type { ChannelLayer } from "../channels/layer.ts";
import type { Document } from "../document/document.ts";
import { isFinished, isJobId, isJobUpdate, jobGroup, mergeJobInfo, type JobInfo, type JobQueue, type SubmitOptions } from "./job.ts";
import type { JobOwner } from "./owner.ts";
import { MemoryJobQueue } from "./memory-queue.ts";
import { RedisJobQueue } from "./redis-queue.ts";
import type { ModuleRef, ThreadPool } from "./thread-pool.ts";

export interface JobQueueOptions {
  /**
   * The module whose exported functions are the tasks. Jobs in process run them from here;
   * with Redis the server only submits, and `aperture worker <module>` loads its own copy.
   */
  module?: ModuleRef;
  /** Default `APERTURE_REDIS_URL` (read when the queue is first used); none → in process. */
  redisUrl?: string;
  /** In process only: jobs at once (default: the pool's threads). */
  concurrency?: number;
  /** Redis only: BullMQ key prefix (default "aperture-jobs"), the same as the workers'. */
  prefix?: string;
  /** Where updates go (default: the process-wide layer). */
  layer?: ChannelLayer;
  /** In process only (default: the process-wide pool). */
  pool?: ThreadPool;
  /** Waiting jobs at most (default 1,000); past it `submit` throws `QueueFullError`. */
  maxWaiting?: number;
  /** Unfinished jobs per owner at most (default 20). */
  maxPerOwner?: number;
}

/**
 * A queue on Redis when a URL is configured, else in this process, with the same API.
 *
 * @example
 * const queue = createJobQueue("modelling", { module: new URL("./tasks.ts", import.meta.url), redisUrl });
 */
export function createJobQueue(name: string, options: JobQueueOptions = {}): JobQueue {
  const redisUrl = options.redisUrl ?? process.env.APERTURE_REDIS_URL;
  const layer = options.layer ? { layer: options.layer } : {};
  const bounds = {
    ...(options.maxWaiting ? { maxWaiting: options.maxWaiting } : {}),
    ...(options.maxPerOwner ? { maxPerOwner: options.maxPerOwner } : {}),
  };
  if (redisUrl) return new RedisJobQueue({ name, redisUrl, ...layer, ...bounds, ...(options.prefix ? { prefix: options.prefix } : {}) });
  if (!options.module)
    throw new TypeError(`job queue "${name}" runs jobs in this process (no Redis is configured), so it needs the tasks' module`);
  return new MemoryJobQueue({
    name,
    module: options.module,
    ...layer,
    ...bounds,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.pool ? { pool: options.pool } : {}),
  });
}

/** Made on first use, so importing an app opens no connection and reads the environment late. */
class LazyJobQueue implements JobQueue {
  #queue: JobQueue | undefined;
  constructor(
    readonly name: string,
    private readonly options: JobQueueOptions,
  ) {}

  get #backend(): JobQueue {
    this.#queue ??= createJobQueue(this.name, this.options);
    return this.#queue;
  }

  get backend(): JobQueue["backend"] {
    return this.#backend.backend;
  }

  submit(task: string, data?: unknown, options?: SubmitOptions): Promise<JobInfo> {
    return this.#backend.submit(task, data, options);
  }

  get(id: string): Promise<JobInfo | undefined> {
    return this.#backend.get(id);
  }

  list(owner: JobOwner): Promise<JobInfo[]> {
    return this.#backend.list(owner);
  }

  cancel(id: string): Promise<JobInfo | undefined> {
    return this.#backend.cancel(id);
  }

  async close(): Promise<void> {
    const queue = this.#queue;
    this.#queue = undefined;
    await queue?.close();
  }
}

// Queues by name for the whole process, as getChannelLayer() is: a session callback and an
// Express route of one app must reach the same queue without either being handed it.
const queues = new Map<string, JobQueue>();

/**
 * The process-wide queue of that name (made with `options` the first time, connected on
 * first use). Declare it at the top of an app module.
 *
 * @example
 * export const calc = jobQueue("calc_default", { module: new URL("./tasks.ts", import.meta.url) });
 * const job = await calc.submit("eigenvalues", { size: 800 }, { owner });
 */
export function jobQueue(name: string, options: JobQueueOptions = {}): JobQueue {
  let queue = queues.get(name);
  if (!queue) queues.set(name, (queue = new LazyJobQueue(name, options)));
  return queue;
}

/** Closes the process-wide queues (their connections), e.g. before the process exits. */
export async function closeJobQueues(): Promise<void> {
  const all = [...queues.values()];
  queues.clear();
  await Promise.all(all.map((queue) => queue.close()));
}

/** How often a followed job's record is read again while it runs (ms): news lost in a Redis outage, or a reset. */
const RECHECK_INTERVAL = 5_000;
const LOST_REASON = "lost: the queue's data was reset";

/**
 * Calls `onUpdate` with the job's state now and at every change, in this session, until
 * the job ends or the returned function is called. Joins the job's group first and reads
 * the state second, so no change falls between; late or repeated news is ignored.
 * While the job is unfinished its record is read again every 5 s (a session callback, ended
 * with the session): news missed during a Redis outage arrives so, and a job whose record
 * vanished (Redis restarted empty) is reported failed, "lost: the queue's data was reset".
 * Resolves with undefined (and follows nothing) when the queue does not know the job.
 */
export async function followJob(
  doc: Document,
  queue: JobQueue,
  id: string,
  onUpdate: (job: JobInfo) => unknown,
): Promise<(() => void) | undefined> {
  if (!isJobId(id)) return undefined;
  let known: JobInfo | undefined;
  let stop = () => {};
  const apply = (job: JobInfo) => {
    const merged = known ? mergeJobInfo(known, job) : job;
    if (merged === known) return;
    known = merged;
    if (isFinished(merged.state)) stop();
    return onUpdate(merged);
  };
  const leave = await doc.session.subscribe(jobGroup(id), (message) =>
    isJobUpdate(message) && message.job.id === id ? apply(message.job) : undefined,
  );
  const current = await queue.get(id);
  if (!current) {
    leave();
    return undefined;
  }
  const recheck = doc.addPeriodicCallback(async () => {
    const now = await queue.get(id).catch(() => null); // Redis unreachable: try again next time
    if (now === undefined && known) return apply({ ...known, state: "failed", error: LOST_REASON, finishedAt: Date.now() });
    if (now) return apply(now);
    return undefined;
  }, RECHECK_INTERVAL);
  stop = () => {
    recheck.stop();
    leave();
  };
  await apply(current);
  return stop;
}
