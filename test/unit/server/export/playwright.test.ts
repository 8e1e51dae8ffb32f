import { describe, expect, it } from "vitest";
import { MISSING_PLAYWRIGHT, loadChromium } from "../../../../server/export/playwright.ts";

/** An import error as Node gives it for a package that is not installed. */
function notFound(name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from /app/server/export/playwright.js`), {
    code: "ERR_MODULE_NOT_FOUND",
  });
}

describe("loadChromium", () => {
  it("returns playwright-core's chromium when it is installed", async () => {
    const chromium = { name: () => "chromium" };
    const asked: string[] = [];
    const loaded = await loadChromium((name) => (asked.push(name), Promise.resolve({ chromium })));
    expect(loaded).toBe(chromium);
    expect(asked).toEqual(["playwright-core"]);
  });

  it("falls back to the playwright package when playwright-core is missing", async () => {
    const chromium = { name: () => "chromium" };
    const loaded = await loadChromium((name) => (name === "playwright" ? Promise.resolve({ chromium }) : Promise.reject(notFound(name))));
    expect(loaded).toBe(chromium);
  });

  it("says which package to install when neither is", async () => {
    await expect(loadChromium((name) => Promise.reject(notFound(name)))).rejects.toThrow(MISSING_PLAYWRIGHT);
    expect(MISSING_PLAYWRIGHT).toContain("npm install playwright-core");
  });

  it("passes on a failure inside an installed Playwright instead of calling it missing", async () => {
    const broken = Object.assign(new Error("Cannot find package 'chromium-bidi' imported from playwright-core"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    await expect(loadChromium(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
