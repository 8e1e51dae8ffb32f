import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TRACE_TYPES } from "../../../../client/render/traces/index.ts";

/** The `type: () => import("plotly.js/lib/<module>")` pairs of `client/render/plotly-bundle.ts`. */
function traceModules(): [string, string][] {
  const source = readFileSync(new URL("../../../../client/render/plotly-bundle.ts", import.meta.url), "utf8");
  return [...source.matchAll(/(\w+): \(\) => import\("plotly\.js\/lib\/(\w+)"\)/g)].map((match) => [match[1]!, match[2]!]);
}

describe("the plotly chunk", () => {
  it("loads every trace type the glyphs draw besides core's scatter, each from plotly's module of that name", () => {
    const modules = traceModules();
    expect(modules.map(([type]) => type).sort()).toEqual(TRACE_TYPES.filter((type) => type !== "scatter").sort());
    for (const [type, module] of modules) expect(module).toBe(type);
  });
});
