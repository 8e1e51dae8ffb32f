import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import { AttributeError, type Model } from "../../../../server/document/model.ts";
import {
  ColumnDataSource,
  DataTable,
  DatePicker,
  Div,
  GlyphRenderer,
  Markdown,
  MultiSelect,
  NumberFormatter,
  RadioGroup,
  Spacer,
  TableColumn,
  Tabs,
  TabPanel,
  column,
  dataTable,
  figure,
  grid,
  tabs,
} from "../../../../server/models/index.ts";
import { SyncError, type ErrorCode } from "../../../../server/protocol/index.ts";
import { validateClientOps } from "../../../../server/session/client-patch.ts";

/** Every new client-writable attribute, in one attached document. */
function makeDoc() {
  const doc = new Document();
  const source = new ColumnDataSource({ data: { x: [1, 2, 3], name: ["a", "b", "c"] } });
  const picker = new DatePicker({ value: "2024-05-10", minDate: "2024-05-01", maxDate: "2024-05-31" });
  const multi = new MultiSelect({ options: ["US", ["EU", "Europe"], "Asia"], value: ["US"] });
  const radio = new RadioGroup({ labels: ["linear", "log"], active: 0 });
  const panels = tabs(["One", new Div({ text: "1" })], ["Two", new Markdown({ text: "**2**" })]);
  doc.addRoot(column(picker, multi, radio, panels, dataTable(source, ["x", "name"])));
  engineOf(doc).flush();
  return { doc, source, picker, multi, radio, panels };
}

type Fixture = ReturnType<typeof makeDoc>;

function refusal(doc: Document, model: Model, attr: string, value: unknown): ErrorCode | "accepted" {
  try {
    validateClientOps(doc, [{ op: "replace", path: `/models/${model.id}/attrs/${attr}`, value } as never]);
    return "accepted";
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
    return error.code;
  }
}

describe("new models' attributes", () => {
  describe("client writes", () => {
    const cases: [string, (f: Fixture) => Model, string, unknown, ErrorCode | "accepted"][] = [
      ["a day in range", (f) => f.picker, "value", "2024-05-20", "accepted"],
      ["a day before minDate", (f) => f.picker, "value", "2024-04-30", "PATCH_BAD_VALUE"],
      ["a day after maxDate", (f) => f.picker, "value", "2024-06-01", "PATCH_BAD_VALUE"],
      ["a day that does not exist", (f) => f.picker, "value", "2024-02-30", "PATCH_BAD_VALUE"],
      ["a date with a time", (f) => f.picker, "value", "2024-05-20T00:00:00Z", "PATCH_BAD_VALUE"],
      ["a number as a date", (f) => f.picker, "value", 1_715_000_000_000, "PATCH_BAD_VALUE"],
      ["a write of the picker's bounds", (f) => f.picker, "minDate", "2000-01-01", "PATCH_NOT_WRITABLE"],
      ["chosen options", (f) => f.multi, "value", ["EU", "Asia"], "accepted"],
      ["a choice that is not an option", (f) => f.multi, "value", ["US", "Mars"], "PATCH_BAD_VALUE"],
      ["an option's label instead of its value", (f) => f.multi, "value", ["Europe"], "PATCH_BAD_VALUE"],
      ["choices that are not strings", (f) => f.multi, "value", [1], "PATCH_BAD_VALUE"],
      ["a choice list that is an object", (f) => f.multi, "value", { 0: "US" }, "PATCH_BAD_VALUE"],
      ["a radio index", (f) => f.radio, "active", 1, "accepted"],
      ["no radio chosen", (f) => f.radio, "active", null, "accepted"],
      ["a radio index past the labels", (f) => f.radio, "active", 2, "PATCH_BAD_VALUE"],
      ["a negative radio index", (f) => f.radio, "active", -1, "PATCH_BAD_VALUE"],
      ["a fractional radio index", (f) => f.radio, "active", 0.5, "PATCH_BAD_VALUE"],
      ["new radio labels", (f) => f.radio, "labels", ["x"], "PATCH_NOT_WRITABLE"],
      ["a tab index", (f) => f.panels, "active", 1, "accepted"],
      ["a tab index past the tabs", (f) => f.panels, "active", 2, "PATCH_BAD_VALUE"],
      ["a tab index as text", (f) => f.panels, "active", "1", "PATCH_BAD_VALUE"],
      ["selected rows", (f) => f.source, "selected", [0, 2], "accepted"],
      ["a selected row that does not exist", (f) => f.source, "selected", [1, 3], "PATCH_BAD_VALUE"],
      ["a huge selected row", (f) => f.source, "selected", [Number.MAX_SAFE_INTEGER], "PATCH_BAD_VALUE"],
      ["a negative selected row", (f) => f.source, "selected", [-1], "PATCH_BAD_VALUE"],
      ["a source's data", (f) => f.source, "data", { x: [9] }, "PATCH_NOT_WRITABLE"],
    ];

    it.each(cases)("%s: %s", (_name, pick, attr, value, expected) => {
      const fixture = makeDoc();
      const model = pick(fixture);
      const before = engineOf(fixture.doc).state;
      expect(refusal(fixture.doc, model, attr, value)).toBe(expected);
      // Validation alone never changes the document.
      expect(engineOf(fixture.doc).state).toBe(before);
    });
  });

  describe("server-side construction and sets", () => {
    const bad: [string, () => unknown][] = [
      ["a DatePicker value that is not a day", () => new DatePicker({ value: "May 5" })],
      ["a MultiSelect value outside its options", () => new MultiSelect({ options: ["a"], value: ["b"] })],
      ["a RadioGroup active past its labels", () => new RadioGroup({ labels: ["a"], active: 1 })],
      ["a Tabs active past its tabs", () => new Tabs({ tabs: [new TabPanel({ title: "a", child: new Div() })], active: 1 })],
      ["a glyph color with markup", () => new GlyphRenderer({ source: new ColumnDataSource(), color: "red;}<script>" })],
      ["an unknown palette", () => new GlyphRenderer({ source: new ColumnDataSource(), palette: "Plasma9000x" as never })],
      ["a palette of one color", () => new GlyphRenderer({ source: new ColumnDataSource(), palette: ["#fff"] })],
      ["tooltips that are not pairs", () => new GlyphRenderer({ source: new ColumnDataSource(), tooltips: [["Name"]] as never })],
      ["a TableColumn width below 10", () => new TableColumn({ field: "x", width: 5 })],
      ["a grid of zero columns", () => grid([], { ncols: 0 })],
      ["a DataTable height below 50", () => new DataTable({ source: new ColumnDataSource(), height: 10 })],
      ["Markdown that is not text", () => new Markdown({ text: 5 as never })],
      ["a Spacer of negative width", () => new Spacer({ width: -1 })],
      ["a legend location Bokeh does not have", () => figure({ legendLocation: "center" as never })],
    ];

    it.each(bad)("refuses %s", (_name, make) => {
      expect(make).toThrow(AttributeError);
    });

    it("accepts Bokeh's palette names with a size and lists of colors", () => {
      const source = new ColumnDataSource();
      expect(new GlyphRenderer({ source, palette: "Viridis256" }).palette).toBe("Viridis256");
      expect(new GlyphRenderer({ source, palette: ["#000", "rgb(10, 20, 30)", "white"] }).palette).toHaveLength(3);
    });

    it("lays out a grid of rows, filling holes with spacers", () => {
      const [a, b, c] = [new Div(), new Div(), new Div()];
      const box = grid([
        [a, b],
        [null, c],
      ]);
      expect(box.ncols).toBe(2);
      expect(box.children[0]).toBe(a);
      expect(box.children[2]).toBeInstanceOf(Spacer);
      expect(box.children[3]).toBe(c);
      expect(grid([a, b, c], { ncols: 2 }).ncols).toBe(2);
    });

    it("makes table columns from names, pairs and TableColumns", () => {
      const source = new ColumnDataSource({ data: { a: [1], b: [2] } });
      const custom = new TableColumn({ field: "b", formatter: new NumberFormatter() });
      const table = dataTable(source, ["a", ["b", "Bee"], custom]);
      expect(table.columns.map((col) => [col.field, col.title])).toEqual([
        ["a", ""],
        ["b", "Bee"],
        ["b", ""],
      ]);
      expect(table.columns[2]).toBe(custom);
    });

    it("gives every new model a name the page can find it by", () => {
      for (const model of [
        new Markdown({ name: "m" }),
        new DatePicker({ name: "m" }),
        new Tabs({ name: "m" }),
        grid([], { name: "m" }),
        dataTable(new ColumnDataSource(), [], { name: "m" }),
      ]) {
        expect(model.name).toBe("m");
      }
    });
  });
});
