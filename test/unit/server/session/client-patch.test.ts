import { describe, expect, it } from "vitest";
import { Document, type FlushedPatch, engineOf } from "../../../../server/document/document.ts";
import { ColumnDataSource, Div, RangeSlider, Slider, Toggle, column, figure } from "../../../../server/models/index.ts";
import { SyncError, type ErrorCode, type JsonPatchOp } from "../../../../server/protocol/index.ts";
import { findConflict, validateClientOps, type ClientWrite } from "../../../../server/session/client-patch.ts";
import { ResumeLog } from "../../../../server/session/resume-log.ts";

/** A fresh document: a slider (0..10 at 3), a div, a range slider, a toggle, a source and a figure. */
function makeDoc() {
  const doc = new Document();
  const slider = new Slider({ start: 0, end: 10, value: 3 });
  const div = new Div({ text: "<b>hi</b>" });
  const range = new RangeSlider({ start: 0, end: 10, value: [2, 8] });
  const toggle = new Toggle();
  const source = new ColumnDataSource({ data: { x: [1, 2, 3] } });
  const plot = figure();
  doc.addRoot(column(slider, div, range, toggle, plot));
  doc.addRoot(source);
  engineOf(doc).flush();
  return { doc, slider, div, range, toggle, source, plot };
}

type Fixture = ReturnType<typeof makeDoc>;

const attrPath = (model: { id: string | undefined }, attr: string) => `/models/${model.id}/attrs/${attr}`;
const replace = (path: string, value: unknown) => ({ op: "replace", path, value }) as JsonPatchOp;

function refusal(doc: Document, ops: JsonPatchOp[]): SyncError {
  try {
    validateClientOps(doc, ops);
  } catch (error) {
    expect(error).toBeInstanceOf(SyncError);
    return error as SyncError;
  }
  throw new Error("expected the ops to be refused");
}

describe("client-patch", () => {
  describe("#validateClientOps", () => {
    const cases: [string, ErrorCode, (f: Fixture) => JsonPatchOp[]][] = [
      ["an add", "PATCH_BAD_PATH", ({ slider }) => [{ op: "add", path: attrPath(slider, "value"), value: 4 }]],
      ["a remove", "PATCH_BAD_PATH", ({ slider }) => [{ op: "remove", path: attrPath(slider, "value") }]],
      ["a test", "PATCH_BAD_PATH", ({ slider }) => [{ op: "test", path: attrPath(slider, "value"), value: 3 }]],
      ["a move", "PATCH_BAD_PATH", ({ slider }) => [{ op: "move", path: attrPath(slider, "value"), from: attrPath(slider, "end") }]],
      ["a copy", "PATCH_BAD_PATH", ({ slider }) => [{ op: "copy", path: attrPath(slider, "value"), from: attrPath(slider, "end") }]],
      ["an x-stream", "PATCH_BAD_PATH", ({ source }) => [{ op: "x-stream", path: attrPath(source, "data"), value: { x: [4] } } as never]],
      [
        "an x-patch of a source no editable DataTable shows",
        "PATCH_NOT_WRITABLE",
        ({ source }) => [{ op: "x-patch", path: attrPath(source, "data"), value: { x: [[0, 4]] } } as never],
      ],
      ["an unknown op", "PATCH_BAD_PATH", ({ slider }) => [{ op: "set", path: attrPath(slider, "value"), value: 4 } as never]],
      ["a deeper path", "PATCH_BAD_PATH", ({ range }) => [replace(`${attrPath(range, "value")}/0`, 1)]],
      ["a shallower path", "PATCH_BAD_PATH", ({ slider }) => [replace(`/models/${slider.id}/attrs`, { value: 4 })]],
      ["a whole model", "PATCH_BAD_PATH", ({ slider }) => [replace(`/models/${slider.id}`, { type: "Slider", attrs: {} })]],
      ["the roots", "PATCH_BAD_PATH", () => [replace("/roots", [])]],
      ["the whole document", "PATCH_BAD_PATH", () => [replace("", { roots: [], models: {} })]],
      ["a path outside models", "PATCH_BAD_PATH", ({ slider }) => [replace(`/roots/${slider.id}/attrs/value`, 4)]],
      ["a name instead of attrs", "PATCH_BAD_PATH", ({ slider }) => [replace(`/models/${slider.id}/name/value`, 4)]],
      ["a path without a leading slash", "PATCH_BAD_PATH", ({ slider }) => [replace(`models/${slider.id}/attrs/value`, 4)]],
      ["a path with a bad escape", "PATCH_BAD_PATH", ({ slider }) => [replace(`/models/${slider.id}/attrs/val~2ue`, 4)]],
      ["a __proto__ model id", "PATCH_BAD_PATH", () => [replace("/models/__proto__/attrs/polluted", true)]],
      ["a constructor model id", "PATCH_BAD_PATH", () => [replace("/models/constructor/attrs/prototype", true)]],
      ["a prototype attribute", "PATCH_BAD_PATH", ({ slider }) => [replace(attrPath(slider, "prototype"), 1)]],
      ["a __proto__ attribute", "PATCH_BAD_PATH", ({ slider }) => [replace(attrPath(slider, "__proto__"), {})]],
      ["a constructor attribute", "PATCH_BAD_PATH", ({ slider }) => [replace(attrPath(slider, "constructor"), {})]],
      ["a __proto__ in the first segment", "PATCH_BAD_PATH", ({ slider }) => [replace(`/__proto__/${slider.id}/attrs/value`, 1)]],
      ["an unknown model id", "PATCH_UNKNOWN_MODEL", () => [replace("/models/999/attrs/value", 4)]],
      ["an inherited model id", "PATCH_UNKNOWN_MODEL", () => [replace("/models/toString/attrs/value", 4)]],
      ["an escaped unknown model id", "PATCH_UNKNOWN_MODEL", () => [replace("/models/1~12/attrs/value", 4)]],
      ["an unknown attribute", "PATCH_NOT_WRITABLE", ({ slider }) => [replace(attrPath(slider, "valeu"), 4)]],
      ["an inherited attribute name", "PATCH_NOT_WRITABLE", ({ slider }) => [replace(attrPath(slider, "toString"), 4)]],
      ["Slider.start", "PATCH_NOT_WRITABLE", ({ slider }) => [replace(attrPath(slider, "start"), 1)]],
      ["Slider.title", "PATCH_NOT_WRITABLE", ({ slider }) => [replace(attrPath(slider, "title"), "x")]],
      ["Slider.disabled", "PATCH_NOT_WRITABLE", ({ slider }) => [replace(attrPath(slider, "disabled"), true)]],
      ["Div.text", "PATCH_NOT_WRITABLE", ({ div }) => [replace(attrPath(div, "text"), "<img src=x onerror=alert(1)>")]],
      ["ColumnDataSource.data", "PATCH_NOT_WRITABLE", ({ source }) => [replace(attrPath(source, "data"), { x: [9, 9, 9] })]],
      ["Figure.renderers", "PATCH_NOT_WRITABLE", ({ plot }) => [replace(attrPath(plot, "renderers"), [])]],
      ["a replace without a value", "PATCH_BAD_VALUE", ({ slider }) => [{ op: "replace", path: attrPath(slider, "value") } as never]],
      ["a string slider value", "PATCH_BAD_VALUE", ({ slider }) => [replace(attrPath(slider, "value"), "4")]],
      ["a null slider value", "PATCH_BAD_VALUE", ({ slider }) => [replace(attrPath(slider, "value"), null)]],
      ["a slider value above end", "PATCH_BAD_VALUE", ({ slider }) => [replace(attrPath(slider, "value"), 10.5)]],
      ["a slider value below start", "PATCH_BAD_VALUE", ({ slider }) => [replace(attrPath(slider, "value"), -1)]],
      ["a throttled slider value above end", "PATCH_BAD_VALUE", ({ slider }) => [replace(attrPath(slider, "valueThrottled"), 11)]],
      ["a range with low above high", "PATCH_BAD_VALUE", ({ range }) => [replace(attrPath(range, "value"), [8, 2])]],
      ["a range outside start/end", "PATCH_BAD_VALUE", ({ range }) => [replace(attrPath(range, "value"), [2, 11])]],
      ["a range of one number", "PATCH_BAD_VALUE", ({ range }) => [replace(attrPath(range, "value"), [2])]],
      ["a non-boolean toggle", "PATCH_BAD_VALUE", ({ toggle }) => [replace(attrPath(toggle, "active"), 1)]],
      ["negative selected indices", "PATCH_BAD_VALUE", ({ source }) => [replace(attrPath(source, "selected"), [-1])]],
      ["fractional selected indices", "PATCH_BAD_VALUE", ({ source }) => [replace(attrPath(source, "selected"), [0.5])]],
      ["a range start of text", "PATCH_BAD_VALUE", ({ plot }) => [replace(attrPath(plot.xRange, "start"), "0")]],
      ["a figure's range replaced", "PATCH_NOT_WRITABLE", ({ plot }) => [replace(attrPath(plot, "xRange"), [0, 1])]],
    ];

    it.each(cases)("refuses %s with %s", (_name, code, makeOps) => {
      const fixture = makeDoc();
      expect(refusal(fixture.doc, makeOps(fixture)).code).toBe(code);
    });

    it("refuses the whole patch when one op of several is bad, changing nothing", () => {
      const { doc, slider, div } = makeDoc();
      const error = refusal(doc, [replace(attrPath(slider, "value"), 4), replace(attrPath(div, "text"), "x")]);
      expect(error.code).toBe("PATCH_NOT_WRITABLE");
      expect(slider.value).toBe(3);
    });

    it("never changes Object.prototype", () => {
      const { doc } = makeDoc();
      refusal(doc, [replace("/models/__proto__/attrs/polluted", true)]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each<[string, (f: Fixture) => { model: unknown; attr: string; value: unknown }]>([
      ["Slider.value", ({ slider }) => ({ model: slider, attr: "value", value: 7 })],
      ["Slider.value at end", ({ slider }) => ({ model: slider, attr: "value", value: 10 })],
      ["Slider.valueThrottled", ({ slider }) => ({ model: slider, attr: "valueThrottled", value: 0 })],
      ["RangeSlider.value", ({ range }) => ({ model: range, attr: "value", value: [0, 10] })],
      ["Toggle.active", ({ toggle }) => ({ model: toggle, attr: "active", value: true })],
      ["ColumnDataSource.selected", ({ source }) => ({ model: source, attr: "selected", value: [0, 2] })],
      ["DataRange1d.start", ({ plot }) => ({ model: plot.xRange, attr: "start", value: 5 })],
      ["DataRange1d.end back to auto", ({ plot }) => ({ model: plot.xRange, attr: "end", value: null })],
    ])("accepts %s and names the model, attribute, value and path", (_name, pick) => {
      const fixture = makeDoc();
      const { model, attr, value } = pick(fixture);
      const path = attrPath(model as { id: string }, attr);
      expect(validateClientOps(fixture.doc, [replace(path, value)])).toEqual([{ model, attr, value, path }]);
    });

    it("validates without changing the document", () => {
      const { doc, slider } = makeDoc();
      const before = engineOf(doc).state;
      validateClientOps(doc, [replace(attrPath(slider, "value"), 9)]);
      expect(engineOf(doc).state).toBe(before);
      expect(slider.value).toBe(3);
    });
  });

  describe("#findConflict", () => {
    const sliderWrite = (slider: Slider, attr = "value"): ClientWrite => ({ model: slider, attr, value: 5, path: attrPath(slider, attr) });
    const entry = (seq: number, ...paths: string[]): FlushedPatch => ({ seq, ops: paths.map((path) => replace(path, 1)) });
    const logOf = (entries: FlushedPatch[]): ResumeLog => {
      const log = new ResumeLog({ maxEntries: 1_000, maxBytes: 1 << 20 });
      for (const patch of entries) log.push(patch);
      return log;
    };

    it("finds no conflict when the client is up to date", () => {
      const { slider } = makeDoc();
      const log = [entry(4, attrPath(slider, "value"))];
      expect(findConflict(logOf(log), 4, 4, [sliderWrite(slider)])).toBeUndefined();
    });

    it("finds a server change of the same attribute after baseSeq, naming it and the version", () => {
      const { slider } = makeDoc();
      const log = [entry(2, "/models/x/attrs/y"), entry(3, attrPath(slider, "value")), entry(4, "/models/x/attrs/z")];
      const conflict = findConflict(logOf(log), 2, 4, [sliderWrite(slider)]);
      expect(conflict).toMatch(/Slider\.value/);
      expect(conflict).toMatch(/version 3/);
    });

    it("ignores a server change of the same attribute at or before baseSeq", () => {
      const { slider } = makeDoc();
      const log = [entry(2, attrPath(slider, "value")), entry(3, attrPath(slider, "value")), entry(4, attrPath(slider, "title"))];
      expect(findConflict(logOf(log), 3, 4, [sliderWrite(slider)])).toBeUndefined();
    });

    it.each<[string, (slider: Slider) => string]>([
      ["another attribute of the model", (s) => attrPath(s, "title")],
      ["an attribute sharing a name prefix", (s) => attrPath(s, "valueThrottled")],
      ["the same attribute of another model", (s) => `/models/${s.id}0/attrs/value`],
      ["the roots", () => "/roots/0"],
    ])("ignores a server change of %s", (_name, path) => {
      const { slider } = makeDoc();
      expect(findConflict(logOf([entry(2, path(slider))]), 1, 2, [sliderWrite(slider)])).toBeUndefined();
    });

    it.each<[string, (slider: Slider) => string]>([
      ["its model's attrs object", (s) => `/models/${s.id}/attrs`],
      ["its whole model", (s) => `/models/${s.id}`],
      ["a path below the attribute", (s) => `${attrPath(s, "value")}/0`],
    ])("finds a conflict with a server change of %s", (_name, path) => {
      const { slider } = makeDoc();
      expect(findConflict(logOf([entry(2, path(slider))]), 1, 2, [sliderWrite(slider)])).toBeDefined();
    });

    it("finds a conflict with any one of several writes", () => {
      const { slider, range } = makeDoc();
      const log = [entry(5, attrPath(range, "value"))];
      const writes = [sliderWrite(slider), { model: range, attr: "value", value: [1, 2], path: attrPath(range, "value") }];
      expect(findConflict(logOf(log), 4, 5, writes)).toMatch(/RangeSlider\.value/);
    });

    it("finds a conflict with an x-stream of a column table", () => {
      const { source } = makeDoc();
      const write: ClientWrite = { model: source, attr: "data", value: {}, path: attrPath(source, "data") };
      const log: FlushedPatch[] = [{ seq: 2, ops: [{ op: "x-stream", path: attrPath(source, "data"), value: { x: [4] } }] }];
      expect(findConflict(logOf(log), 1, 2, [write])).toBeDefined();
    });

    it.each([
      ["older than the oldest logged patch's base", [entry(5, "/a"), entry(6, "/b")], 3, 6],
      ["behind an empty log", [], 3, 6],
      ["zero with the log starting later", [entry(10, "/a")], 0, 10],
    ] as [string, FlushedPatch[], number, number][])("refuses a baseSeq %s as too old", (_name, log, baseSeq, currentSeq) => {
      const { slider } = makeDoc();
      expect(findConflict(logOf(log), baseSeq, currentSeq, [sliderWrite(slider)])).toMatch(/too old/);
    });

    it("accepts a baseSeq just before the oldest logged patch", () => {
      const { slider } = makeDoc();
      expect(findConflict(logOf([entry(5, "/a"), entry(6, "/b")]), 4, 6, [sliderWrite(slider)])).toBeUndefined();
    });
  });
});
