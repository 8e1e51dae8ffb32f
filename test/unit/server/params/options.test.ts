/** Param's options, each supported (good and bad values) or refused with a message that says why. */
import { describe, expect, expectTypeOf, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import type { Model } from "../../../../server/document/model.ts";
import { Slider, TextInput } from "../../../../server/models/index.ts";
import { ParamError, defineParams } from "../../../../server/params/params.ts";
import { param } from "../../../../server/params/spec.ts";
import { widgetsFor } from "../../../../server/params/widgets.ts";

const day = (text: string) => new Date(`${text}T00:00:00Z`);

function mount(...models: Model[]) {
  const doc = new Document();
  const errors: unknown[] = [];
  engineOf(doc).connect({ flush: () => {}, error: (error) => errors.push(error) });
  for (const model of models) doc.addRoot(model);
  engineOf(doc).flush();
  const pageWrites = async (model: Model, attr: string, value: unknown) => {
    engineOf(doc).writeAttr(model, attr, value, { fromClient: true });
    await engineOf(doc).settle();
    engineOf(doc).flush();
  };
  return { errors, pageWrites };
}

describe("param options", () => {
  describe("softbounds", () => {
    class Gain extends defineParams({ gain: param.number({ default: 5, bounds: [0, 100], softbounds: [0, 10] }) }) {}

    it("makes the slider span the softbounds while values may go out to the bounds", () => {
      const gain = new Gain();
      expect(widgetsFor(gain).gain).toMatchObject({ start: 0, end: 10, value: 5 });
      gain.gain = 50;
      expect(gain.gain).toBe(50);
      expect(() => (gain.gain = 101)).toThrow("Gain.gain cannot be 101: must be between 0 and 100");
    });

    it("widens the slider to show a value beyond them", () => {
      const gain = new Gain({ gain: 40 });
      const { gain: slider } = widgetsFor(gain);
      expect(slider).toMatchObject({ start: 0, end: 40, value: 40 });
      gain.gain = 70;
      expect(slider).toMatchObject({ end: 70, value: 70 });
    });

    it("gives a slider to a number with softbounds and no bounds", () => {
      class Open extends defineParams({ x: param.number({ default: 1, softbounds: [0, 2] }) }) {}
      expect(widgetsFor(new Open()).x).toBeInstanceOf(Slider);
    });

    it("refuses softbounds outside the bounds, and on a kind that has none", () => {
      expect(() => param.number({ bounds: [0, 10], softbounds: [-1, 5] })).toThrow(
        "param.number: softbounds [-1, 5] must lie within bounds [0, 10]",
      );
      expect(() => param.string({ softbounds: [0, 1] } as never)).toThrow('param.string: no option "softbounds"');
    });
  });

  describe("allowNone and default: null", () => {
    it("keeps a null default (it used to become 0) and implies allowNone, as Param", () => {
      const spec = param.integer({ default: null, bounds: [0, 10] });
      expectTypeOf(spec.default).toEqualTypeOf<number | null>();
      expect(spec.default).toBeNull();
      expect(spec.allowNone).toBe(true);
      class Limit extends defineParams({ limit: spec }) {}
      const limit = new Limit();
      expect(limit.limit).toBeNull();
      limit.limit = 3;
      limit.limit = null;
      expect(limit.limit).toBeNull();
    });

    it("refuses null without allowNone", () => {
      class Count extends defineParams({ count: param.integer({ default: 1 }) }) {}
      expect(() => new Count().set({ count: null as never })).toThrow(
        "Count.count cannot be null: must not be null (the parameter has no allowNone)",
      );
    });

    it("reads an empty text widget as null, and shows null as empty text", async () => {
      class Note extends defineParams({ size: param.number({ default: 2, allowNone: true }), when: param.date({ default: null }) }) {}
      const note = new Note();
      const { size, when } = widgetsFor(note);
      expect(when).toMatchObject({ value: "" });
      const { pageWrites } = mount(size, when);
      await pageWrites(size, "value", "");
      expect(note.size).toBeNull();
      await pageWrites(when, "value", "2016-01-31");
      expect(note.when).toEqual(day("2016-01-31"));
      expect(size).toBeInstanceOf(TextInput);
    });

    it("is refused by kinds whose widget has no empty state, saying what to do instead", () => {
      expect(() => param.boolean({ allowNone: true })).toThrow(
        "param.boolean: allowNone (or default null) is not supported: a checkbox is on or off",
      );
      expect(() => param.select({ options: ["a"], default: null })).toThrow(
        "param.select: allowNone (or default null) is not supported: add an option that stands for none",
      );
      expect(() => param.range({ bounds: [0, 1], allowNone: true })).toThrow("param.range: allowNone (or default null) is not supported");
      expect(() => param.integer({ default: null, allowNone: false })).toThrow("param.integer: default null needs allowNone");
    });
  });

  describe("constant and readonly", () => {
    class Run extends defineParams({
      seed: param.integer({ default: 1, constant: true }),
      version: param.string({ default: "1.0", readonly: true }),
      steps: param.integer({ default: 10 }),
    }) {}

    it("constant: set when the instance is made, refused after", () => {
      const run = new Run({ seed: 42 });
      expect(run.seed).toBe(42);
      expect(() => run.set({ seed: 7 })).toThrow("Run.seed cannot be 7: it is constant (constant: true): give it when making the instance");
      expect(run.seed).toBe(42);
    });

    it("readonly: refused even when the instance is made (setting the value it has is harmless)", () => {
      expect(new Run({ version: "1.0" }).version).toBe("1.0");
      expect(() => new Run({ version: "2.0" })).toThrow('Run.version cannot be "2.0": it is read-only (readonly: true)');
      expect(() => new Run().set({ version: "2.0" })).toThrow(ParamError);
    });

    it("disables their widgets, and a page write to one is refused and snapped back", async () => {
      const run = new Run();
      const w = widgetsFor(run);
      expect([w.seed.disabled, w.version.disabled, w.steps.disabled]).toEqual([true, true, false]);
      const { pageWrites, errors } = mount(w.seed);
      await pageWrites(w.seed, "value", "5");
      expect(run.seed).toBe(1);
      expect(w.seed.value).toBe("1");
      expect(errors.map(String)).toEqual([expect.stringContaining("Run.seed cannot be 5: it is constant")]);
    });
  });

  describe("precedence", () => {
    class Form extends defineParams({
      last: param.integer({ default: 0, precedence: 3 }),
      first: param.integer({ default: 0, precedence: 1 }),
      plain: param.integer({ default: 0 }),
      hidden: param.integer({ default: 0, precedence: -1 }),
    }) {}

    it("orders widgets lowest first (none counts as 0) and makes none below 0", () => {
      expect(Object.keys(widgetsFor(new Form()))).toEqual(["plain", "first", "last"]);
    });

    it("still makes a hidden parameter's widget when it is asked for by name", () => {
      expect(Object.keys(widgetsFor(new Form(), { only: ["hidden"] }))).toEqual(["hidden"]);
    });

    it("refuses a precedence that is not a finite number", () => {
      expect(() => param.integer({ precedence: Number.NaN })).toThrow("param.integer: precedence must be a finite number, got NaN");
    });
  });

  describe("instantiate", () => {
    it("accepts true: each instance has its own copy of the default", () => {
      class Span extends defineParams({ span: param.range({ bounds: [0, 10], default: [1, 2], instantiate: true }) }) {}
      const [a, b] = [new Span(), new Span()];
      a.span = [3, 4];
      expect(b.span).toEqual([1, 2]);
    });

    it("refuses false, saying why", () => {
      expect(() => param.range({ bounds: [0, 10], instantiate: false })).toThrow(
        "param.range: instantiate: false is not supported: every instance gets its own copy of the default (values are immutable)",
      );
    });
  });

  describe("inclusiveBounds", () => {
    it("makes an exclusive bound itself invalid", () => {
      class Rate extends defineParams({ rate: param.number({ default: 0.5, bounds: [0, 1], inclusiveBounds: [false, true] }) }) {}
      const rate = new Rate();
      rate.rate = 1;
      expect(() => (rate.rate = 0)).toThrow("Rate.rate cannot be 0: must be greater than 0 and at most 1");
      const open = param.number({ default: 1, bounds: [0, null], inclusiveBounds: [false, false] });
      expect(open.check(0)).toBe("must be greater than 0");
    });

    it("refuses a malformed inclusiveBounds", () => {
      expect(() => param.number({ inclusiveBounds: [true] as never })).toThrow("param.number: inclusiveBounds must be [boolean, boolean]");
    });
  });

  describe("checkOnSet", () => {
    it("accepts true and refuses false, saying why", () => {
      expect(param.select({ options: ["a", "b"], checkOnSet: true }).check("c")).toBe('must be one of "a", "b"');
      expect(() => param.select({ options: ["a"], checkOnSet: false })).toThrow(
        "param.select: checkOnSet: false is not supported: the options are declared once for every session; list every option",
      );
    });
  });
});

describe("watcher options", () => {
  class Knob extends defineParams({ level: param.integer({ default: 0 }) }) {}

  it("precedence: watchers run lowest first, ties in the order they were added", () => {
    const knob = new Knob();
    const order: string[] = [];
    knob.watch("level", () => void order.push("b"), { precedence: 1 });
    knob.watch("level", () => void order.push("a"), { precedence: -1 });
    knob.watch("level", () => void order.push("c"), { precedence: 1 });
    knob.watch("level", () => void order.push("default"));
    knob.level = 1;
    expect(order).toEqual(["a", "default", "b", "c"]);
  });

  it("onlychanged: false is called for a set that keeps the value, the others are not", () => {
    const knob = new Knob();
    const every: unknown[] = [];
    const changed: unknown[] = [];
    knob.watch("level", (changes) => void every.push(...changes), { onlychanged: false });
    knob.watch("level", (changes) => void changed.push(...changes));
    knob.level = 0;
    expect(every).toEqual([{ name: "level", old: 0, value: 0 }]);
    expect(changed).toEqual([]);
  });

  it("refuses a precedence that is not a finite number", () => {
    expect(() => new Knob().watch("level", () => {}, { precedence: Number.POSITIVE_INFINITY })).toThrow(
      "watch: precedence must be a finite number",
    );
  });
});
