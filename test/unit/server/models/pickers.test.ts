import { describe, expect, it } from "vitest";
import { AttributeError } from "../../../../server/document/model.ts";
import { ColorPicker, DateRangeSlider, DateSlider, DatetimePicker, MultiChoice } from "../../../../server/models/index.ts";
import { clientWrite, outcome } from "../../../helpers/client-writes.ts";

describe("DateSlider", () => {
  const slider = () => new DateSlider({ start: "2024-01-01", end: "2024-01-31", step: 7, value: "2024-01-08" });

  it("accepts a day on its step and snaps another to the nearest step", () => {
    expect(clientWrite(slider(), "value", "2024-01-15")).toEqual({ accepted: true, stored: "2024-01-15", echo: false });
    expect(clientWrite(slider(), "value", "2024-01-17")).toEqual({ accepted: true, stored: "2024-01-15", echo: true });
  });

  it("refuses a day outside start..end, a day that does not exist, and a number", () => {
    expect(outcome(slider(), "value", "2024-02-01")).toBe("PATCH_BAD_VALUE");
    expect(outcome(slider(), "value", "2024-01-32")).toBe("PATCH_BAD_VALUE");
    expect(outcome(slider(), "valueThrottled", 1_704_067_200_000)).toBe("PATCH_BAD_VALUE");
  });

  it("starts at start, with valueThrottled following", () => {
    const s = new DateSlider({ start: "2024-03-01", end: "2024-03-31" });
    expect([s.value, s.valueThrottled]).toEqual(["2024-03-01", "2024-03-01"]);
  });
});

describe("DateRangeSlider", () => {
  it("takes an ordered pair of days within start..end", () => {
    const range = new DateRangeSlider({ start: "2024-01-01", end: "2024-12-31" });
    expect(range.value).toEqual(["2024-01-01", "2024-12-31"]);
    expect(outcome(range, "value", ["2024-02-01", "2024-03-01"])).toBe("accepted");
    expect(outcome(range, "value", ["2024-03-01", "2024-02-01"])).toBe("PATCH_BAD_VALUE");
    expect(outcome(range, "value", ["2023-12-31", "2024-02-01"])).toBe("PATCH_BAD_VALUE");
    expect(outcome(range, "value", "2024-02-01")).toBe("PATCH_BAD_VALUE");
  });
});

describe("DatetimePicker", () => {
  it("takes a real wall-clock date-time within minDate..maxDate, or null", () => {
    const picker = new DatetimePicker({ value: "2024-05-01T09:00", minDate: "2024-05-01T00:00", maxDate: "2024-05-31T23:59" });
    expect(outcome(picker, "value", "2024-05-02T13:45:10")).toBe("accepted");
    expect(outcome(picker, "value", null)).toBe("accepted");
    expect(outcome(picker, "value", "2024-06-01T00:00")).toBe("PATCH_BAD_VALUE");
    expect(outcome(picker, "value", "2024-05-02T25:00")).toBe("PATCH_BAD_VALUE");
    expect(outcome(picker, "value", "2024-05-02")).toBe("PATCH_BAD_VALUE");
    expect(() => new DatetimePicker({ value: "yesterday" })).toThrow(AttributeError);
  });
});

describe("ColorPicker", () => {
  it("takes a CSS colour and refuses anything that could break out of a style", () => {
    expect(outcome(new ColorPicker(), "color", "#1f77b4")).toBe("accepted");
    expect(outcome(new ColorPicker(), "color", "red;background:url(x)")).toBe("PATCH_BAD_VALUE");
    expect(outcome(new ColorPicker(), "color", 0xff0000)).toBe("PATCH_BAD_VALUE");
  });
});

describe("MultiChoice", () => {
  it("takes options only, at most maxItems of them", () => {
    const choice = new MultiChoice({ options: ["a", "b", "c"], maxItems: 2 });
    expect(outcome(choice, "value", ["a", "c"])).toBe("accepted");
    expect(outcome(choice, "value", ["a", "b", "c"])).toBe("PATCH_BAD_VALUE");
    expect(outcome(choice, "value", ["z"])).toBe("PATCH_BAD_VALUE");
    expect(outcome(choice, "value", "a")).toBe("PATCH_BAD_VALUE");
  });
});
