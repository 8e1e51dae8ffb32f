import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TRACE_TYPES } from "../../../../client/render/traces/index.ts";

/** The trace types `client/render/plotly-bundle.ts` registers (plotly's core holds `scatter`). */
function registeredTypes(): string[] {
  const source = readFileSync(new URL("../../../../client/render/plotly-bundle.ts", import.meta.url), "utf8");
  const imported = [...source.matchAll(/from "plotly\.js\/lib\/(\w+)"/g)].map((match) => match[1]!).filter((name) => name !== "core");
  return ["scatter", ...imported].sort();
}

describe("the partial plotly bundle", () => {
  it("registers exactly the trace types the glyphs draw", () => {
    expect(registeredTypes()).toEqual([...TRACE_TYPES].sort());
  });
});
