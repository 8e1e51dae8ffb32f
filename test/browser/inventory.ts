/** The notifications example (the dam inventory) as a person uses it, for several specs. */
import type { Browser, Page } from "@playwright/test";
import { expect } from "./fixtures.ts";

export const sessionIdOf = (page: Page): Promise<string> =>
  page.evaluate(() => (window as unknown as { Aperture: { documents: { sessionId: string }[] } }).Aperture.documents[0]!.sessionId);

/** A new page of the inventory at `url`, synced, and the worker its session lives on ("w0"…). */
export async function openInventory(browser: Browser, url: string): Promise<{ page: Page; worker: string }> {
  const page = await browser.newPage();
  await page.goto(url);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const id = await sessionIdOf(page);
  return { page, worker: id.slice(0, id.indexOf("-")) };
}

export async function addDam(page: Page, name: string, height = "100"): Promise<void> {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Height (m)").fill(height);
  await page.getByRole("button", { name: "Add dam" }).click();
}
