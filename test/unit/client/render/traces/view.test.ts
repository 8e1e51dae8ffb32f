import { describe, expect, it } from "vitest";
import {
  BooleanFilter,
  CDSView,
  ColumnDataSource,
  GroupFilter,
  IndexFilter,
  IntersectionFilter,
  InversionFilter,
  UnionFilter,
} from "../../../../../server/models/index.ts";
import { selectionFromPoints, tapFromClick } from "../../../../../client/render/figure-spec.ts";
import { drawn } from "../../../../helpers/drawn.ts";

const source = () => new ColumnDataSource({ data: { x: [0, 1, 2, 3, 4], y: [5, 6, 7, 8, 9], kind: ["a", "b", "a", "b", "a"] } });

function xsThrough(view: CDSView): unknown[] {
  const { traces } = drawn((p) => p.scatter("x", "y", { source: source(), view }));
  return traces[0]!.x as unknown[];
}

describe("CDSView", () => {
  it("draws the rows an IndexFilter, a BooleanFilter or a GroupFilter keeps", () => {
    expect(xsThrough(new CDSView({ filter: new IndexFilter({ indices: [3, 1, 3] }) }))).toEqual([1, 3]);
    expect(xsThrough(new CDSView({ filter: new BooleanFilter({ booleans: [true, false, false, false, true] }) }))).toEqual([0, 4]);
    expect(xsThrough(new CDSView({ filter: new GroupFilter({ columnName: "kind", group: "b" }) }))).toEqual([1, 3]);
  });

  it("combines filters: intersection, union and inversion", () => {
    const a = () => new GroupFilter({ columnName: "kind", group: "a" });
    const firstThree = () => new IndexFilter({ indices: [0, 1, 2] });
    expect(xsThrough(new CDSView({ filter: new IntersectionFilter({ operands: [a(), firstThree()] }) }))).toEqual([0, 2]);
    expect(xsThrough(new CDSView({ filter: new UnionFilter({ operands: [a(), firstThree()] }) }))).toEqual([0, 1, 2, 4]);
    expect(xsThrough(new CDSView({ filter: new InversionFilter({ operand: a() }) }))).toEqual([1, 3]);
  });

  it("maps selected and clicked points back to the source's rows", () => {
    const { sources, rows, renderers } = drawn((p) =>
      p.scatter("x", "y", { source: source(), view: new CDSView({ filter: new GroupFilter({ columnName: "kind", group: "b" }) }) }),
    );
    const selection = selectionFromPoints([{ curveNumber: 0, pointIndex: 1 }], sources, rows);
    expect([...selection.values()]).toEqual([[3]]);
    expect(tapFromClick([{ curveNumber: 0, pointIndex: 0 }], renderers, rows)?.index).toBe(1);
  });

  it("shows the source's selection at the kept points' positions", () => {
    const data = source();
    data.selected = [3, 4];
    const { traces } = drawn((p) =>
      p.scatter("x", "y", { source: data, view: new CDSView({ filter: new IndexFilter({ indices: [1, 3] }) }) }),
    );
    expect(traces[0]!.selectedpoints).toEqual([1]);
  });

  it("refuses a GroupFilter on a column the source lacks", () => {
    expect(() =>
      drawn((p) =>
        p.scatter("x", "y", { source: source(), view: new CDSView({ filter: new GroupFilter({ columnName: "nope", group: "a" }) }) }),
      ),
    ).toThrow(/no column "nope"/);
  });
});
