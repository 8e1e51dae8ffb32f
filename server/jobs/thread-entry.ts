/**
 * What a pool thread runs for each task: load the caller's module (once per thread; later
 * tasks reuse it) and call the named export. The result's typed arrays are moved back to
 * the calling thread, not copied.
 */
import type { MessagePort } from "node:worker_threads";
import { move, transferableSymbol, valueSymbol } from "piscina";
import { collectTransferables } from "./transfer.ts";

export interface ThreadTask {
  moduleUrl: string;
  exportName: string;
  args: unknown[];
  /** Present for queue jobs: the function gets a `JobContext` after its arguments. */
  job?: { id: string; port: MessagePort };
}

/** The second argument of a job function. */
export interface JobContext {
  readonly id: string;
  /**
   * Reports how far the job is, as a fraction 0–1 and an optional short message. Cheap to
   * call often: the thread only posts a message, and the queue forwards at most a few
   * updates a second to Redis and the pages.
   */
  progress(fraction: number, message?: string): void;
}

export interface ProgressReport {
  fraction: number;
  message: string | null;
}

export default async function runThreadTask(task: ThreadTask): Promise<unknown> {
  const loaded = (await import(task.moduleUrl)) as Record<string, unknown>;
  const fn = loaded[task.exportName] as ((...args: unknown[]) => unknown) | undefined;
  if (typeof fn !== "function") throw new TypeError(`${task.moduleUrl} exports no function "${task.exportName}"`);
  const args = task.job ? [...task.args, jobContext(task.job.id, task.job.port)] : task.args;
  try {
    const result: unknown = await fn(...args);
    const buffers = collectTransferables(result);
    return buffers.length === 0 ? result : move({ [transferableSymbol]: buffers, [valueSymbol]: result } as never);
  } finally {
    task.job?.port.close();
  }
}

function jobContext(id: string, port: MessagePort): JobContext {
  return {
    id,
    progress(fraction, message) {
      if (typeof fraction !== "number" || !Number.isFinite(fraction))
        throw new TypeError(`progress must be a number 0–1, got ${String(fraction)}`);
      const report: ProgressReport = {
        fraction: Math.min(1, Math.max(0, fraction)),
        message: message === undefined ? null : String(message).slice(0, 200),
      };
      port.postMessage(report);
    },
  };
}
