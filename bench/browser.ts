/** Debian's Chromium through Playwright, launched with the browser tests' arguments. */
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_ARGS } from "../playwright.config.ts";

export const CHROMIUM_PATH = process.env.APERTURE_CHROMIUM ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
