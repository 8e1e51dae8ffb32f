/**
 * The params version of the rolling example must behave like the plain one: same slider,
 * same plot, the smoothed line recomputed by the server from the parameter.
 */
import type { Page } from "@playwright/test";
import { rollingMean, seaSurfaceTemperature } from "../../examples/rolling/data.ts";
import type { ApertureServer } from "../../server/index.ts";
import { clientDocs, expect, plotTraces, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/rolling-params"]);
});
test.afterAll(() => server.close());

const sst = seaSurfaceTemperature(10_000);

async function open(page: Page): Promise<void> {
  await page.goto(server.appUrls["rolling-params"]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** True once the page's smoothed trace equals the rolling mean over `days`. */
async function showsSmoothing(page: Page, days: number): Promise<boolean> {
  const expected = rollingMean(sst.time, sst.temperature, days);
  const y = (await plotTraces(page, "plot"))[1]?.y ?? [];
  return y.length === expected.length && y.every((v, i) => Math.abs(v - expected[i]!) < 1e-9);
}

test("arrow keys on the generated slider redraw the smoothed line with the server's rolling mean", async ({ page, pageErrors }) => {
  await open(page);
  const slider = page.locator('[data-aperture-name="window"] input[type="range"]');
  await expect(page.locator('[data-aperture-name="window"]')).toContainText("Smoothing by N Days");
  await expect(slider).toHaveAttribute("min", "0");
  await expect(slider).toHaveAttribute("max", "30");
  await expect.poll(() => showsSmoothing(page, 0)).toBe(true);

  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("3");
  await expect.poll(() => showsSmoothing(page, 3)).toBe(true);
  // The caption is bound to the parameter (bind, as Panel's pn.bind).
  await expect(page.getByText("Each point is the mean of the 72 readings before it.")).toBeVisible();

  await page.keyboard.press("ArrowLeft");
  await expect(slider).toHaveValue("2");
  await expect.poll(() => showsSmoothing(page, 2)).toBe(true);
  expect(pageErrors).toEqual([]);
});

test("each page has its own parameters: moving one slider leaves the other page alone", async ({ browser }) => {
  const [first, second] = await Promise.all([browser.newPage(), browser.newPage()]);
  await open(first);
  await open(second);
  const [a, b] = await Promise.all([clientDocs(first), clientDocs(second)]);
  expect(a[0]!.sessionId).not.toEqual(b[0]!.sessionId);

  const sliders = [first, second].map((page) => page.locator('[data-aperture-name="window"] input[type="range"]'));
  await sliders[0]!.focus();
  await first.keyboard.press("ArrowRight");
  await expect.poll(() => showsSmoothing(first, 1)).toBe(true);

  await sliders[1]!.focus();
  for (let i = 0; i < 2; i++) await second.keyboard.press("ArrowRight");
  await expect.poll(() => showsSmoothing(second, 2)).toBe(true);

  // Had the pages shared parameters, the first slider would stand at 2 now and step to 3.
  await sliders[0]!.focus();
  await first.keyboard.press("ArrowRight");
  await expect(sliders[0]!).toHaveValue("2");
  await expect.poll(() => showsSmoothing(first, 2)).toBe(true);
  await Promise.all([first.close(), second.close()]);
});
