/**
 * The jobs example in Chromium (jobs in process, on the server's thread pool): a job's
 * progress bar moves while another page stays responsive, the job survives a reload and is
 * cancelled from the page, and a finished job's histogram appears.
 */
import type { Page } from "@playwright/test";
import { closeJobQueues, type ApertureServer } from "../../server/index.ts";
import { expect, plotTraces, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/jobs"]);
});
test.afterAll(async () => {
  await server.close();
  await closeJobQueues();
});

async function openJobs(page: Page): Promise<void> {
  await page.goto(server.appUrls.jobs!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** Moves a slider to its end (`End`) or its start (`Home`) with the keyboard. */
async function slideTo(page: Page, name: string, key: "End" | "Home"): Promise<void> {
  await page.locator(`[data-aperture-name="${name}"] input[type="range"]`).focus();
  await page.keyboard.press(key);
}

const progressOf = (page: Page) => page.locator('.job[data-state="active"] progress').first().getAttribute("value").then(Number);

test("a job's progress moves while another page stays responsive; it survives a reload and is cancelled from the page", async ({
  page,
  browser,
  pageErrors,
}) => {
  await openJobs(page);
  // 2000×2000: several seconds of work (7 s on this two-core machine); every check that needs
  // the job still running happens within the first second or two of it.
  await slideTo(page, "size", "End");
  await expect(page.locator('[data-aperture-name="size"] input')).toHaveValue("2000");
  await page.getByRole("button", { name: "Run" }).click();
  const row = page.locator(".job").first();
  await expect(row).toHaveAttribute("data-state", "active");
  await expect.poll(() => progressOf(page)).toBeGreaterThan(0);

  // The same URL after a reload (it names the page's jobs): the job is still there, still running.
  const id = await row.getAttribute("data-job-id");
  await expect.poll(() => new URL(page.url()).searchParams.get("jobs")).toBe(id);
  const before = await progressOf(page);
  await page.reload();
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const again = page.locator(`.job[data-job-id="${id}"]`);
  await expect(again).toHaveAttribute("data-state", "active");
  await expect.poll(() => progressOf(page)).toBeGreaterThan(before);

  // Another page (another owner) gets its slider's round trip while the job runs.
  const other = await browser.newPage();
  await openJobs(other);
  await slideTo(other, "bins", "End");
  await expect(other.locator('[data-aperture-name="spectrum"]')).toContainText("(80 bins)");
  await expect(again).toHaveAttribute("data-state", "active");

  await again.getByRole("button", { name: "Cancel" }).click();
  await expect(again).toHaveAttribute("data-state", "cancelled");
  await expect(again).toContainText("cancelled");

  // The other page's small job runs next, and its histogram appears.
  await slideTo(other, "size", "Home");
  await other.getByRole("button", { name: "Run" }).click();
  await expect(other.locator(".job").first()).toHaveAttribute("data-state", "completed");
  await expect(other.locator(".aperture-toast-success")).toContainText("completed");
  await expect(other.locator('[data-aperture-name="spectrum"]')).toContainText("200×200 matrix");
  const [bars] = await plotTraces(other, "spectrum");
  expect(bars!.y).toHaveLength(80);
  expect(bars!.y.reduce((sum, density) => sum + density, 0) * (4.4 / 80)).toBeCloseTo(1, 5);
  await other.close();
  expect(pageErrors).toEqual([]);
});
