import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Document, type FlushedPatch, engineOf } from "../../../../server/document/document.ts";
import { AttributeError } from "../../../../server/document/model.ts";
import {
  Button,
  Checkbox,
  ColumnDataSource,
  Div,
  RangeSlider,
  Select,
  Slider,
  TextInput,
  Toggle,
  column,
  figure,
  row,
} from "../../../../server/models/index.ts";
import type { DocOp } from "../../../../server/protocol/index.ts";

/** A document whose flushed patches and callback errors are collected. */
function makeDoc() {
  const doc = new Document();
  const patches: FlushedPatch[] = [];
  const errors: [unknown, string][] = [];
  engineOf(doc).connect({ flush: (patch) => patches.push(patch), error: (error, context) => errors.push([error, context]) });
  return { doc, patches, errors, ops: () => patches.flatMap((p) => p.ops) };
}

/** A document with a slider and a source as roots, its initial patch already flushed and dropped. */
function makeAttached(data: Record<string, unknown> = { x: new Float64Array([1, 2, 3]), y: [10, 20, 30] }) {
  const made = makeDoc();
  const slider = new Slider({ start: 0, end: 10, value: 1, name: "n" });
  const source = new ColumnDataSource({ data: data as ColumnDataSource["data"] });
  made.doc.addRoot(slider);
  made.doc.addRoot(source);
  engineOf(made.doc).flush();
  made.patches.length = 0;
  return { ...made, slider, source };
}

/** Lets the document's queued microtask flush run. */
const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("Document", () => {
  describe("#addRoot", () => {
    it("assigns ids to the root and every model it refers to, storing references as refs", () => {
      const { doc } = makeDoc();
      const slider = new Slider({ start: 0, end: 5, value: 2 });
      const plot = figure({ title: "t" });
      const renderer = plot.line([1, 2], [3, 4]);
      const layout = row(column(slider), plot);
      doc.addRoot(layout);

      for (const model of [layout, slider, plot, renderer]) {
        expect(model.id).toMatch(/^\d+$/);
        expect(model.document).toBe(doc);
        expect(doc.getModelById(model.id!)).toBe(model);
      }
      const ids = new Set(Object.keys(engineOf(doc).state.models));
      // row, column, slider, figure, its two ranges, its toolbar and Bokeh's 6 default tools, renderer, its source
      expect(ids.size).toBe(15);
      expect(engineOf(doc).state.roots).toEqual([layout.id]);
      expect(doc.roots).toEqual([layout]);
      const inner = layout.children[0]!;
      expect(engineOf(doc).state.models[layout.id!]!.attrs.children).toEqual([{ ref: inner.id }, { ref: plot.id }]);
      expect(engineOf(doc).state.models[plot.id!]!.attrs.renderers).toEqual([{ ref: renderer.id }]);
      expect(engineOf(doc).state.models[renderer.id!]!.attrs.source).toEqual({ ref: renderer.source!.id });
      expect(renderer.source).toBeInstanceOf(ColumnDataSource);
    });

    it("reads references back as the same model instances", () => {
      const { doc } = makeDoc();
      const slider = new Slider();
      const layout = column(slider);
      doc.addRoot(layout);
      expect(layout.children).toEqual([slider]);
      expect(layout.children[0]).toBe(slider);
    });

    it("gives distinct ids to models added in separate calls", () => {
      const { doc } = makeDoc();
      const a = new Div({ text: "a" });
      const b = new Div({ text: "b" });
      doc.addRoot(a);
      doc.addRoot(b);
      expect(a.id).not.toBe(b.id);
      expect(engineOf(doc).state.roots).toEqual([a.id, b.id]);
    });

    it("refuses a model that belongs to another document", () => {
      const div = new Div();
      makeDoc().doc.addRoot(div);
      expect(() => makeDoc().doc.addRoot(div)).toThrow(/another document/);
    });

    it("sends the new models in one patch", async () => {
      const { doc, patches } = makeDoc();
      doc.addRoot(column(new Slider(), new Div({ text: "x" })));
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.seq).toBe(1);
      expect(patches[0]!.ops.filter((op) => op.op === "add" && op.path.startsWith("/models/"))).toHaveLength(3);
    });
  });

  describe("#getModelByName", () => {
    it("finds an attached model by its name, and nothing for an unknown name", () => {
      const { doc } = makeDoc();
      const slider = new Slider({ name: "window" });
      doc.addRoot(column(slider, new Div({ name: "note" })));
      expect(doc.getModelByName("window")).toBe(slider);
      expect(doc.getModelByName("note")?.type).toBe("Div");
      expect(doc.getModelByName("missing")).toBeUndefined();
    });

    it("stores the name in the model's state", () => {
      const { doc } = makeDoc();
      const div = new Div({ name: "note" });
      doc.addRoot(div);
      expect(engineOf(doc).state.models[div.id!]!.name).toBe("note");
    });
  });

  describe("#getModelById", () => {
    it.each(["__proto__", "constructor", "toString", "999"])("finds nothing for id %j", (id) => {
      const { doc } = makeAttached();
      expect(doc.getModelById(id)).toBeUndefined();
    });
  });

  describe("flushing", () => {
    it("sends sets made within one tick as one patch", async () => {
      const { doc, patches, slider } = makeAttached();
      slider.value = 2;
      slider.title = "N";
      slider.value = 3;
      expect(patches).toHaveLength(0);
      await microtasks();
      expect(patches).toEqual([
        {
          seq: 2,
          ops: [
            { op: "replace", path: `/models/${slider.id}/attrs/title`, value: "N" },
            { op: "replace", path: `/models/${slider.id}/attrs/value`, value: 3 },
          ],
        },
      ]);
      expect(engineOf(doc).seq).toBe(2);
    });

    it("sends sets of later ticks as later patches with increasing seq", async () => {
      const { patches, slider } = makeAttached();
      slider.value = 2;
      await microtasks();
      slider.value = 3;
      await microtasks();
      expect(patches.map((p) => p.seq)).toEqual([2, 3]);
    });

    it("sends nothing when nothing changed", async () => {
      const { doc, patches, slider } = makeAttached();
      slider.value = 1;
      engineOf(doc).flush();
      await microtasks();
      expect(patches).toEqual([]);
      expect(engineOf(doc).seq).toBe(1);
    });

    it("sends the pending ops at once on an explicit flush", () => {
      const { doc, patches, slider } = makeAttached();
      slider.value = 4;
      engineOf(doc).flush();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops).toEqual([{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 4 }]);
    });
  });

  describe("#batch", () => {
    it("groups the changes of a function into one patch, even with explicit flushes inside", async () => {
      const { doc, patches, slider } = makeAttached();
      doc.batch(() => {
        slider.value = 2;
        engineOf(doc).flush();
        slider.title = "x";
      });
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops.map((op) => op.path)).toEqual([`/models/${slider.id}/attrs/value`, `/models/${slider.id}/attrs/title`]);
    });

    it("groups the changes of an async function across awaits", async () => {
      const { doc, patches, slider } = makeAttached();
      const done = doc.batch(async () => {
        slider.value = 2;
        await microtasks();
        await microtasks();
        slider.value = 5;
        slider.disabled = true;
      });
      await microtasks();
      expect(patches).toHaveLength(0);
      await done;
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops).toEqual([
        { op: "replace", path: `/models/${slider.id}/attrs/value`, value: 5 },
        { op: "replace", path: `/models/${slider.id}/attrs/disabled`, value: true },
      ]);
    });

    it("returns the function's value", () => {
      const { doc } = makeAttached();
      expect(doc.batch(() => 42)).toBe(42);
    });

    it("releases its hold when the function throws, so later changes still flush", async () => {
      const { doc, patches, slider } = makeAttached();
      expect(() =>
        doc.batch(() => {
          slider.value = 2;
          throw new Error("boom");
        }),
      ).toThrow("boom");
      slider.value = 3;
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops).toEqual([{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 3 }]);
    });
  });

  describe("column data", () => {
    const dataPath = (source: ColumnDataSource) => `/models/${source.id}/attrs/data`;

    it("replaces only the column whose contents changed", () => {
      const { doc, ops, source } = makeAttached();
      const x = source.data.x!;
      source.data = { x, y: [10, 20, 31] };
      engineOf(doc).flush();
      expect(ops()).toEqual([{ op: "replace", path: `${dataPath(source)}/y`, value: [10, 20, 31] }]);
    });

    it("replaces only a typed column whose contents changed, keeping it typed", () => {
      const { doc, ops, source } = makeAttached();
      source.data = { x: new Float64Array([1, 2, 4]), y: [10, 20, 30] };
      engineOf(doc).flush();
      expect(ops()).toEqual([{ op: "replace", path: `${dataPath(source)}/x`, value: new Float64Array([1, 2, 4]) }]);
      const op = ops()[0] as { value: unknown };
      expect(op.value).toBeInstanceOf(Float64Array);
    });

    it("replaces a typed column whose dtype changed, even with equal numbers", () => {
      const { doc, ops, source } = makeAttached();
      source.data = { x: new Float32Array([1, 2, 3]), y: [10, 20, 30] };
      engineOf(doc).flush();
      expect(ops()).toEqual([{ op: "replace", path: `${dataPath(source)}/x`, value: new Float32Array([1, 2, 3]) }]);
    });

    it.each([
      ["the same data object", (source: ColumnDataSource) => source.data],
      ["the same column references", (source: ColumnDataSource) => ({ ...source.data })],
      ["equal-content copies of every column", () => ({ x: new Float64Array([1, 2, 3]), y: [10, 20, 30] })],
    ])("sends nothing and calls no callback for %s", (_name, next) => {
      const { doc, ops, source } = makeAttached();
      const seen = vi.fn();
      source.onChange("data", seen);
      source.data = next(source);
      engineOf(doc).flush();
      expect(ops()).toEqual([]);
      expect(seen).not.toHaveBeenCalled();
    });

    it("adds new columns and removes dropped ones", () => {
      const { doc, ops, source } = makeAttached();
      source.data = { x: source.data.x!, z: ["a", "b", "c"] };
      engineOf(doc).flush();
      expect(ops()).toEqual(
        expect.arrayContaining([
          { op: "remove", path: `${dataPath(source)}/y` },
          { op: "add", path: `${dataPath(source)}/z`, value: ["a", "b", "c"] },
        ]),
      );
      expect(ops()).toHaveLength(2);
    });

    it("refuses columns of different lengths", () => {
      const { source } = makeAttached();
      expect(() => (source.data = { x: [1], y: [1, 2] })).toThrow(AttributeError);
    });

    describe("#stream", () => {
      it("sends one x-stream op carrying only the new rows, typed columns typed", () => {
        const { doc, ops, source } = makeAttached();
        source.stream({ x: [4, 5], y: [40, 50] });
        engineOf(doc).flush();
        expect(ops()).toEqual([{ op: "x-stream", path: dataPath(source), value: { x: new Float64Array([4, 5]), y: [40, 50] } }]);
        const op = ops()[0] as Extract<DocOp, { op: "x-stream" }>;
        expect(op.value.x).toBeInstanceOf(Float64Array);
        expect(Object.hasOwn(op, "rollover")).toBe(false);
        expect(source.data).toEqual({ x: new Float64Array([1, 2, 3, 4, 5]), y: [10, 20, 30, 40, 50] });
      });

      it.each([
        [1, { x: [5], y: [50] }],
        [2, { x: [4, 5], y: [40, 50] }],
        [4, { x: [2, 3, 4, 5], y: [20, 30, 40, 50] }],
        [100, { x: [1, 2, 3, 4, 5], y: [10, 20, 30, 40, 50] }],
      ])("keeps the last %i rows in the server state with rollover", (rollover, kept) => {
        const { doc, ops, source } = makeAttached();
        source.stream({ x: new Float64Array([4, 5]), y: [40, 50] }, rollover);
        engineOf(doc).flush();
        expect(ops()).toEqual([{ op: "x-stream", path: dataPath(source), value: { x: new Float64Array([4, 5]), y: [40, 50] }, rollover }]);
        expect(source.data.x).toBeInstanceOf(Float64Array);
        expect(Array.from(source.data.x!)).toEqual(kept.x);
        expect(source.data.y).toEqual(kept.y);
        expect(source.length).toBe(kept.y.length);
      });

      it("keeps only the tail of the new rows when they alone exceed rollover", () => {
        const { source } = makeAttached();
        source.stream({ x: [4, 5, 6, 7], y: [40, 50, 60, 70] }, 2);
        expect(Array.from(source.data.x!)).toEqual([6, 7]);
        expect(source.data.y).toEqual([60, 70]);
      });

      it("calls data callbacks with the old and the new table", () => {
        const { source } = makeAttached();
        const before = source.data;
        const seen = vi.fn();
        source.onChange("data", seen);
        source.stream({ x: [4], y: [40] });
        expect(seen).toHaveBeenCalledWith("data", before, source.data);
        expect(before.y).toEqual([10, 20, 30]);
      });

      it.each([
        ["a missing column", { x: [4] }, undefined],
        ["an extra column", { x: [4], y: [4], z: [4] }, undefined],
        ["columns of different lengths", { x: [4, 5], y: [40] }, undefined],
        ["text in a typed column", { x: ["4"], y: [40] }, undefined],
        ["a negative rollover", { x: [4], y: [40] }, -1],
        ["a fractional rollover", { x: [4], y: [40] }, 1.5],
      ])("refuses %s and changes nothing", (_name, rows, rollover) => {
        const { doc, ops, source } = makeAttached();
        const before = engineOf(doc).state;
        expect(() => source.stream(rows, rollover)).toThrow(AttributeError);
        engineOf(doc).flush();
        expect(ops()).toEqual([]);
        expect(engineOf(doc).state).toBe(before);
      });
    });

    describe("#patch", () => {
      it("sends an x-patch op and sets the cells in the server state", () => {
        const { doc, ops, source } = makeAttached();
        source.patch({ x: [[0, 9]], y: [[2, 99]] });
        engineOf(doc).flush();
        expect(ops()).toEqual([{ op: "x-patch", path: dataPath(source), value: { x: [[0, 9]], y: [[2, 99]] } }]);
        expect(source.data).toEqual({ x: new Float64Array([9, 2, 3]), y: [10, 20, 99] });
      });

      it("does not write into the original (possibly shared) columns", () => {
        const shared = new Float64Array([1, 2, 3]);
        const sharedList = [10, 20, 30];
        const { source } = makeAttached({ x: shared, y: sharedList });
        source.patch({ x: [[1, -1]], y: [[0, -10]] });
        expect(Array.from(shared)).toEqual([1, 2, 3]);
        expect(sharedList).toEqual([10, 20, 30]);
        expect(source.data.x).not.toBe(shared);
        expect(Array.from(source.data.x!)).toEqual([1, -1, 3]);
      });

      it.each([
        ["an unknown column", { z: [[0, 1]] }],
        ["a row past the end", { x: [[3, 1]] }],
        ["a negative row", { x: [[-1, 1]] }],
        ["a text value in a typed column", { x: [[0, "1"]] }],
      ] as unknown as [string, Record<string, [number, never][]>][])("refuses %s", (_name, cells) => {
        const { doc, ops, source } = makeAttached();
        expect(() => source.patch(cells)).toThrow(AttributeError);
        engineOf(doc).flush();
        expect(ops()).toEqual([]);
      });
    });
  });

  describe("#onChange", () => {
    it("calls callbacks with (attr, old, new) in registration order", () => {
      const { slider } = makeAttached();
      const calls: string[] = [];
      slider.onChange("value", (attr, old, value) => void calls.push(`first ${attr} ${old}→${value}`));
      slider.onChange(["value", "title"], (attr, old, value) => void calls.push(`second ${attr} ${old}→${value}`));
      slider.value = 4;
      slider.title = "T";
      expect(calls).toEqual(["first value 1→4", "second value 1→4", "second title →T"]);
    });

    it.each([
      ["a number", (s: Slider) => (s.value = 1)],
      ["a string", (s: Slider) => (s.title = "")],
      ["a boolean", (s: Slider) => (s.disabled = false)],
    ])("is not called when %s is set to its current value", (_name, set) => {
      const { slider } = makeAttached();
      const seen = vi.fn();
      slider.onChange(["value", "title", "disabled"], seen);
      set(slider);
      expect(seen).not.toHaveBeenCalled();
    });

    it("is not called for an equal array", () => {
      const { doc } = makeDoc();
      const select = new Select({ options: ["a", ["b", "B"]] });
      doc.addRoot(select);
      const seen = vi.fn();
      select.onChange("options", seen);
      select.options = ["a", ["b", "B"]];
      expect(seen).not.toHaveBeenCalled();
    });

    it("calls ref callbacks with model instances", () => {
      const { doc } = makeDoc();
      const a = new Div();
      const b = new Div();
      const layout = column(a);
      doc.addRoot(layout);
      const seen = vi.fn();
      layout.onChange("children", seen);
      layout.children = [a, b];
      expect(seen).toHaveBeenCalledWith("children", [a], [a, b]);
    });

    it("refuses an unknown attribute", () => {
      expect(() => new Slider().onChange("val" as "value", () => {})).toThrow(AttributeError);
    });

    it("refuses an event the model does not declare, naming the ones it has", () => {
      expect(() => new Button().onEvent("clik" as "click", () => {})).toThrow('Button has no event "clik" (it has only "click")');
      expect(() => new Slider().onEvent("click" as never, () => {})).toThrow('Slider has no event "click" (it has no events)');
    });

    it("sends the changes a callback makes in the same patch as its cause", async () => {
      const { patches, slider } = makeAttached();
      slider.onChange("value", (_attr, _old, value: number) => void (slider.title = `at ${value}`));
      slider.value = 7;
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops.map((op) => op.path.split("/").at(-1))).toEqual(["value", "title"]);
    });

    it("reports a throwing callback to onError, runs the others, and still flushes later changes", async () => {
      const { doc, patches, errors, slider } = makeAttached();
      const after = vi.fn();
      slider.onChange("value", () => {
        throw new Error("callback broke");
      });
      slider.onChange("value", after);
      slider.value = 2;
      expect(after).toHaveBeenCalledTimes(1);
      expect(errors).toHaveLength(1);
      expect((errors[0]![0] as Error).message).toBe("callback broke");
      expect(errors[0]![1]).toContain("value");
      await microtasks();
      slider.value = 3;
      await microtasks();
      expect(patches.map((p) => p.ops)).toEqual([
        [{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 2 }],
        [{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 3 }],
      ]);
      expect(engineOf(doc).seq).toBe(3);
    });

    it("awaits async callbacks in settle() and sends their changes together", async () => {
      const { doc, patches, errors, slider } = makeAttached();
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      slider.onChange("value", async () => {
        await gate;
        slider.title = "done";
      });
      slider.value = 2;
      let settled = false;
      const settling = engineOf(doc)
        .settle()
        .then(() => (settled = true));
      await microtasks();
      await microtasks();
      expect(settled).toBe(false);
      expect(patches).toHaveLength(0);
      release();
      await settling;
      expect(slider.title).toBe("done");
      await microtasks();
      expect(patches).toHaveLength(1);
      expect(patches[0]!.ops.map((op) => op.path.split("/").at(-1))).toEqual(["value", "title"]);
      expect(errors).toEqual([]);
    });

    it("reports a rejected async callback to onError and settles", async () => {
      const { doc, errors, slider } = makeAttached();
      slider.onChange("value", async () => {
        await microtasks();
        throw new Error("late failure");
      });
      slider.value = 2;
      await engineOf(doc).settle();
      expect(errors.map(([error]) => (error as Error).message)).toEqual(["late failure"]);
    });

    it("settles at once when no callback is running", async () => {
      const { doc } = makeAttached();
      await expect(engineOf(doc).settle()).resolves.toBeUndefined();
    });
  });

  describe("attribute validation", () => {
    it.each([
      ["an unknown attribute in the constructor", () => new Slider({ valeu: 1 } as never)],
      ["an unknown attribute in setAttr", () => new Slider().setAttr("valeu", 1)],
      ["an inherited name as an attribute", () => new Slider().setAttr("toString", 1)],
      ["a string for a number", () => new Slider({ start: "0" as never })],
      ["NaN for a number", () => new Slider({ step: Number.NaN })],
      ["Infinity for a number", () => new Slider({ end: Number.POSITIVE_INFINITY })],
      ["a zero slider step", () => new Slider({ step: 0 })],
      ["a number for a string", () => new Div({ text: 1 as never })],
      ["a string for a boolean", () => new Checkbox({ active: "true" as never })],
      ["a slider value above end", () => new Slider({ start: 0, end: 10, value: 11 })],
      ["a slider value below start", () => new Slider({ start: 5, end: 10, value: 4 })],
      ["an unknown enum value", () => new Button({ buttonType: "link" as never })],
      ["an enum value in the wrong case", () => new Toggle({ buttonType: "Primary" as never })],
      ["a RangeSlider with low above high", () => new RangeSlider({ start: 0, end: 10, value: [6, 4] })],
      ["a RangeSlider value outside start/end", () => new RangeSlider({ start: 0, end: 10, value: [-1, 4] })],
      ["a RangeSlider value of three numbers", () => new RangeSlider({ start: 0, end: 10, value: [1, 2, 3] as never })],
      ["a figure height below the minimum", () => figure({ height: 10 })],
      ["an xRange that is not a pair", () => figure({ xRange: [1] as never })],
      ["select options that are not strings", () => new Select({ options: [1] as never })],
      ["a text input value over its length limit", () => new TextInput({ value: "x".repeat(100_001) })],
      ["a non-model child", () => column({} as never)],
      ["a non-string name", () => new Div({ name: 1 as never })],
    ])("refuses %s with an AttributeError", (_name, make) => {
      expect(make).toThrow(AttributeError);
    });

    it.each(["default", "primary", "success", "warning", "danger"] as const)("accepts buttonType %j", (buttonType) => {
      expect(new Button({ buttonType }).buttonType).toBe(buttonType);
    });

    it.each([
      ["value first", { value: 10, start: 0, end: 30 }],
      ["value last", { start: 0, end: 30, value: 10 }],
      ["end first", { end: 30, value: 10, start: 0 }],
    ])("accepts a Slider whatever the init order (%s)", (_name, init) => {
      const slider = new Slider(init);
      expect([slider.start, slider.end, slider.value, slider.valueThrottled]).toEqual([0, 30, 10, 10]);
    });

    it("accepts a reversed slider (start above end) with a value between them", () => {
      expect(new Slider({ start: 10, end: 0, value: 5 }).value).toBe(5);
    });

    it("accepts a RangeSlider whatever the init order", () => {
      expect(new RangeSlider({ value: [2, 8], start: 0, end: 10 }).value).toEqual([2, 8]);
    });

    it("refuses an out-of-bounds set on an attached slider and changes nothing", async () => {
      const { doc, patches, slider } = makeAttached();
      expect(() => (slider.value = 11)).toThrow(/outside \[0, 10\]/);
      expect(slider.value).toBe(1);
      engineOf(doc).flush();
      await microtasks();
      expect(patches).toEqual([]);
    });

    it("checks the value against the attached slider's current bounds", () => {
      const { slider } = makeAttached();
      slider.end = 20;
      slider.value = 15;
      expect(slider.value).toBe(15);
    });
  });

  describe("callbacks", () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("runs a periodic callback every period until stopped", () => {
      const { doc } = makeDoc();
      const tick = vi.fn();
      const handle = doc.addPeriodicCallback(tick, 100);
      vi.advanceTimersByTime(350);
      expect(tick).toHaveBeenCalledTimes(3);
      handle.stop();
      vi.advanceTimersByTime(1000);
      expect(tick).toHaveBeenCalledTimes(3);
      expect(engineOf(doc).callbacks.size).toBe(0);
    });

    it("sends the changes of each periodic run as its own patch", async () => {
      const { doc, patches, slider } = makeAttached();
      doc.addPeriodicCallback(() => (slider.value = (slider.value + 1) % 10), 50);
      vi.advanceTimersByTime(50);
      await microtasks();
      vi.advanceTimersByTime(50);
      await microtasks();
      expect(patches.map((p) => p.ops)).toEqual([
        [{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 2 }],
        [{ op: "replace", path: `/models/${slider.id}/attrs/value`, value: 3 }],
      ]);
    });

    it("keeps a periodic callback running after it throws", () => {
      const { doc, errors } = makeDoc();
      let runs = 0;
      doc.addPeriodicCallback(() => {
        runs++;
        throw new Error(`run ${runs}`);
      }, 10);
      vi.advanceTimersByTime(30);
      expect(runs).toBe(3);
      expect(errors.map(([error, context]) => [(error as Error).message, context])).toEqual([
        ["run 1", "periodic callback"],
        ["run 2", "periodic callback"],
        ["run 3", "periodic callback"],
      ]);
    });

    it("runs a timeout callback once, after its delay", () => {
      const { doc } = makeDoc();
      const fire = vi.fn();
      doc.addTimeoutCallback(fire, 200);
      expect(engineOf(doc).callbacks.size).toBe(1);
      vi.advanceTimersByTime(199);
      expect(fire).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(fire).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1000);
      expect(fire).toHaveBeenCalledTimes(1);
      expect(engineOf(doc).callbacks.size).toBe(0);
    });

    it("does not run a stopped timeout callback", () => {
      const { doc } = makeDoc();
      const fire = vi.fn();
      doc.addTimeoutCallback(fire, 200).stop();
      vi.advanceTimersByTime(1000);
      expect(fire).not.toHaveBeenCalled();
      expect(engineOf(doc).callbacks.size).toBe(0);
    });

    it("runs a next-tick callback once, and not when stopped", () => {
      const { doc } = makeDoc();
      const kept = vi.fn();
      const stopped = vi.fn();
      doc.addNextTickCallback(kept);
      doc.addNextTickCallback(stopped).stop();
      expect(kept).not.toHaveBeenCalled();
      vi.runAllTimers();
      expect(kept).toHaveBeenCalledTimes(1);
      expect(stopped).not.toHaveBeenCalled();
      expect(engineOf(doc).callbacks.size).toBe(0);
    });

    it("stops every kind of callback with stopAll and refuses new ones", () => {
      const { doc } = makeDoc();
      const fired = vi.fn();
      doc.addPeriodicCallback(fired, 10);
      doc.addTimeoutCallback(fired, 10);
      doc.addNextTickCallback(fired);
      expect(engineOf(doc).callbacks.size).toBe(3);
      engineOf(doc).callbacks.stopAll();
      vi.advanceTimersByTime(1000);
      vi.runAllTimers();
      expect(fired).not.toHaveBeenCalled();
      expect(engineOf(doc).callbacks.size).toBe(0);
      expect(() => doc.addTimeoutCallback(fired, 10)).toThrow(/ended/);
      expect(() => doc.addPeriodicCallback(fired, 10)).toThrow(/ended/);
      expect(() => doc.addNextTickCallback(fired)).toThrow(/ended/);
      expect(vi.getTimerCount()).toBe(0);
    });

    it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])("refuses a delay of %d ms", (ms) => {
      const { doc } = makeDoc();
      expect(() => doc.addTimeoutCallback(() => {}, ms)).toThrow(RangeError);
      expect(() => doc.addPeriodicCallback(() => {}, ms)).toThrow(RangeError);
      expect(vi.getTimerCount()).toBe(0);
    });

    it("runs timer callbacks through runTask with their context", () => {
      const { doc } = makeDoc();
      const contexts: string[] = [];
      engineOf(doc).connect({ task: (_fn, context) => void contexts.push(context) });
      doc.addTimeoutCallback(() => {}, 1);
      doc.addNextTickCallback(() => {});
      doc.addPeriodicCallback(() => {}, 1);
      vi.advanceTimersByTime(1);
      expect(contexts.sort()).toEqual(["next-tick callback", "periodic callback", "timeout callback"]);
    });
  });
});

describe("Document edge cases", () => {
  it("sees an edited copy of source.data assigned back as a change of that column", () => {
    const doc = new Document();
    const source = new ColumnDataSource({ data: { x: [1, 2], y: [3, 4] } });
    doc.addRoot(source);
    engineOf(doc).flush();
    const flushed: unknown[] = [];
    engineOf(doc).connect({ flush: (patch) => flushed.push(...patch.ops) });
    const data = { ...source.data };
    data.y = [5, 6];
    source.data = data;
    engineOf(doc).flush();
    expect(flushed).toEqual([{ op: "replace", path: `/models/${source.id}/attrs/data/y`, value: [5, 6] }]);
  });

  it("adds a root once however often addRoot is called", () => {
    const doc = new Document();
    const slider = new Slider({ start: 0, end: 1, value: 0 });
    doc.addRoot(slider);
    doc.addRoot(slider);
    expect(engineOf(doc).state.roots).toEqual([slider.id]);
  });

  it("checks defaults against the given attributes (a slider's value within start and end)", () => {
    expect(() => new Slider({ start: 5, end: 30 })).toThrow(/Slider.value: 0 is outside \[5, 30\]/);
  });
});
