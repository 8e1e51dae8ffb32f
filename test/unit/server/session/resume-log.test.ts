import { describe, expect, it } from "vitest";
import type { FlushedPatch } from "../../../../server/document/document.ts";
import { ResumeLog, estimateBytes } from "../../../../server/session/resume-log.ts";

const small = (seq: number): FlushedPatch => ({ seq, ops: [{ op: "replace", path: "/models/1/attrs/value", value: seq }] });
const columns = (seq: number, rows: number): FlushedPatch => ({
  seq,
  ops: [{ op: "replace", path: "/models/2/attrs/data", value: { x: new Float64Array(rows), y: new Float64Array(rows) } }],
});

describe("ResumeLog", () => {
  it("gives the patches after a seq it still holds, and none when the page is up to date", () => {
    const log = new ResumeLog({ maxEntries: 10, maxBytes: 1 << 20 });
    for (let seq = 1; seq <= 5; seq++) log.push(small(seq));
    expect(log.since(2, 5)?.map((patch) => patch.seq)).toEqual([3, 4, 5]);
    expect(log.since(5, 5)).toEqual([]);
  });

  it("asks for a snapshot when the page is ahead of the document or behind the oldest patch kept", () => {
    const log = new ResumeLog({ maxEntries: 3, maxBytes: 1 << 20 });
    for (let seq = 1; seq <= 5; seq++) log.push(small(seq));
    expect(log.oldestSeq).toBe(3);
    expect(log.since(2, 5)?.map((patch) => patch.seq)).toEqual([3, 4, 5]);
    expect(log.since(1, 5)).toBeUndefined();
    expect(log.since(6, 5)).toBeUndefined();
  });

  it("holds no more bytes than its bound, dropping the oldest patches first", () => {
    const log = new ResumeLog({ maxEntries: 1_000, maxBytes: 1 << 20 });
    // 1,000 patches of two 100,000-row columns: 1.6 GB unbounded.
    for (let seq = 1; seq <= 1_000; seq++) log.push(columns(seq, 100_000));
    expect(log.bytes).toBeLessThanOrEqual(1 << 20);
    expect(log.size).toBe(0);
    for (let seq = 1_001; seq <= 1_100; seq++) log.push(columns(seq, 1_000));
    expect(log.bytes).toBeLessThanOrEqual(1 << 20);
    expect(log.size).toBeGreaterThan(50);
    expect(log.since(1_099, 1_100)?.map((patch) => patch.seq)).toEqual([1_100]);
  });

  it("weighs typed arrays by their bytes and plain values by their JSON, roughly", () => {
    expect(estimateBytes(new Float64Array(1_000))).toBe(8_000);
    expect(estimateBytes(Array.from({ length: 1_000 }, () => 1))).toBeGreaterThanOrEqual(8_000);
    expect(estimateBytes({ name: "x".repeat(1_000) })).toBeGreaterThan(1_000);
  });
});
