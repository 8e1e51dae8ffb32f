import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import type { Model } from "../../../../server/document/model.ts";
import { Checkbox, Div, Slider, TextInput } from "../../../../server/models/index.ts";
import { bind, ref } from "../../../../server/params/bind.ts";
import { defineParams } from "../../../../server/params/params.ts";
import { param } from "../../../../server/params/spec.ts";

/** Change callbacks run for models in a document (as a session's are). */
function inDocument(...models: Model[]): Document {
  const doc = new Document();
  engineOf(doc).connect({ flush: () => {} });
  for (const model of models) doc.addRoot(model);
  return doc;
}

class Settings extends defineParams({ station: param.string({ default: "Portsmouth" }), window: param.integer({ default: 3 }) }) {}

describe("bind", () => {
  it("calls the function with a widget's value and re-runs it when the value changes", () => {
    const slider = new Slider({ start: 0, end: 10, value: 2 });
    const bound = bind((days: number) => `${days} days`, slider);
    inDocument(slider);
    expect([bound.runs, bound.result]).toEqual([1, "2 days"]);
    slider.value = 5;
    expect([bound.runs, bound.result]).toEqual([2, "5 days"]);
  });

  it("takes a checkbox's active, a parameter reference, a model attribute reference and plain values", () => {
    const settings = new Settings();
    const box = new Checkbox({ active: true });
    const slider = new Slider({ start: 0, end: 10, value: 1 });
    const bound = bind(
      (on: boolean, station: string, released: number, unit: string) => `${on} ${station} ${released}${unit}`,
      box,
      ref(settings, "station"),
      ref(slider, "valueThrottled"),
      "d",
    );
    inDocument(box, slider);
    expect(bound.result).toBe("true Portsmouth 1d");
    settings.station = "Bristol";
    box.active = false;
    slider.value = 4; // only valueThrottled is bound
    expect(bound.result).toBe("false Bristol 1d");
    slider.valueThrottled = 4;
    expect(bound.result).toBe("false Bristol 4d");
  });

  it("shows its latest result in bound.model: text in a Div, a model as it is", () => {
    const input = new TextInput({ value: "a" });
    const bound = bind((text: string) => (text === "model" ? new Div({ text: "a model" }) : text), input);
    inDocument(input, bound.model);
    expect((bound.model.children[0] as Div).text).toBe("a");
    input.value = "model";
    expect((bound.model.children[0] as Div).text).toBe("a model");
  });

  it("keeps only the latest result of an async function", async () => {
    const slider = new Slider({ start: 0, end: 10, value: 1 });
    const resolvers: ((text: string) => void)[] = [];
    const bound = bind((value: number) => new Promise<string>((resolve) => resolvers.push(() => resolve(`v${value}`))), slider);
    inDocument(slider);
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    slider.value = 2;
    resolvers[1]!("");
    await settled();
    expect(bound.result).toBe("v2");
    resolvers[0]!(""); // the older run finishes last: dropped
    await settled();
    expect(bound.result).toBe("v2");
  });

  it("stops re-running after stop()", () => {
    const slider = new Slider({ start: 0, end: 10, value: 1 });
    const bound = bind((value: number) => value, slider);
    inDocument(slider);
    bound.stop();
    slider.value = 3;
    expect([bound.runs, bound.result]).toEqual([1, 1]);
  });

  it("re-runs on a person's edit in the page, inside the session's turn", async () => {
    const slider = new Slider({ start: 0, end: 10, value: 1 });
    const bound = bind((value: number) => `at ${value}`, slider);
    const doc = inDocument(slider, bound.model);
    engineOf(doc).writeAttr(slider, "value", 6, { fromClient: true });
    await engineOf(doc).settle();
    expect((bound.model.children[0] as Div).text).toBe("at 6");
  });

  it("refuses a reference to an attribute the model lacks, or a widget with no value", () => {
    expect(() => ref(new Slider(), "colour" as never)).toThrow('has no attribute "colour"');
    expect(() => bind((x: unknown) => x, new Div() as never)).toThrow("has no value");
    expect(() => ref(new Settings(), "nope" as never)).toThrow("no such parameter");
  });
});
