import { describe, expect, it } from "vitest";
import { applyOps } from "../../../../client/patch/apply.ts";
import type { DocOp, DocState } from "../../../../server/protocol/index.ts";

function makeDoc(): DocState {
  return {
    roots: ["fig"],
    models: {
      fig: { type: "Figure", attrs: { title: "" } },
      src: { type: "ColumnDataSource", attrs: { data: { t: new Float64Array([1, 2]) }, selected: [] } },
      other: { type: "ColumnDataSource", attrs: { data: { t: [1] }, selected: [] } },
    },
  };
}

const stream = (id: string, rows: number[], rollover?: number): DocOp => ({
  op: "x-stream",
  path: `/models/${id}/attrs/data`,
  value: { t: new Float64Array(rows) },
  ...(rollover === undefined ? {} : { rollover }),
});

describe("applyOps: streamed rows for views that append", () => {
  it("lists each stream-only source with its batches in order", () => {
    const result = applyOps(makeDoc(), [stream("src", [3], 3), stream("src", [4, 5], 3)]);
    expect(result.ok).toBe(true);
    expect([...result.changes.models]).toEqual(["src"]);
    const batches = result.changes.streams!.get("src")!;
    expect(batches.map((b) => [Array.from(b.rows.t!), b.rollover])).toEqual([
      [[3], 3],
      [[4, 5], 3],
    ]);
  });

  it("leaves out a source that was also changed otherwise, in any order", () => {
    const replaced: DocOp = { op: "replace", path: "/models/src/attrs/selected", value: [0] };
    for (const ops of [
      [stream("src", [3]), replaced],
      [replaced, stream("src", [3])],
    ]) {
      const result = applyOps(makeDoc(), ops);
      expect(result.changes.models.has("src")).toBe(true);
      expect(result.changes.streams).toBeUndefined();
    }
    const mixed = applyOps(makeDoc(), [
      stream("src", [3]),
      stream("other", [2]),
      { op: "replace", path: "/models/other/attrs/data/t", value: [7] },
    ]);
    expect([...mixed.changes.streams!.keys()]).toEqual(["src"]);
  });

  it("reports no streams when a later op fails (the document is pulled again)", () => {
    const result = applyOps(makeDoc(), [stream("src", [3]), { op: "replace", path: "/models/nope/attrs/x", value: 1 }]);
    expect(result.ok).toBe(false);
    expect(result.changes.streams).toBeUndefined();
  });
});
