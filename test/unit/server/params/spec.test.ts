import { describe, expect, it } from "vitest";
import { ParamError, defineParams } from "../../../../server/params/params.ts";
import { param, type ParamSpec } from "../../../../server/params/spec.ts";

const day = (text: string) => new Date(`${text}T00:00:00Z`);

/** [declaration, accepted values, [refused value, the rule the error must state]…] */
const cases: [string, ParamSpec, unknown[], [unknown, string][]][] = [
  [
    "integer with bounds",
    param.integer({ default: 0, bounds: [0, 30] }),
    [0, 15, 30],
    [
      [31, "must be between 0 and 30"],
      [-1, "must be between 0 and 30"],
      [2.5, "must be an integer"],
      ["3", "must be an integer"],
      [Number.NaN, "must be an integer"],
    ],
  ],
  ["integer open above", param.integer({ default: 1, bounds: [1, null] }), [1, 1_000_000], [[0, "must be at least 1"]]],
  [
    "number",
    param.number({ default: 0.5, bounds: [null, 1] }),
    [-3.25, 1],
    [
      [1.01, "must be at most 1"],
      [Number.POSITIVE_INFINITY, "must be a finite number"],
      [null, "must not be null (the parameter has no allowNone)"],
    ],
  ],
  [
    "boolean",
    param.boolean(),
    [true, false],
    [
      ["true", "must be true or false"],
      [0, "must be true or false"],
    ],
  ],
  [
    "string with a pattern",
    param.string({ default: "ab", regex: /^[a-z]+$/g, maxLength: 5 }),
    ["abc", "abc", "z"],
    [
      ["ABC", "must match /^[a-z]+$/g"],
      ["abcdef", "must be at most 5 characters"],
      [3, "must be a string"],
    ],
  ],
  [
    "select",
    param.select({ options: ["linear", "log", ["sqrt", "Square root"]] }),
    ["linear", "sqrt"],
    [
      ["Square root", 'must be one of "linear", "log", "sqrt"'],
      [undefined, 'must be one of "linear", "log", "sqrt"'],
    ],
  ],
  ["select of numbers", param.select({ options: [1, 10, 100], default: 10 }), [1, 100], [["10", "must be one of 1, 10, 100"]]],
  [
    "range",
    param.range({ default: [2, 5], bounds: [0, 10] }),
    [
      [0, 10],
      [3, 3],
    ],
    [
      [[5, 2], "must have low at or below high"],
      [[-1, 4], "must lie within [0, 10]"],
      [[1, 2, 3], "must be [low, high], two finite numbers"],
      [4, "must be [low, high], two finite numbers"],
    ],
  ],
  [
    "date",
    param.date({ default: day("2016-03-01"), bounds: [day("2016-01-01"), day("2016-12-31")] }),
    [day("2016-01-01"), new Date("2016-06-01T12:30:00Z")],
    [
      [day("2015-12-31"), "must be between 2016-01-01 and 2016-12-31"],
      ["2016-03-01", "must be a valid Date"],
      [new Date(Number.NaN), "must be a valid Date"],
    ],
  ],
];

describe("param declarations", () => {
  describe.each(cases)("%s", (_label, spec, accepted, refused) => {
    const Holder = class Holder extends defineParams({ value: spec }) {};

    it.each(accepted.map((value) => [value]))("accepts %s", (value) => {
      const holder = new Holder();
      void holder.set({ value });
      expect(spec.equals(holder.value, value)).toBe(true);
    });

    it.each(refused)("refuses %s, naming the parameter, the value and the rule (%s)", (value, rule) => {
      const holder = new Holder();
      const before = holder.value;
      let error: unknown;
      try {
        void holder.set({ value });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ParamError);
      expect(error).toMatchObject({ param: "value", value, rule });
      expect((error as Error).message).toMatch(/^Holder\.value cannot be .+: /);
      expect((error as Error).message.endsWith(rule)).toBe(true);
      expect(spec.equals(holder.value, before)).toBe(true);
    });
  });

  it("writes the message a person can act on", () => {
    const Smoothing = class Smoothing extends defineParams({ window: param.integer({ bounds: [0, 30] }) }) {};
    expect(() => new Smoothing({ window: 31 })).toThrow("Smoothing.window cannot be 31: must be between 0 and 30");
    expect(() => new Smoothing().set({ windw: 3 } as never)).toThrow(
      "Smoothing.windw cannot be undefined: no such parameter (known: window)",
    );
  });

  it("defaults to the lower bound, the first option, or the kind's zero", () => {
    expect(param.integer({ bounds: [5, 9] }).default).toBe(5);
    expect(param.number().default).toBe(0);
    expect(param.select({ options: [["b", "Bee"], "a"] }).default).toBe("b");
    expect(param.range({ bounds: [1, 4] }).default).toEqual([1, 4]);
    expect(param.string().default).toBe("");
    expect(param.boolean().default).toBe(false);
  });

  it("picks the widget from the declaration: sliders only for closed bounds", () => {
    expect(param.integer({ bounds: [0, 30] }).widget).toBe("slider");
    expect(param.integer({ bounds: [0, null] }).widget).toBe("text");
    expect(param.number().widget).toBe("text");
    expect(param.range({ bounds: [0, 1] }).widget).toBe("range-slider");
    expect(param.select({ options: ["a"] }).widget).toBe("select");
    expect(param.boolean().widget).toBe("checkbox");
    expect(param.date({ default: day("2016-01-01") }).widget).toBe("text");
  });

  it("refuses broken declarations when they are made", () => {
    expect(() => param.integer({ bounds: [5, 1] })).toThrow("param.integer: bounds [5, 1] have low above high");
    expect(() => param.number({ step: 0 })).toThrow("param.number: step must be a positive number, got 0");
    expect(() => param.select({ options: [] })).toThrow("at least one option");
    expect(() => param.select({ options: [1, "1"] })).toThrow("distinct as text");
    expect(() => param.range({} as never)).toThrow("param.range: bounds are required");
    expect(() => param.date({})).toThrow("param.date: give a default");
    expect(() => defineParams({ window: param.integer({ default: 40, bounds: [0, 30] }) })).toThrow(
      "window cannot be 40: must be between 0 and 30 (the declared default)",
    );
    expect(() => defineParams({ set: param.boolean() })).toThrow('"set" is a name the Params API uses');
  });

  it("parses and formats text for text widgets and query arguments", () => {
    const integer = param.integer();
    expect(integer.parse(" 12 ")).toEqual({ ok: true, value: 12 });
    expect(integer.parse("")).toEqual({ ok: false, rule: "must be a number" });
    expect(integer.parse("12abc")).toEqual({ ok: false, rule: "must be a number" });
    expect(param.boolean().parse("Yes")).toEqual({ ok: true, value: true });
    expect(param.select({ options: [1, 10] }).parse("10")).toEqual({ ok: true, value: 10 });
    expect(param.select({ options: [["sqrt", "Square root"]] }).parse("Square root")).toEqual({ ok: true, value: "sqrt" });
    const range = param.range({ bounds: [0, 10] });
    expect(range.parse("2,5")).toEqual({ ok: true, value: [2, 5] });
    expect(range.format([2, 5])).toBe("2,5");
    const date = param.date({ default: day("2016-01-01") });
    expect(date.parse("2016-02-29")).toEqual({ ok: true, value: day("2016-02-29") });
    expect(date.parse("29/02/2016")).toEqual({ ok: false, rule: "must be a date like 2016-01-31" });
    expect(date.format(day("2016-02-29"))).toBe("2016-02-29");
    expect(date.format(new Date("2016-02-29T06:00:00Z"))).toBe("2016-02-29T06:00:00.000Z");
  });
});
