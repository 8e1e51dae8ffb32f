/**
 * The queue without Redis: jobs live in this process and run on its thread pool, so a
 * developer's `npm start` has working jobs, with the same API, events and fairness as the
 * BullMQ queue. They end with the process; use Redis and `aperture worker` for jobs that
 * must outlive it.
 */
import { randomUUID } from "node:crypto";
import { getChannelLayer } from "../channels/index.ts";
import type { ChannelLayer } from "../channels/layer.ts";
import {
  assertRoom,
  CANCELLED_REASON,
  JOB_UPDATE,
  KEEP_SECONDS,
  assertAttempts,
  assertOwner,
  assertTask,
  errorText,
  isFinished,
  jobGroup,
  throttle,
  toJson,
  type JobInfo,
  type JobQueue,
  type SubmitOptions,
} from "./job.ts";
import type { JobOwner } from "./owner.ts";
import { getThreadPool, type ModuleRef, type ThreadPool } from "./thread-pool.ts";

export interface MemoryJobQueueOptions {
  name: string;
  /** The module whose exports are the tasks. */
  module: ModuleRef;
  /** Jobs run at once (default: the pool's threads). */
  concurrency?: number;
  /** Default: the process-wide pool. */
  pool?: ThreadPool;
  /** Where updates go (default: the process-wide layer, looked up at each update). */
  layer?: ChannelLayer;
  /** Milliseconds between progress updates sent to the group (default 200). */
  progressInterval?: number;
  /** Finished jobs kept, at most (default 1,000; and none longer than a day). */
  keep?: number;
  /** Waiting jobs at most (default 1,000); past it `submit` throws `QueueFullError`. */
  maxWaiting?: number;
  /** Unfinished jobs per owner at most (default 20). */
  maxPerOwner?: number;
  onError?: (error: unknown) => void;
}

interface Entry {
  info: JobInfo;
  /** Turn order: an owner's n-th unfinished job gets turn n; ties go by submission. */
  turn: number;
  seq: number;
  controller?: AbortController;
}

export class MemoryJobQueue implements JobQueue {
  readonly name: string;
  readonly backend = "memory" as const;
  readonly #options: MemoryJobQueueOptions;
  readonly #jobs = new Map<string, Entry>();
  #waiting: Entry[] = [];
  #active = 0;
  #seq = 0;
  #closed = false;

  constructor(options: MemoryJobQueueOptions) {
    this.name = options.name;
    this.#options = options;
  }

  get #pool(): ThreadPool {
    return this.#options.pool ?? getThreadPool();
  }

  async submit(task: string, data: unknown = null, options: SubmitOptions = {}): Promise<JobInfo> {
    assertTask(task);
    assertOwner(options.owner);
    assertAttempts(options.attempts);
    if (this.#closed) throw new Error(`job queue "${this.name}" is closed`);
    const owner = options.owner ?? null;
    const unfinished =
      owner === null ? 0 : [...this.#jobs.values()].filter((e) => e.info.owner === owner && !isFinished(e.info.state)).length;
    assertRoom(this.name, this.#waiting.length, unfinished, this.#options);
    const info: JobInfo = {
      id: randomUUID(),
      queue: this.name,
      task,
      data: toJson(data),
      owner,
      state: "waiting",
      progress: 0,
      message: null,
      result: null,
      error: null,
      submittedAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      // In process a run is lost only with the process, and the queue with it: one run.
      attempt: 1,
      attempts: options.attempts ?? 1,
    };
    const entry: Entry = { info, turn: unfinished + 1, seq: this.#seq++ };
    this.#jobs.set(info.id, entry);
    this.#waiting.push(entry);
    this.#waiting.sort((a, b) => a.turn - b.turn || a.seq - b.seq);
    const submitted = { ...info };
    this.#publish(entry);
    this.#pump();
    return submitted;
  }

  async get(id: string): Promise<JobInfo | undefined> {
    const entry = this.#jobs.get(id);
    return entry && { ...entry.info };
  }

  async list(owner: JobOwner): Promise<JobInfo[]> {
    return [...this.#jobs.values()]
      .filter((entry) => entry.info.owner === owner)
      .sort((a, b) => b.seq - a.seq)
      .map((entry) => ({ ...entry.info }));
  }

  async cancel(id: string): Promise<JobInfo | undefined> {
    const entry = this.#jobs.get(id);
    if (!entry || isFinished(entry.info.state)) return entry && { ...entry.info };
    this.#waiting = this.#waiting.filter((item) => item !== entry);
    this.#finish(entry, { state: "cancelled", error: CANCELLED_REASON });
    // A running job's thread is ended now; its run sees the abort and adds nothing (#run).
    entry.controller?.abort(new Error(CANCELLED_REASON));
    return { ...entry.info };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#waiting = [];
    for (const entry of this.#jobs.values()) entry.controller?.abort(new Error("the job queue closed"));
  }

  #pump(): void {
    const concurrency = this.#options.concurrency ?? this.#pool.maxThreads;
    while (!this.#closed && this.#active < concurrency && this.#waiting.length > 0) {
      const entry = this.#waiting.shift()!;
      this.#active++;
      void this.#run(entry).finally(() => {
        this.#active--;
        this.#pump();
      });
    }
  }

  async #run(entry: Entry): Promise<void> {
    const { info } = entry;
    const controller = new AbortController();
    entry.controller = controller;
    Object.assign(info, { state: "active", startedAt: Date.now() });
    this.#publish(entry);
    const progress = throttle(() => this.#publish(entry), this.#options.progressInterval ?? 200);
    try {
      const result = await this.#pool.runJob(this.#options.module, info.task, info.data, {
        id: info.id,
        signal: controller.signal,
        onProgress: (report) => {
          Object.assign(info, { progress: report.fraction, message: report.message });
          progress.push(undefined);
        },
      });
      this.#finish(entry, { state: "completed", progress: 1, result: toJson(result) });
    } catch (error) {
      if (!controller.signal.aborted) this.#finish(entry, { state: "failed", error: errorText(error) });
      else if (!isFinished(info.state)) this.#finish(entry, { state: "cancelled", error: errorText(controller.signal.reason) });
    } finally {
      progress.cancel();
      entry.controller = undefined;
    }
  }

  #finish(entry: Entry, change: Partial<JobInfo>): void {
    Object.assign(entry.info, change, { finishedAt: Date.now() });
    this.#publish(entry);
    this.#prune();
  }

  /** Forgets finished jobs past the count or the age a reloaded page could still ask for. */
  #prune(): void {
    const keep = this.#options.keep ?? 1_000;
    const finished = [...this.#jobs.values()].filter((entry) => isFinished(entry.info.state));
    const tooOld = Date.now() - KEEP_SECONDS * 1000;
    finished.forEach((entry, index) => {
      if (index < finished.length - keep || entry.info.finishedAt! < tooOld) this.#jobs.delete(entry.info.id);
    });
  }

  #publish(entry: Entry): void {
    const layer = this.#options.layer ?? getChannelLayer();
    layer.groupSend(jobGroup(entry.info.id), { type: JOB_UPDATE, job: { ...entry.info } }).catch((error: unknown) => {
      (this.#options.onError ?? ((e) => console.error(`[aperture] job queue "${this.name}": sending an update failed:`, e)))(error);
    });
  }
}
