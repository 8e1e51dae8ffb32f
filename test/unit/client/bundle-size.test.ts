/**
 * The client bundle's budget: what a page downloads, as the build's precompressed brotli files
 * (what the server sends) in dist/client (npm test builds it first). Sizes are printed on every run.
 */
import { describe, expect, it } from "vitest";
import { measureBundle, type BundleFile } from "../../../bench/bundle.ts";

/** A page with a figure of lines (the entry and the plotly chunk). Today ~303 KB; issue 15's target is 309.6 KB. */
const FIGURE_PAGE_BUDGET = 320_000;
/** Every script: the chunks only some figures load (bars, heatmaps, images, WebGL) and rich text. Today ~474 KB. */
const EVERY_SCRIPT_BUDGET = 520_000;

/** KB of 1,000 bytes, as the bench's rows and issue 15 count them. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const line = (file: BundleFile) => `  ${file.name.padEnd(44)} ${kb(file.raw).padStart(10)} ${kb(file.brotli).padStart(9)} brotli`;

describe("the client bundle", () => {
  it(`a figure page downloads at most ${kb(FIGURE_PAGE_BUDGET)} brotli, and all scripts together are at most ${kb(EVERY_SCRIPT_BUDGET)}`, () => {
    const bundle = measureBundle();
    console.log(
      [
        ...bundle.everyScript.files.map(line),
        `  ${"a figure page".padEnd(55)} ${kb(bundle.brotli).padStart(9)} brotli (budget ${kb(FIGURE_PAGE_BUDGET)})`,
        `  ${"every script".padEnd(55)} ${kb(bundle.everyScript.brotli).padStart(9)} brotli (budget ${kb(EVERY_SCRIPT_BUDGET)})`,
      ].join("\n"),
    );
    expect(bundle.files.length).toBeGreaterThan(1);
    expect(bundle.brotli).toBeLessThanOrEqual(FIGURE_PAGE_BUDGET);
    expect(bundle.everyScript.brotli).toBeLessThanOrEqual(EVERY_SCRIPT_BUDGET);
  });
});
