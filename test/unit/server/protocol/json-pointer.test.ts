import { describe, expect, it } from "vitest";
import { escapeSegment, fromPointer, pointerCovers, toPointer, type PathSegment } from "../../../../server/protocol/json-pointer.ts";

describe("json-pointer", () => {
  describe("#toPointer", () => {
    it.each<[string, PathSegment[], string]>([
      ["the whole document for no segments", [], ""],
      ["one slash per segment", ["models", "1", "attrs", "value"], "/models/1/attrs/value"],
      ["numeric array indexes as digits", ["roots", 0], "/roots/0"],
      ["the end-of-array marker unchanged", ["roots", "-"], "/roots/-"],
      ["an empty key as an empty segment", ["models", ""], "/models/"],
      ["~ as ~0", ["a~b"], "/a~0b"],
      ["/ as ~1", ["a/b"], "/a~1b"],
      ["~1 literally as ~01 (escapes ~ before /)", ["~1"], "/~01"],
      ["/0 literally as ~10", ["/0"], "/~10"],
      ["a mix of both", ["~/~"], "/~0~1~0"],
    ])("writes %s", (_name, segments, pointer) => {
      expect(toPointer(segments)).toBe(pointer);
    });
  });

  describe("#escapeSegment", () => {
    it("stringifies numbers", () => {
      expect(escapeSegment(12)).toBe("12");
    });
  });

  describe("#fromPointer", () => {
    it.each<[string, string, string[]]>([
      ["the empty pointer as the whole document", "", []],
      ["a root slash as one empty key", "/", [""]],
      ["plain segments", "/models/1/attrs/value", ["models", "1", "attrs", "value"]],
      ["numeric indexes as strings", "/roots/3", ["roots", "3"]],
      ["the end-of-array marker", "/roots/-", ["roots", "-"]],
      ["~0 as ~", "/a~0b", ["a~b"]],
      ["~1 as /", "/a~1b", ["a/b"]],
      ["~01 as ~1 literally (unescapes ~1 before ~0)", "/~01", ["~1"]],
      ["~10 as /0", "/~10", ["/0"]],
      ["consecutive escapes", "/~0~1~0", ["~/~"]],
      ["empty segments in the middle", "/a//b", ["a", "", "b"]],
    ])("reads %s", (_name, pointer, segments) => {
      expect(fromPointer(pointer)).toEqual(segments);
    });

    it.each([
      ["no leading slash", "models/1"],
      ["a lone character", "a"],
      ["~2", "/a~2b"],
      ["~ at the end", "/a~"],
      ["~ followed by a slash", "/a~/b"],
      ["~ before a letter", "/~x"],
    ])("refuses %s", (_name, pointer) => {
      expect(fromPointer(pointer)).toBeUndefined();
    });

    it.each<[string, PathSegment[]]>([
      ["plain", ["models", "1", "attrs", "value"]],
      ["escaped", ["a/b~c", "~1", "~0", "/", "~", ""]],
      ["numeric", ["roots", 0, "x", 12]],
    ])("inverts toPointer for %s segments", (_name, segments) => {
      expect(fromPointer(toPointer(segments))).toEqual(segments.map(String));
    });
  });

  describe("#pointerCovers", () => {
    it.each<[string, string, boolean]>([
      ["/models/1/attrs", "/models/1/attrs", true],
      ["/models/1/attrs", "/models/1/attrs/value", true],
      ["/models/1", "/models/1/attrs/data/x", true],
      ["", "/anything", true],
      ["", "", true],
      ["/models/1/attrs/value", "/models/1/attrs", false],
      ["/models/1/attrs/value", "/models/1/attrs/valueThrottled", false],
      ["/models/1", "/models/10/attrs", false],
      ["/models/1/attrs/value", "/models/2/attrs/value", false],
    ])("says %j covers %j: %s", (ancestor, pointer, covers) => {
      expect(pointerCovers(ancestor, pointer)).toBe(covers);
    });
  });
});
