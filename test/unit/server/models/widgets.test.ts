import { describe, expect, it } from "vitest";
import { AttributeError } from "../../../../server/document/model.ts";
import { RangeSlider, Select, Slider } from "../../../../server/models/index.ts";
import { clientWrite, outcome } from "../../../helpers/client-writes.ts";

describe("Slider", () => {
  const slider = () => new Slider({ start: 0, end: 10, step: 0.5, value: 2 });

  it("accepts a value on its step", () => {
    expect(clientWrite(slider(), "value", 3.5)).toEqual({ accepted: true, stored: 3.5, echo: false });
  });

  it("snaps a page's value off the step to the nearest step, and sends the stored value back", () => {
    expect(clientWrite(slider(), "value", 3.7)).toEqual({ accepted: true, stored: 3.5, echo: true });
    expect(clientWrite(slider(), "valueThrottled", 3.8)).toEqual({ accepted: true, stored: 4, echo: true });
  });

  it("snaps a server write too, without float noise", () => {
    const s = new Slider({ start: 0, end: 1, step: 0.1, value: 0.29 });
    expect(s.value).toBe(0.3);
    s.value = 0.71;
    expect(s.value).toBe(0.7);
  });

  it("refuses a value of the wrong type or out of range", () => {
    expect(outcome(slider(), "value", "3")).toBe("PATCH_BAD_VALUE");
    expect(outcome(slider(), "value", 11)).toBe("PATCH_BAD_VALUE");
  });

  it("keeps valueThrottled, starting at the value", () => {
    expect(new Slider({ start: 0, end: 10, value: 4 }).valueThrottled).toBe(4);
  });
});

describe("RangeSlider", () => {
  it("snaps both ends to the step", () => {
    const range = new RangeSlider({ start: 0, end: 100, step: 10, value: [20, 80] });
    expect(clientWrite(range, "value", [21, 77])).toEqual({ accepted: true, stored: [20, 80], echo: true });
    expect(outcome(range, "valueThrottled", [90, 10])).toBe("PATCH_BAD_VALUE");
  });
});

describe("Select", () => {
  it("accepts one of its options and refuses any other string", () => {
    const select = new Select({ options: ["US", ["EU", "Europe"]], value: "US" });
    expect(outcome(select, "value", "EU")).toBe("accepted");
    expect(outcome(select, "value", "Europe")).toBe("PATCH_BAD_VALUE");
    expect(outcome(select, "value", "Mars")).toBe("PATCH_BAD_VALUE");
    expect(outcome(select, "value", 1)).toBe("PATCH_BAD_VALUE");
  });

  it("takes grouped options, and a value from any group", () => {
    const select = new Select({ options: { Fruit: ["apple", "pear"], Vegetables: [["leek", "Leek"]] } });
    expect(select.value).toBe("apple");
    expect(outcome(select, "value", "leek")).toBe("accepted");
    expect(outcome(select, "value", "Vegetables")).toBe("PATCH_BAD_VALUE");
  });

  it("starts at its first option, and refuses a server value that is none", () => {
    expect(new Select({ options: ["a", "b"] }).value).toBe("a");
    expect(() => new Select({ options: ["a"], value: "z" })).toThrow(AttributeError);
    expect(new Select().value).toBe("");
  });
});
