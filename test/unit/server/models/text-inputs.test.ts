import { describe, expect, it } from "vitest";
import { AutocompleteInput, NumericInput, PasswordInput, Spinner, TextAreaInput } from "../../../../server/models/index.ts";
import { outcome } from "../../../helpers/client-writes.ts";

describe("NumericInput", () => {
  it("takes integers in int mode (Bokeh's default), within low..high, or null", () => {
    const input = new NumericInput({ low: 0, high: 10, value: 1 });
    expect(outcome(input, "value", 7)).toBe("accepted");
    expect(outcome(input, "value", null)).toBe("accepted");
    expect(outcome(input, "value", 7.5)).toBe("PATCH_BAD_VALUE");
    expect(outcome(input, "value", 11)).toBe("PATCH_BAD_VALUE");
    expect(outcome(input, "value", "7")).toBe("PATCH_BAD_VALUE");
  });

  it("takes fractions in float mode", () => {
    expect(outcome(new NumericInput({ mode: "float" }), "value", 7.5)).toBe("accepted");
  });
});

describe("Spinner", () => {
  it("takes numbers within its bounds, and keeps valueThrottled", () => {
    const spinner = new Spinner({ low: 0, high: 1, step: 0.1, value: 0.5 });
    expect(spinner.valueThrottled).toBe(0.5);
    expect(outcome(spinner, "value", 0.7)).toBe("accepted");
    expect(outcome(spinner, "valueThrottled", 2)).toBe("PATCH_BAD_VALUE");
    expect(outcome(spinner, "value", Number.NaN)).toBe("PATCH_BAD_VALUE");
  });
});

describe("TextAreaInput and PasswordInput", () => {
  it("takes text up to maxLength", () => {
    const area = new TextAreaInput({ maxLength: 5 });
    expect(outcome(area, "value", "hello")).toBe("accepted");
    expect(outcome(area, "value", "hello!")).toBe("PATCH_BAD_VALUE");
    expect(outcome(area, "value", 5)).toBe("PATCH_BAD_VALUE");
    expect(outcome(new PasswordInput(), "value", "s3cret")).toBe("accepted");
    expect(outcome(new PasswordInput(), "value", ["s"])).toBe("PATCH_BAD_VALUE");
  });
});

describe("AutocompleteInput", () => {
  it("takes one of the completions (or nothing) when it restricts", () => {
    const input = new AutocompleteInput({ completions: ["France", "Finland"] });
    expect(outcome(input, "value", "Finland")).toBe("accepted");
    expect(outcome(input, "value", "")).toBe("accepted");
    expect(outcome(input, "value", "Fr")).toBe("PATCH_BAD_VALUE");
    expect(outcome(input, "value", 1)).toBe("PATCH_BAD_VALUE");
  });

  it("takes any text when restrict is false", () => {
    expect(outcome(new AutocompleteInput({ completions: ["France"], restrict: false }), "value", "Fr")).toBe("accepted");
  });
});
