import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import type { ApertureServer, Figure } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/linked"]);
});
test.afterAll(() => server.close());

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.goto(server.appUrls.linked!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => shownXRange(page, "ts1")).not.toBeNull();
}

function shownXRange(page: Page, name: string): Promise<number[] | null> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<Element & { _fullLayout?: { xaxis?: { range?: number[] } } }>(`[data-aperture-name="${figure}"]`);
    const range = gd?._fullLayout?.xaxis?.range;
    return range ? [Number(range[0]), Number(range[1])] : null;
  }, name);
}

const button = (page: Page, figure: string, title: string) =>
  page.locator(`[data-aperture-name="${figure}"] .modebar-btn[data-title="${title}"]`);

test("the toolbar shows its tools' buttons without the mouse over the plot", async ({ page }) => {
  await open(page);
  await page.mouse.move(1, 1);
  for (const title of ["Pan", "Zoom", "Undo", "Redo", "Reset axes", "Download plot as a PNG"])
    await expect(button(page, "ts1", title)).toBeVisible();
  const opacity = await page.locator('[data-aperture-name="ts1"] .modebar').evaluate((el) => getComputedStyle(el).opacity);
  expect(opacity).toBe("1");
  // The correlation plot has only the tools it names: no zoom box, no undo.
  await expect(button(page, "correlation", "Box Select")).toBeVisible();
  await expect(button(page, "correlation", "Undo")).toHaveCount(0);
});

test("the wheel zooms a plot whose active scroll is the wheel zoom; the linked plot and the server follow, and undo steps back", async ({
  page,
}) => {
  await open(page);
  const before = (await shownXRange(page, "ts1"))!;
  const area = (await page.locator('[data-aperture-name="ts1"] .nsewdrag').first().boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await page.mouse.wheel(0, -400);
  await expect
    .poll(async () => {
      const [start, end] = (await shownXRange(page, "ts1"))!;
      return end! - start!;
    })
    .toBeLessThan(before[1]! - before[0]!);
  const zoomed = (await shownXRange(page, "ts1"))!;
  await expect.poll(() => shownXRange(page, "ts2")).toEqual(zoomed);
  const sessionId = (await clientDocs(page))[0]!.sessionId;
  const ts1 = () => server.runtime.sessions.get(sessionId)!.doc.getModelByName("ts1") as Figure;
  await expect.poll(() => ts1().xRange.start).toBeCloseTo(zoomed[0]!, -3);

  await button(page, "ts1", "Undo").click();
  await expect.poll(() => ts1().xRange.start).toBeNull();
  await expect.poll(() => shownXRange(page, "ts2")).toEqual(before);
});

test("save downloads a PNG named after the plot's title", async ({ page }) => {
  await open(page);
  const download = page.waitForEvent("download");
  await button(page, "ts1", "Download plot as a PNG").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("AAPL.png");
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
