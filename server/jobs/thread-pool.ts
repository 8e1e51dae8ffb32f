/**
 * CPU work off the event loop: `runInWorker(module, exportName, args)` calls a function on a
 * pool of worker threads (piscina), so one session's computation never delays another
 * session's callbacks, pings or patches. Typed arrays in the arguments and in the result are
 * moved between threads, not copied.
 */
import { availableParallelism } from "node:os";
import { isAbsolute } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import type { Piscina } from "piscina";
import type { ProgressReport, ThreadTask } from "./thread-entry.ts";
import { collectTransferables } from "./transfer.ts";

// Loaded with the first pool: a server that runs no work in threads never pays for piscina.
const lazyRequire = createRequire(import.meta.url);

const ENTRY = new URL("./thread-boot.mjs", import.meta.url).href;

export interface ThreadPoolOptions {
  /** Threads at most (default: the cores less one, for the event loop; at least 1). */
  maxThreads?: number;
  /** Threads kept started, loaded and waiting (default 0: started on demand). */
  minThreads?: number;
  /** Idle threads end after this long, returning their memory (ms, default 30 s). */
  idleTimeout?: number;
  /** Heap limits per thread; a task that exceeds them fails instead of the process. */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

export interface RunInWorkerOptions {
  /** Aborting rejects the call; a running call's thread is terminated (and replaced). */
  signal?: AbortSignal;
  /**
   * Move the arguments' typed arrays to the thread (default true): the call is then as
   * cheap for 100 MB as for 100 bytes, but the caller's arrays are left empty (detached).
   * Pass false to copy instead, e.g. for a column the document still shows or data shared
   * by every session.
   */
  transfer?: boolean;
}

export interface JobRunOptions {
  id: string;
  signal?: AbortSignal;
  onProgress?: (report: ProgressReport) => void;
}

/** `new URL("./heavy.ts", import.meta.url)`, its `href`, or an absolute path. */
export type ModuleRef = string | URL;

function moduleHref(ref: ModuleRef): string {
  if (ref instanceof URL) return ref.href;
  if (/^(file|data):/.test(ref)) return ref;
  if (isAbsolute(ref)) return pathToFileURL(ref).href;
  throw new TypeError(
    `runInWorker needs an absolute module: new URL("${ref}", import.meta.url), not "${ref}" (a thread has no "here" to resolve it from)`,
  );
}

export class ThreadPool {
  readonly #piscina: Piscina<ThreadTask, unknown>;

  constructor(options: ThreadPoolOptions = {}) {
    const maxThreads = options.maxThreads ?? Math.max(1, availableParallelism() - 1);
    const { Piscina: Pool } = lazyRequire("piscina") as typeof import("piscina");
    this.#piscina = new Pool({
      filename: ENTRY,
      maxThreads,
      minThreads: Math.min(options.minThreads ?? 0, maxThreads),
      idleTimeout: options.idleTimeout ?? 30_000,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
  }

  get maxThreads(): number {
    return this.#piscina.maxThreads;
  }

  /** Calls `exportName(...args)` of the module on a pool thread; see `runInWorker`. */
  run<T = unknown>(module: ModuleRef, exportName: string, args: unknown[] = [], options: RunInWorkerOptions = {}): Promise<T> {
    const task: ThreadTask = { moduleUrl: moduleHref(module), exportName, args };
    const transferList = options.transfer === false ? [] : collectTransferables(args);
    return this.#piscina
      .run(task, { transferList, ...(options.signal ? { signal: options.signal } : {}) })
      .catch(explainFailure) as Promise<T>;
  }

  /** Runs a queue job: `exportName(data, context)`, its progress reports sent to `onProgress`. */
  async runJob(module: ModuleRef, exportName: string, data: unknown, options: JobRunOptions): Promise<unknown> {
    const { port1, port2 } = new MessageChannel();
    port1.on("message", (report: ProgressReport) => options.onProgress?.(report));
    const task: ThreadTask = { moduleUrl: moduleHref(module), exportName, args: [data], job: { id: options.id, port: port2 } };
    try {
      return await this.#piscina.run(task, { transferList: [port2], ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      return explainFailure(error);
    } finally {
      port1.close();
    }
  }

  /** Waits for running calls, then ends the threads. */
  close(): Promise<void> {
    return this.#piscina.close();
  }

  /** Ends the threads now; running calls are rejected. */
  destroy(): Promise<void> {
    return this.#piscina.destroy();
  }
}

/**
 * A thread that died (process.exit in it, an out-of-memory kill) surfaces from piscina as
 * "worker exited with code: N"; say what that means for the caller. Thrown errors pass
 * through with the thread's message, as the structured clone carried it.
 */
function explainFailure(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (/^worker exited with code/.test(message)) {
    throw new Error(`the worker thread died before finishing (${message.replace(/^worker /, "")})`, { cause: error });
  }
  if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
    throw new Error("the worker thread ran out of memory (resourceLimits)", { cause: error });
  }
  throw error;
}

// The default pool is process-wide on purpose, as getChannelLayer() is: a handler, an Express
// route or a helper module calls runInWorker() with nothing handed to it, and every session
// of the process should share one set of threads sized to the machine, not each start its own.
let defaultPool: ThreadPool | undefined;

/** The process-wide pool (made on first use with the default options). */
export function getThreadPool(): ThreadPool {
  defaultPool ??= new ThreadPool();
  return defaultPool;
}

/** Installs a pool (or clears it) and returns the previous one, which the caller may close. */
export function setThreadPool(pool: ThreadPool | undefined): ThreadPool | undefined {
  const previous = defaultPool;
  defaultPool = pool;
  return previous;
}

/**
 * Calls `exportName(...args)` from `module` on a worker thread of the process-wide pool and
 * resolves with its result; a throw in the thread rejects with the thread's message. Put
 * heavy functions in a module of their own: each thread imports the whole module once.
 *
 * @example
 * const smooth = new URL("./smooth.ts", import.meta.url);
 * slider.onChange("value", async (_a, _o, k) => {
 *   source.data = { x, y: await runInWorker<Float64Array>(smooth, "movingAverage", [raw.slice(), k]) };
 * });
 */
export function runInWorker<T = unknown>(
  module: ModuleRef,
  exportName: string,
  args: unknown[] = [],
  options: RunInWorkerOptions = {},
): Promise<T> {
  return getThreadPool().run<T>(module, exportName, args, options);
}
