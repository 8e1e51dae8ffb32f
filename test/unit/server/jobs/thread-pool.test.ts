import { afterAll, describe, expect, it } from "vitest";
import { ThreadPool } from "../../../../server/jobs/thread-pool.ts";
import { collectTransferables } from "../../../../server/jobs/transfer.ts";
import { flagChanged } from "../../../helpers/flags.ts";

const TASKS = new URL("../../../fixtures/jobs/tasks.ts", import.meta.url);
const pool = new ThreadPool({ maxThreads: 2 });
afterAll(() => pool.destroy());

describe("ThreadPool#run (runInWorker)", () => {
  it("calls the export with the arguments and resolves with its result", async () => {
    const doubled = await pool.run<Float64Array>(TASKS, "double", [Float64Array.of(1, 2.5, -3)]);
    expect(doubled).toBeInstanceOf(Float64Array);
    expect(Array.from(doubled)).toEqual([2, 5, -6]);
  });

  it("moves typed arrays to the thread instead of copying them: the caller's are left empty", async () => {
    const values = new Float64Array(1_000_000).fill(1);
    const bytes = new Uint8Array(16);
    expect(await pool.run(TASKS, "byteLengths", [values, bytes])).toEqual([8_000_000, 16]);
    expect(values.byteLength).toBe(0);
    expect(bytes.byteLength).toBe(0);
  });

  it("copies instead when asked, and never moves a view of part of a buffer", async () => {
    const kept = Float64Array.of(1, 2, 3);
    expect(await pool.run(TASKS, "byteLengths", [kept], { transfer: false })).toEqual([24]);
    expect(kept.byteLength).toBe(24);
    const small = Buffer.from("pooled"); // a slice of Node's shared 8 KB pool
    expect(await pool.run(TASKS, "byteLengths", [small])).toEqual([6]);
    expect(small.toString()).toBe("pooled");
  });

  it("rejects with the thread's error name and message", async () => {
    await expect(pool.run(TASKS, "fail", ["size must be positive"])).rejects.toMatchObject({
      name: "RangeError",
      message: "size must be positive",
    });
  });

  it("rejects with a plain reason when the thread dies, and the pool goes on", async () => {
    await expect(pool.run(TASKS, "exitThread")).rejects.toThrow("the worker thread died before finishing (exited with code: 7)");
    expect(Array.from(await pool.run<Float64Array>(TASKS, "double", [Float64Array.of(4)]))).toEqual([8]);
  });

  it("names a missing export, and refuses a relative module path", async () => {
    await expect(pool.run(TASKS, "nothing")).rejects.toThrow(/exports no function "nothing"/);
    expect(() => pool.run("./tasks.ts", "double")).toThrow(/needs an absolute module/);
  });

  it("ends a running call's thread when aborted", async () => {
    const flag = new Int32Array(new SharedArrayBuffer(8));
    const controller = new AbortController();
    const call = pool.run(TASKS, "spinUntilReleased", [flag], { signal: controller.signal });
    await flagChanged(flag, 1); // the thread is computing
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(await pool.run(TASKS, "pid")).toBe(process.pid);
  });
});

describe("collectTransferables", () => {
  it("finds whole-buffer views and ArrayBuffers in arrays and plain objects, once each", () => {
    const a = new Float64Array(4);
    const raw = new ArrayBuffer(8);
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const part = new Uint8Array(new ArrayBuffer(16), 4, 4);
    expect(collectTransferables([a, { nested: { a, raw } }, shared, part, "text", null])).toEqual([a.buffer, raw]);
  });
});
