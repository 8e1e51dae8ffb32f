import { describe, expect, it } from "vitest";
import { applyOps } from "../../../../client/patch/apply.ts";
import type { DocOp, DocState } from "../../../../server/protocol/index.ts";

function makeDoc(): DocState {
  return {
    roots: ["col"],
    models: {
      col: { type: "Column", attrs: { children: [{ ref: "s" }], spacing: 4 } },
      s: { type: "Slider", name: "window", attrs: { value: 1, title: "N" } },
      src: {
        type: "ColumnDataSource",
        attrs: { data: { t: new Float64Array([1, 2, 3]), y: new Int32Array([10, 20, 30]), label: ["a", "b", "c"] }, selected: [] },
      },
    },
  };
}

const data = (doc: DocState) => doc.models.src!.attrs.data as Record<string, unknown>;

describe("applyOps", () => {
  describe("RFC 6902 operations", () => {
    it("replaces an attribute in place and reports its model as changed", () => {
      const doc = makeDoc();
      const before = doc.models.s;
      const result = applyOps(doc, [{ op: "replace", path: "/models/s/attrs/value", value: 7 }]);
      expect(result.ok).toBe(true);
      expect(doc.models.s).toBe(before);
      expect(doc.models.s!.attrs.value).toBe(7);
      expect([...result.changes.models]).toEqual(["s"]);
      expect(result.changes.roots).toBe(false);
    });

    it("adds a model and a root, reporting both", () => {
      const doc = makeDoc();
      const result = applyOps(doc, [
        { op: "add", path: "/models/d", value: { type: "Div", attrs: { text: "<b>hi</b>" } } },
        { op: "add", path: "/roots/-", value: "d" },
      ]);
      expect(result.ok).toBe(true);
      expect(doc.roots).toEqual(["col", "d"]);
      expect(result.changes.roots).toBe(true);
      expect([...result.changes.models]).toEqual(["d"]);
    });

    it("removes an array item and reports the model owning it", () => {
      const doc = makeDoc();
      const result = applyOps(doc, [{ op: "remove", path: "/models/col/attrs/children/0" }]);
      expect(doc.models.col!.attrs.children).toEqual([]);
      expect([...result.changes.models]).toEqual(["col"]);
    });

    it("unescapes ~1 and ~0 in model ids", () => {
      const doc = makeDoc();
      doc.models["a/b~c"] = { type: "Div", attrs: { text: "" } };
      applyOps(doc, [{ op: "replace", path: "/models/a~1b~0c/attrs/text", value: "x" }]);
      expect(doc.models["a/b~c"].attrs.text).toBe("x");
    });

    it("reports both ends of a move", () => {
      const doc = makeDoc();
      const result = applyOps(doc, [{ op: "move", from: "/models/s/attrs/title", path: "/models/col/attrs/title" }]);
      expect(result.ok).toBe(true);
      expect(doc.models.col!.attrs.title).toBe("N");
      expect(new Set(result.changes.models)).toEqual(new Set(["s", "col"]));
    });

    it("stops at the first failing op and keeps the ones before it", () => {
      const doc = makeDoc();
      const result = applyOps(doc, [
        { op: "replace", path: "/models/s/attrs/value", value: 3 },
        { op: "replace", path: "/models/missing/attrs/value", value: 4 },
        { op: "replace", path: "/models/s/attrs/title", value: "never" },
      ]);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^op 1 \(replace \/models\/missing/);
      expect(doc.models.s!.attrs).toEqual({ value: 3, title: "N" });
      expect([...result.changes.models]).toEqual(["s"]);
    });

    it("refuses a whole-document replace inside a patch", () => {
      const doc = makeDoc();
      const result = applyOps(doc, [{ op: "replace", path: "", value: { roots: [], models: {} } }]);
      expect(result.ok).toBe(false);
      expect(doc.roots).toEqual(["col"]);
    });
  });

  describe("prototype pollution", () => {
    const attacks: DocOp[] = [
      { op: "add", path: "/__proto__/polluted", value: true },
      { op: "replace", path: "/models/__proto__/polluted", value: true },
      { op: "add", path: "/models/s/constructor/prototype/polluted", value: true },
      { op: "copy", from: "/models/s", path: "/__proto__/polluted" },
      { op: "copy", from: "/__proto__", path: "/models/s/attrs/x" },
      { op: "x-stream", path: "/models/__proto__", value: { polluted: [1] } },
      { op: "x-patch", path: "/models/src/attrs/data/__proto__", value: {} },
    ];
    it.each(attacks.map((op) => [JSON.stringify(op), op] as const))("refuses %s", (_name, op) => {
      const doc = makeDoc();
      const result = applyOps(doc, [op]);
      expect(result.ok).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
    });

    it("refuses a __proto__ column name given as an own key", () => {
      const doc = makeDoc();
      const value = JSON.parse('{"__proto__": [1, 2]}') as Record<string, number[]>;
      const result = applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value }]);
      expect(result.ok).toBe(false);
      expect(Object.getPrototypeOf(data(doc))).toBe(Object.prototype);
    });
  });

  describe("x-stream", () => {
    it("appends to a typed column as a new typed array of the same dtype", () => {
      const doc = makeDoc();
      const old = data(doc).t;
      const result = applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { t: [4, 5], y: new Int32Array([40, 50]) } }]);
      expect(result.ok).toBe(true);
      expect(data(doc).t).toEqual(new Float64Array([1, 2, 3, 4, 5]));
      expect(data(doc).t).not.toBe(old);
      expect(data(doc).y).toEqual(new Int32Array([10, 20, 30, 40, 50]));
      expect([...result.changes.models]).toEqual(["src"]);
    });

    it("keeps only the last `rollover` values of a typed column", () => {
      const doc = makeDoc();
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { t: new Float32Array([4, 5]) }, rollover: 4 }]);
      expect(data(doc).t).toEqual(new Float64Array([2, 3, 4, 5]));
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { t: [6, 7, 8, 9, 10] }, rollover: 3 }]);
      expect(data(doc).t).toEqual(new Float64Array([8, 9, 10]));
    });

    it("keeps only the last `rollover` values of a plain column", () => {
      const doc = makeDoc();
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { label: ["d", "e"] }, rollover: 3 }]);
      expect(data(doc).label).toEqual(["c", "d", "e"]);
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { label: ["f", "g", "h", "i"] }, rollover: 2 }]);
      expect(data(doc).label).toEqual(["h", "i"]);
    });

    it("starts a missing column from the rows, keeping their kind", () => {
      const doc = makeDoc();
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { z: new Uint8Array([1, 2, 3]), w: ["p"] }, rollover: 2 }]);
      expect(data(doc).z).toEqual(new Uint8Array([2, 3]));
      expect(data(doc).w).toEqual(["p"]);
    });

    it("treats rollover 0 as keeping nothing", () => {
      const doc = makeDoc();
      applyOps(doc, [{ op: "x-stream", path: "/models/src/attrs/data", value: { t: [4] }, rollover: 0 }]);
      expect(data(doc).t).toEqual(new Float64Array([]));
    });

    it.each([
      ["a missing source", "/models/nope/attrs/data", { t: [1] }, undefined],
      ["a path that is not a data object", "/models/src/attrs/selected", { t: [1] }, undefined],
      ["a column that is not a column", "/models/s/attrs", { title: [1] }, undefined],
      ["a negative rollover", "/models/src/attrs/data", { t: [1] }, -1],
    ])("refuses %s", (_name, path, value, rollover) => {
      const doc = makeDoc();
      const result = applyOps(doc, [{ op: "x-stream", path, value, ...(rollover === undefined ? {} : { rollover }) }]);
      expect(result.ok).toBe(false);
    });
  });

  describe("x-patch", () => {
    it("sets cells of typed and plain columns in place", () => {
      const doc = makeDoc();
      const t = data(doc).t;
      const result = applyOps(doc, [
        {
          op: "x-patch",
          path: "/models/src/attrs/data",
          value: {
            t: [
              [0, 100],
              [2, 300],
            ],
            label: [[1, "B"]],
          },
        },
      ]);
      expect(result.ok).toBe(true);
      expect(data(doc).t).toBe(t);
      expect(data(doc).t).toEqual(new Float64Array([100, 2, 300]));
      expect(data(doc).label).toEqual(["a", "B", "c"]);
      expect([...result.changes.models]).toEqual(["src"]);
    });

    it.each([
      ["an index past the end", { t: [[3, 1]] }],
      ["a negative index", { t: [[-1, 1]] }],
      ["a fractional index", { t: [[0.5, 1]] }],
      ["a missing column", { nope: [[0, 1]] }],
    ])("refuses %s", (_name, value) => {
      const doc = makeDoc();
      const result = applyOps(doc, [{ op: "x-patch", path: "/models/src/attrs/data", value: value as never }]);
      expect(result.ok).toBe(false);
      expect(data(doc).label).toEqual(["a", "b", "c"]);
    });
  });
});
