/**
 * What `stream` and `patch` put on the wire, and that the page's copy of the source ends up
 * equal to the server's (rollover applied on both sides).
 */
import { describe, expect, it } from "vitest";
import { applyOps } from "../../../../client/patch/apply.ts";
import { Document, type FlushedPatch, engineOf } from "../../../../server/document/document.ts";
import { AttributeError } from "../../../../server/document/model.ts";
import { ColumnDataSource } from "../../../../server/models/index.ts";
import { decodeFrame, encodeFrame, type DocState } from "../../../../server/protocol/index.ts";

/** A message through the wire encoding and back, as the page receives it. */
function viaWire<T>(message: object): T {
  const decoded = decodeFrame(encodeFrame(message));
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.value as T;
}

function makeSource(data: ColumnDataSource["data"]) {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  engineOf(doc).connect({ flush: (patch) => patches.push(patch) });
  const source = new ColumnDataSource({ data });
  doc.addRoot(source);
  engineOf(doc).flush();
  // The page's copy, as a snapshot frame would bring it.
  const page = viaWire<{ doc: DocState }>({ kind: "doc", seq: engineOf(doc).seq, doc: engineOf(doc).state });
  patches.length = 0;
  return { doc, source, patches, page: page.doc };
}

/** Sends every flushed patch through the wire encoding and applies it to the page's copy. */
function deliver(patches: FlushedPatch[], page: DocState): number[] {
  const sizes = patches.map((patch) => {
    const frame = encodeFrame({ kind: "patch", seq: patch.seq, ops: patch.ops });
    const message = viaWire<{ ops: FlushedPatch["ops"] }>({ kind: "patch", seq: patch.seq, ops: patch.ops });
    expect(applyOps(page, message.ops).ok).toBe(true);
    return typeof frame === "string" ? Buffer.byteLength(frame) : frame.byteLength;
  });
  patches.length = 0;
  return sizes;
}

const dataOf = (state: DocState, id: string) => state.models[id]!.attrs.data;

describe("streaming to the page", () => {
  it("sends a batch of 10 float64 rows as one binary frame of the new rows only", () => {
    const start = Float64Array.from({ length: 1000 }, (_, i) => i);
    const { doc, source, patches } = makeSource({ t: start, v: start.map(Math.sin) });
    const t = Float64Array.from({ length: 10 }, (_, i) => 1000 + i);
    source.stream({ t, v: t.map(Math.sin) }, 1000);
    engineOf(doc).flush();
    expect(patches).toHaveLength(1);
    const frame = encodeFrame({ kind: "patch", seq: patches[0]!.seq, ops: patches[0]!.ops });
    expect(frame).toBeInstanceOf(Uint8Array);
    // 2 × 10 × 8 bytes of rows plus a header of a couple of hundred bytes; the whole column would be 16,000.
    expect((frame as Uint8Array).byteLength).toBeGreaterThan(160);
    expect((frame as Uint8Array).byteLength).toBeLessThan(400);
    const op = patches[0]!.ops[0]!;
    expect(op).toMatchObject({ op: "x-stream", rollover: 1000 });
    expect(Object.values((op as { value: Record<string, ArrayLike<number>> }).value).map((rows) => rows.length)).toEqual([10, 10]);
  });

  it.each([
    ["typed columns", { t: new Float64Array([0, 1, 2]), v: new Int32Array([5, 6, 7]) }],
    ["plain columns", { t: [0, 1, 2], v: ["a", "b", "c"] }],
  ])("keeps the page's %s equal to the server's through many rolled-over batches", (_name, data) => {
    const { doc, source, patches, page } = makeSource(data);
    for (let batch = 0; batch < 20; batch++) {
      const n = (batch % 4) + 1;
      const t = Array.from({ length: n }, (_, i) => 3 + batch * 10 + i);
      const v = typeof data.v[0] === "string" ? t.map(String) : t;
      source.stream({ t, v }, 7);
      if (batch % 3 === 0) engineOf(doc).flush();
    }
    engineOf(doc).flush();
    deliver(patches, page);
    expect(source.length).toBe(7);
    expect(dataOf(page, source.id!)).toEqual(engineOf(doc).state.models[source.id!]!.attrs.data);
  });

  it("sends only the patched cells and changes only them, on both sides", () => {
    const { doc, source, patches, page } = makeSource({ x: new Float64Array([1, 2, 3, 4]), label: ["a", "b", "c", "d"] });
    source.patch({
      x: [[1, 20]],
      label: [
        [3, "D"],
        [0, "A"],
      ],
    });
    engineOf(doc).flush();
    expect(patches.flatMap((p) => p.ops)).toEqual([
      {
        op: "x-patch",
        path: `/models/${source.id}/attrs/data`,
        value: {
          x: [[1, 20]],
          label: [
            [3, "D"],
            [0, "A"],
          ],
        },
      },
    ]);
    const [size] = deliver(patches, page);
    expect(size).toBeLessThan(200);
    expect(dataOf(page, source.id!)).toEqual({ x: new Float64Array([1, 20, 3, 4]), label: ["A", "b", "c", "D"] });
    expect(source.data).toEqual(dataOf(page, source.id!));
  });

  it.each([
    ["a column that is not there", { z: [[0, 1]] }],
    ["a __proto__ column", JSON.parse('{"__proto__": [[0, 1]]}')],
    ["a row past the end", { x: [[4, 1]] }],
    ["text in a typed column", { x: [[0, "1"]] }],
    ["undefined in a plain column", { label: [[0, undefined]] }],
    ["NaN in a plain column", { label: [[0, Number.NaN]] }],
    ["edits that are not a list", { x: { 0: 1 } }],
  ])("refuses a patch of %s and sends nothing", (_name, cells) => {
    const { doc, source, patches } = makeSource({ x: new Float64Array([1, 2, 3, 4]), label: ["a", "b", "c", "d"] });
    const before = engineOf(doc).state;
    expect(() => source.patch(cells as never)).toThrow(AttributeError);
    engineOf(doc).flush();
    expect(patches).toEqual([]);
    expect(engineOf(doc).state).toBe(before);
  });

  it.each([
    ["undefined", [undefined]],
    ["a function", [() => 1]],
    ["NaN", [Number.NaN]],
  ])("refuses to stream %s into a plain column", (_name, rows) => {
    const { source } = makeSource({ label: ["a"] });
    expect(() => source.stream({ label: rows })).toThrow(AttributeError);
  });
});
