/**
 * Long jobs on a queue (the seed's Celery): what a job looks like from outside, the API both
 * backends implement (BullMQ on Redis, and in process when no Redis is configured), and the
 * message that carries a job's new state to the channel-layer group `job-<id>`.
 */
import type { ChannelMessage } from "../channels/layer.ts";
import type { Json } from "../protocol/json.ts";
import type { JobOwner } from "./owner.ts";

export type JobState = "waiting" | "active" | "completed" | "failed" | "cancelled";

/** A job as a page sees it: plain JSON, so it travels through channel groups and Redis. */
// A type, not an interface: only type literals are assignable to the layer's JSON messages.
export type JobInfo = {
  id: string;
  queue: string;
  /** The export of the queue's module that runs it. */
  task: string;
  data: Json;
  /** Who asked (`jobOwner`: the user, the session or the address, as a digest). */
  owner: string | null;
  state: JobState;
  /** 0–1, as the job last reported it. */
  progress: number;
  message: string | null;
  /** The job function's return value, as JSON (typed arrays become arrays of numbers). */
  result: Json;
  /** Why it failed or was cancelled. */
  error: string | null;
  submittedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /**
   * Which run this is (1 for the first): the one running, the next one while it waits, the last
   * once it ended. A run is started again only when one was lost (its worker died or was stopped
   * past its grace period) and `attempts` allows it: jobs are run at least once, not exactly once.
   */
  attempt: number;
  /** Runs it may have at most (`SubmitOptions.attempts`). */
  attempts: number;
};

export interface SubmitOptions {
  /**
   * Groups the jobs of one user, session or client: `list(owner)`, and fair turns between
   * owners. Made by `jobOwner(doc.session)` (or from a user or an address), on the server.
   */
  owner?: JobOwner;
  /**
   * Runs it may have (1–10, default 1). A run lost with its worker (killed, or stopped past its
   * grace period) is failed with the reason when none is left, else started again, with
   * `attempt` telling the run. A task that throws is never run again.
   */
  attempts?: number;
}

/** The most runs a job may have (`SubmitOptions.attempts`). */
export const MAX_ATTEMPTS = 10;

export function assertAttempts(attempts: number | undefined): void {
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1 || attempts > MAX_ATTEMPTS))
    throw new TypeError(`a job's attempts must be a whole number 1–${MAX_ATTEMPTS}, got ${String(attempts).slice(0, 20)}`);
}

export interface JobQueue {
  readonly name: string;
  readonly backend: "redis" | "memory";
  /**
   * Queues `task(data, job)` and resolves once it is stored. Jobs run in submission order,
   * except that an owner's later jobs wait behind other owners' earlier ones: each owner
   * gets a turn in order (an owner's n-th unfinished job goes after everyone's (n-1)-th).
   */
  submit(task: string, data?: unknown, options?: SubmitOptions): Promise<JobInfo>;
  get(id: string): Promise<JobInfo | undefined>;
  /** The owner's jobs that are still kept (a day after they end), newest first. */
  list(owner: JobOwner): Promise<JobInfo[]>;
  /** Stops a job: a waiting one never runs, a running one's thread is ended. */
  cancel(id: string): Promise<JobInfo | undefined>;
  close(): Promise<void>;
}

export const JOB_UPDATE = "job.update";
/** Sent to a job's group to ask whichever worker runs it to stop. */
export const JOB_CANCEL = "job.cancel";
export const CANCELLED_REASON = "cancelled";
/** Finished jobs are kept this long (seconds), for reloaded pages and `list`. */
export const KEEP_SECONDS = 86_400;

export interface JobUpdate extends ChannelMessage {
  type: typeof JOB_UPDATE;
  job: JobInfo;
}

const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;
const OWNER = /^[A-Za-z0-9_.-]{1,64}$/;

/** Waiting jobs a queue holds, at most, unless told otherwise: past it `submit` throws `QueueFullError`. */
export const DEFAULT_MAX_WAITING = 1_000;
/** Unfinished jobs one owner may have in a queue: fairness must not be bought with invented owners' floods. */
export const DEFAULT_MAX_PER_OWNER = 20;

/** A submit the queue refused because it (or the owner's share of it) is full; nothing was queued. */
export class QueueFullError extends Error {
  readonly code = "QUEUE_FULL";
  constructor(message: string) {
    super(message);
    this.name = "QueueFullError";
  }
}

/** Throws `QueueFullError` when `waiting` or the owner's `unfinished` jobs are at their bound. */
export function assertRoom(
  queue: string,
  waiting: number,
  unfinished: number,
  limits: { maxWaiting?: number; maxPerOwner?: number },
): void {
  const maxWaiting = limits.maxWaiting ?? DEFAULT_MAX_WAITING;
  const maxPerOwner = limits.maxPerOwner ?? DEFAULT_MAX_PER_OWNER;
  if (waiting >= maxWaiting) throw new QueueFullError(`job queue "${queue}" already has ${maxWaiting} waiting jobs; try again later`);
  if (unfinished >= maxPerOwner)
    throw new QueueFullError(`this owner already has ${maxPerOwner} unfinished jobs in "${queue}"; wait for some to finish`);
}

/** Ids and owners come from URLs: only plain, short names reach Redis keys and group names. */
export function isJobId(id: unknown): id is string {
  return typeof id === "string" && JOB_ID.test(id);
}

export function assertOwner(owner: string | undefined): void {
  if (owner !== undefined && !OWNER.test(owner))
    throw new TypeError(`job owner must be 1–64 letters, digits, ".", "_" or "-", got "${String(owner).slice(0, 70)}"`);
}

export function assertTask(task: string): void {
  if (typeof task !== "string" || !/^[A-Za-z_$][\w$]{0,99}$/.test(task))
    throw new TypeError(`a job's task is the name of a function its module exports, got "${String(task).slice(0, 100)}"`);
}

/** The channel-layer group a job's updates go to. */
export function jobGroup(id: string): string {
  if (!isJobId(id)) throw new TypeError(`not a job id: "${String(id).slice(0, 70)}"`);
  return `job-${id}`;
}

export function isJobUpdate(message: ChannelMessage): message is JobUpdate {
  return message.type === JOB_UPDATE && typeof message.job === "object" && message.job !== null;
}

export function isFinished(state: JobState): boolean {
  return state === "completed" || state === "failed" || state === "cancelled";
}

const STAGE: Record<JobState, number> = { waiting: 0, active: 1, completed: 2, failed: 2, cancelled: 2 };

/**
 * Updates can reach a page out of order (a state read from Redis races the group's
 * messages): a job only moves forward, so an older stage is ignored, and while it runs its
 * progress only grows. A later run starts over (it waits, then runs again). Among final
 * states the later word wins (a job finishing as it is cancelled ends completed).
 */
export function mergeJobInfo(known: JobInfo, update: JobInfo): JobInfo {
  if (update.attempt !== known.attempt) return update.attempt > known.attempt ? update : known;
  if (STAGE[update.state] < STAGE[known.state]) return known;
  if (update.state === "active" && known.state === "active" && update.progress < known.progress) return known;
  return update;
}

/**
 * Data and results as JSON, the same for both backends (Redis stores JSON): typed arrays
 * become arrays of numbers, and whatever JSON cannot carry is dropped as JSON.stringify does.
 */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_key, item: unknown) =>
    ArrayBuffer.isView(item) && !(item instanceof DataView) ? Array.from(item as unknown as ArrayLike<number>) : item,
  );
  return text === undefined ? null : (JSON.parse(text) as Json);
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
}

/**
 * Calls `send` with the first value at once, then with at most one value per `ms`: the last
 * one always goes out, late. A job may report progress a thousand times a second; Redis
 * and the pages need a few updates a second.
 */
export function throttle<T>(send: (value: T) => void, ms: number): { push: (value: T) => void; cancel: () => void } {
  let last = 0;
  let pending: { value: T } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = Date.now();
    send(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
