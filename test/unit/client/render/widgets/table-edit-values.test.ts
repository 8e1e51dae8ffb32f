import { describe, expect, it } from "vitest";
import { isoDayOf, parseEdit } from "../../../../../client/render/widgets/table-edit-values.ts";

describe("parseEdit", () => {
  it("sends numbers typed into number editors as numbers", () => {
    expect(parseEdit("NumberEditor", " 31.5 ")).toBe(31.5);
    expect(parseEdit("NumberEditor", "-1e3")).toBe(-1000);
    expect(parseEdit("IntEditor", "4")).toBe(4);
  });

  it("sends other text as it was typed, for the server to accept or refuse", () => {
    expect(parseEdit("NumberEditor", "fast")).toBe("fast");
    expect(parseEdit("NumberEditor", "")).toBe("");
    expect(parseEdit("StringEditor", "42")).toBe("42");
  });
});

describe("isoDayOf", () => {
  it("shows milliseconds and ISO text as the day a date input takes", () => {
    expect(isoDayOf(Date.UTC(2024, 4, 31, 23))).toBe("2024-05-31");
    expect(isoDayOf("2024-05-31T10:00")).toBe("2024-05-31");
    expect(isoDayOf(null)).toBe("");
  });
});
