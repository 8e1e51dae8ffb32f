import { describe, expect, it } from "vitest";
import {
  CheckboxEditor,
  DateEditor,
  IntEditor,
  NumberEditor,
  SelectEditor,
  StringEditor,
  type CellCheck,
} from "../../../../server/models/index.ts";

const DAY = Date.UTC(2024, 4, 31);
const accepted = (value: unknown): CellCheck => ({ ok: true, value }) as CellCheck;
const refusal = (result: CellCheck) => (result.ok ? "accepted" : result.problem);

describe("cell editors", () => {
  describe("StringEditor", () => {
    it("accepts text and refuses other values and text past 10,000 characters", () => {
      const editor = new StringEditor();
      expect(editor.checkCell("Ford")).toEqual(accepted("Ford"));
      expect(refusal(editor.checkCell(3))).toBe("expected text, got 3");
      expect(refusal(editor.checkCell("x".repeat(10_001)))).toMatch(/exceeds 10000/);
    });
  });

  describe("NumberEditor", () => {
    it("accepts finite numbers and refuses text, NaN and null", () => {
      const editor = new NumberEditor();
      expect(editor.checkCell(2.5)).toEqual(accepted(2.5));
      expect(refusal(editor.checkCell("abc"))).toBe('expected a number, got "abc"');
      expect(refusal(editor.checkCell(Number.NaN))).toBe("expected a number, got NaN");
      expect(refusal(editor.checkCell(null))).toBe("expected a number, got null");
    });
  });

  describe("IntEditor", () => {
    it("accepts whole numbers and refuses fractions and text", () => {
      const editor = new IntEditor();
      expect(editor.checkCell(-4)).toEqual(accepted(-4));
      expect(refusal(editor.checkCell(2.5))).toBe("expected a whole number, got 2.5");
      expect(refusal(editor.checkCell("4"))).toBe('expected a whole number, got "4"');
    });
  });

  describe("SelectEditor", () => {
    it("accepts one of its options and refuses anything else, naming the options", () => {
      const editor = new SelectEditor({ options: ["US", "Europe", "Japan"] });
      expect(editor.checkCell("Japan")).toEqual(accepted("Japan"));
      expect(refusal(editor.checkCell("Mars"))).toBe('"Mars" is not one of the options ("US", "Europe", "Japan")');
      expect(refusal(editor.checkCell(1))).toBe("expected one of the options, got 1");
    });
  });

  describe("CheckboxEditor", () => {
    it("accepts true and false only", () => {
      const editor = new CheckboxEditor();
      expect(editor.checkCell(false)).toEqual(accepted(false));
      expect(refusal(editor.checkCell("true"))).toBe('expected true or false, got "true"');
    });
  });

  describe("DateEditor", () => {
    it("stores a day as milliseconds in a column of numbers and as text in a column of text", () => {
      const editor = new DateEditor();
      expect(editor.checkCell("2024-05-31", new Float64Array([0]))).toEqual(accepted(DAY));
      expect(editor.checkCell("2024-05-31", [Date.UTC(2020, 0, 1)])).toEqual(accepted(DAY));
      expect(editor.checkCell("2024-05-31", ["2020-01-01"])).toEqual(accepted("2024-05-31"));
    });

    it("refuses days that do not exist and text that is not a day", () => {
      const editor = new DateEditor();
      expect(refusal(editor.checkCell("2024-02-30", []))).toBe('expected a date as "YYYY-MM-DD", got "2024-02-30"');
      expect(refusal(editor.checkCell("May 5", []))).toMatch(/expected a date/);
    });
  });
});
