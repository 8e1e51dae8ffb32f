import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildFigure } from "../../../../client/render/figure-spec.ts";
import type { DocState } from "../../../../server/protocol/index.ts";
import { GLYPHS } from "../../../../server/models/glyphs.ts";

/** The trace types `client/render/plotly-bundle.ts` registers (core holds `scatter`). */
function registeredTypes(): Set<string> {
  const source = readFileSync(new URL("../../../../client/render/plotly-bundle.ts", import.meta.url), "utf8");
  const imported = [...source.matchAll(/from "plotly\.js\/lib\/(\w+)"/g)].map((match) => match[1]!).filter((name) => name !== "core");
  return new Set(["scatter", ...imported]);
}

describe("the partial plotly bundle", () => {
  it("registers every trace type a glyph draws", () => {
    const renderers = Object.fromEntries(GLYPHS.map((glyph) => [glyph, { type: "GlyphRenderer", attrs: { glyph, source: { ref: "src" }, x: "x", y: "y", z: "y" } }]));
    const state = {
      roots: ["fig"],
      models: {
        fig: { type: "Figure", attrs: { renderers: GLYPHS.map((ref) => ({ ref })) } },
        src: { type: "ColumnDataSource", attrs: { data: { x: [1, 2], y: [3, 4] }, selected: [] } },
        ...renderers,
      },
    } as unknown as DocState;
    const types = buildFigure(state, "fig", 1).traces.map((trace) => trace.type);
    expect(types).toHaveLength(GLYPHS.length);
    const registered = registeredTypes();
    expect(types.filter((type) => !registered.has(String(type)))).toEqual([]);
  });
});
