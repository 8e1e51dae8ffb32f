import { describe, expect, it } from "vitest";
import { Withheld } from "../../../../server/document/withheld.ts";
import type { DocOp, DocState } from "../../../../server/protocol/index.ts";

const state: DocState = {
  roots: ["1"],
  models: {
    "1": { type: "Figure", attrs: { renderers: [{ ref: "3" }] } },
    "2": { type: "ColumnDataSource", attrs: { data: { x: [1, 2, 3] }, selected: [] } },
    "3": { type: "GlyphRenderer", attrs: { source: { ref: "2" } } },
  },
};

function heldSource(): Withheld {
  const withheld = new Withheld();
  withheld.set("2", true);
  withheld.strip(state);
  return withheld;
}

describe("Withheld", () => {
  it("sends the state with a withheld source's columns left out, and everything else as it is", () => {
    const withheld = new Withheld();
    withheld.set("2", true);
    const sent = withheld.strip(state);
    expect(sent.models["2"]!.attrs).toEqual({ data: {}, selected: [] });
    expect(sent.models["1"]).toBe(state.models["1"]);
    expect(state.models["2"]!.attrs.data).toEqual({ x: [1, 2, 3] });
  });

  it("drops every operation under a withheld source's data, and keeps the others", () => {
    const ops: DocOp[] = [
      { op: "replace", path: "/models/2/attrs/data/x", value: [4, 5] },
      { op: "x-stream", path: "/models/2/attrs/data", value: { x: [6] } },
      { op: "replace", path: "/models/2/attrs/selected", value: [1] },
      { op: "replace", path: "/models/3/attrs/visible", value: false },
    ];
    expect(heldSource().project(ops, state)).toEqual([ops[2], ops[3]]);
  });

  it("leaves the columns out of a withheld source added whole", () => {
    const op = { op: "add", path: "/models/2", value: state.models["2"]! } as unknown as DocOp;
    expect(heldSource().project([op], state)).toEqual([
      { op: "add", path: "/models/2", value: { ...state.models["2"], attrs: { data: {}, selected: [] } } },
    ]);
  });

  it("empties the page's table when a source starts being withheld, and sends it whole when it stops", () => {
    const withheld = new Withheld();
    withheld.strip(state);
    withheld.set("2", true);
    expect(withheld.changed).toBe(true);
    expect(withheld.project([], state)).toEqual([{ op: "replace", path: "/models/2/attrs/data", value: {} }]);
    expect(withheld.changed).toBe(false);
    withheld.set("2", false);
    expect(withheld.project([{ op: "replace", path: "/models/2/attrs/data/x", value: [1, 2, 3] }], state)).toEqual([
      { op: "replace", path: "/models/2/attrs/data", value: { x: [1, 2, 3] } },
    ]);
  });
});
