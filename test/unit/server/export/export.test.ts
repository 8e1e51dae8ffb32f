import { describe, expect, it } from "vitest";
import { exportPng, exportSvg, figure } from "../../../../server/index.ts";

// Each refusal happens before Playwright is loaded or Chromium started.
describe("exportPng and exportSvg", () => {
  it.each([
    [{ width: 0 }, /width must be a whole number of pixels from 1 to 10000, not 0/],
    [{ height: 10.5 }, /height must be a whole number of pixels from 1 to 10000, not 10.5/],
    [{ scaleFactor: 0 }, /scaleFactor must be above 0 and at most 8, not 0/],
    [{ timeout: -1 }, /timeout must be a positive number of milliseconds, not -1/],
  ])("refuses %o with the rule it breaks", async (options, message) => {
    await expect(exportPng(figure(), "never.png", options)).rejects.toThrow(message);
    await expect(exportSvg(figure(), "never.svg", options)).rejects.toThrow(message);
  });
});
