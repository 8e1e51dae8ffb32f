/**
 * Playwright, which `exportPng` / `exportSvg` drive headless Chromium with. It is an optional
 * dependency of Aperture (most apps never export), loaded on the first export.
 */
import type { BrowserType } from "playwright-core";

/** Either package gives the same `chromium`: `playwright-core` (no browsers bundled), or `playwright`. */
export const PLAYWRIGHT_PACKAGES = ["playwright-core", "playwright"] as const;

export const MISSING_PLAYWRIGHT =
  'exportPng and exportSvg draw in headless Chromium through Playwright, which is not installed: run "npm install playwright-core" ' +
  '(and, for a Chromium of Playwright\'s own, "npx playwright install chromium"; or pass { executablePath } of a Chromium you have)';

export type Importer = (name: string) => Promise<unknown>;

/** True when importing `name` failed because that package itself is absent (not one of its own imports). */
function isMissing(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && error instanceof Error && error.message.includes(`'${name}'`);
}

/** Playwright's `chromium`, from the first of the packages that is installed. */
export async function loadChromium(importer: Importer = (name) => import(name)): Promise<BrowserType> {
  for (const name of PLAYWRIGHT_PACKAGES) {
    try {
      const module = (await importer(name)) as { chromium?: BrowserType };
      if (module.chromium) return module.chromium;
    } catch (error) {
      if (!isMissing(error, name)) throw error;
    }
  }
  throw new Error(MISSING_PLAYWRIGHT);
}
