import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { parseAst } from "vite";
import { describe, expect, it } from "vitest";
import { stripDescriptions } from "../../vite.plugins.ts";

const evaluate = (code: string): unknown => JSON.parse(JSON.stringify(runInNewContext(code)));

describe("stripDescriptions", () => {
  it("leaves out description properties of every form and keeps the other properties", () => {
    const code = `({
      a: { valType: 'number', description: 'Sets the width (in px).' },
      b: { description: ['Two', 'parts, one with ] and }'].join(' '), editType: 'plot' },
      c: { dflt: 1, description: describe('tick label') },
      d: { nested: { description: 'inner', role: 'info' } }
    })`;
    const stripped = stripDescriptions(`var describe = () => '';\n${code}`, (source) => parseAst(source))
      .split("\n")
      .slice(1)
      .join("\n");
    expect(evaluate(stripped)).toEqual({
      a: { valType: "number" },
      b: { editType: "plot" },
      c: { dflt: 1 },
      d: { nested: { role: "info" } },
    });
  });

  it("keeps every line where it was (source maps of the module still hold)", () => {
    const code = "x = {\n  description: [\n    'a',\n    'b'\n  ].join(' '),\n  y: 1\n};\n";
    const stripped = stripDescriptions(code, (source) => parseAst(source));
    expect(stripped.length).toBe(code.length);
    expect(stripped.split("\n")[5]).toBe("  y: 1");
  });

  it("keeps a description followed by a comment, as removing it could leave two commas", () => {
    const code = "x = { description: 'kept' /* why */, y: 1 };";
    expect(stripDescriptions(code, (source) => parseAst(source))).toBe(code);
  });

  it("leaves a plotly attribute file valid JavaScript without descriptions", () => {
    const path = createRequire(import.meta.url).resolve("plotly.js/src/plots/cartesian/layout_attributes.js");
    const code = readFileSync(path, "utf8");
    const parse = (source: string) => parseAst(source);
    const stripped = stripDescriptions(code, parse);
    const count = (text: string) => text.split("description:").length - 1;
    expect(() => parseAst(stripped)).not.toThrow();
    expect(count(code)).toBeGreaterThan(100);
    // Only the two in a commented-out block are left; none is left to strip.
    expect(count(stripped)).toBe(2);
    expect(stripDescriptions(stripped, parse)).toBe(stripped);
  });
});
