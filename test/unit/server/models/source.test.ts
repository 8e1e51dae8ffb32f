import { describe, expect, it } from "vitest";
import { AttributeError, ColumnDataSource, Document, figure } from "../../../../server/index.ts";
import { engineOf } from "../../../../server/document/document.ts";
import type { DocOp } from "../../../../server/protocol/index.ts";

/** A source attached to a document, and the operations it sends. */
function live<C extends string>(source: ColumnDataSource<C>) {
  const doc = new Document();
  const ops: DocOp[] = [];
  const engine = engineOf(doc);
  engine.connect({
    flush: (patch) => ops.push(...patch.ops),
    error: (error) => {
      throw error;
    },
  });
  doc.addRoot(source);
  engine.flush();
  ops.length = 0;
  return { source, ops, flush: () => engine.flush() };
}

describe("ColumnDataSource as Bokeh's", () => {
  it("takes the columns positionally, as new ColumnDataSource(data)", () => {
    const source = new ColumnDataSource({ x: [1, 2], y: new Float64Array([3, 4]) });
    expect(source.columnNames).toEqual(["x", "y"]);
    expect(source.length).toBe(2);
  });

  it("refuses source.data.x = … on a live source, saying what to do instead", () => {
    const { source } = live(new ColumnDataSource({ data: { x: [1], y: [2] } }));
    const data = source.data as Record<string, unknown>;
    expect(() => (data.x = [5])).toThrow(
      /source\.data\.x = … would change a copy and be lost: assign the whole table .* or use source\.patch\(…\) \/ source\.stream\(…\)/,
    );
    expect(() => delete data.y).toThrow(AttributeError);
    expect(source.data).toEqual({ x: [1], y: [2] });
  });

  it("adds a column (named Series n by default) and removes one", () => {
    const source = new ColumnDataSource({ data: { x: [1, 2] } });
    expect(source.add([3, 4])).toBe("Series 1");
    expect(source.add([5, 6], "z")).toBe("z");
    source.remove("Series 1");
    expect(source.columnNames).toEqual(["x", "z"]);
    expect(() => source.remove("nope")).toThrow(/no column "nope"/);
  });

  it("refuses to remove or replace away a column a glyph draws", () => {
    const source = new ColumnDataSource({ data: { x: [1], y: [2], z: [3] } });
    figure().line("x", "y", { source });
    expect(() => source.remove("y")).toThrow(/draws column "y", which the new data lacks/);
    source.remove("z");
    expect(source.columnNames).toEqual(["x", "y"]);
  });
});

describe("stream", () => {
  it("makes typed rows streamed into an empty column a typed array, sent binary", () => {
    const { source, ops, flush } = live(new ColumnDataSource({ data: { t: [] as number[], v: [] as number[] } }));
    source.stream({ t: new Float64Array([1, 2]), v: new Float32Array([3, 4]) });
    flush();
    expect(source.data.t).toBeInstanceOf(Float64Array);
    expect(source.data.v).toBeInstanceOf(Float32Array);
    expect((ops[0] as { value: Record<string, unknown> }).value.t).toBeInstanceOf(Float64Array);
  });

  it("widens an integer column to float64 for fractional rows instead of truncating them", () => {
    const { source, ops, flush } = live(new ColumnDataSource({ data: { n: new Int32Array([1, 2]) } }));
    source.stream({ n: [2.5] });
    flush();
    expect(source.data.n).toBeInstanceOf(Float64Array);
    expect(Array.from(source.data.n)).toEqual([1, 2, 2.5]);
    expect((ops[0] as { value: Record<string, unknown> }).value.n).toBeInstanceOf(Float64Array);
  });

  it("keeps integers of an integer column integer", () => {
    const { source } = live(new ColumnDataSource({ data: { n: new Int32Array([1]) } }));
    source.stream({ n: [7] });
    expect(source.data.n).toBeInstanceOf(Int32Array);
  });

  it("empties the source with rollover 0, as Bokeh does, and says so on the wire", () => {
    const { source, ops, flush } = live(new ColumnDataSource({ data: { x: [1, 2], y: new Float64Array([3, 4]) } }));
    source.stream({ x: [5], y: [6] }, 0);
    flush();
    expect(source.length).toBe(0);
    expect(ops[0]).toMatchObject({ op: "x-stream", rollover: 0 });
  });
});

describe("patch", () => {
  it("sets a slice of rows, sent as the cells it changed", () => {
    const { source, ops, flush } = live(new ColumnDataSource({ data: { v: new Float64Array([0, 0, 0, 0, 0]) } }));
    source.patch({ v: [[{ start: 1, stop: 5, step: 2 }, [7, 8]]] });
    flush();
    expect(Array.from(source.data.v)).toEqual([0, 7, 0, 8, 0]);
    expect(ops[0]).toMatchObject({
      op: "x-patch",
      value: {
        v: [
          [1, 7],
          [3, 8],
        ],
      },
    });
  });

  it("refuses a slice whose values do not fit it, or that runs past the column, and changes nothing", () => {
    const { source } = live(new ColumnDataSource({ data: { v: [1, 2, 3] } }));
    expect(() => source.patch({ v: [[{ start: 0, stop: 2 }, [9]]] })).toThrow(/covers 2 rows, got 1 values/);
    expect(() => source.patch({ v: [[{ start: 0, stop: 9 }, [1]]] })).toThrow(/not within 0..3/);
    expect(source.data.v).toEqual([1, 2, 3]);
  });
});
