/**
 * Viewport-aware downsampling in a real page: a million-row line is drawn as a bounded
 * decimation, a zoom brings the window at full resolution, and a box select on decimated
 * markers selects the source's true rows on the server.
 */
import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { clientDocs, expect, plotTraces, serveExamples, test } from "./fixtures.ts";
import { graphState } from "./figure-helpers.ts";

/** About two points per pixel column of a figure without a width (800 columns), plus the ends. */
const MOST_DRAWN = 2 * 800 + 4;

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/million"]);
});
test.afterAll(() => server.close());

async function open(page: Page): Promise<void> {
  await page.goto(server.appUrls.million!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** The server's figure of this page's session, by name. */
async function serverModel(page: Page, name: string) {
  const sessionId = (await clientDocs(page))[0]?.sessionId;
  return server.runtime.sessions.get(sessionId!)!.doc.getModelByName(name)!;
}

/** Drags a zoom box across `fraction` of the plot area's width, about its middle, nearly flat (an x-only zoom). */
async function zoomX(page: Page, name: string, fraction: number): Promise<void> {
  const area = (await page.locator(`[data-aperture-name="${name}"] .nsewdrag`).first().boundingBox())!;
  const middle = area.x + area.width / 2;
  const y = area.y + area.height / 2;
  await page.mouse.move(middle - (area.width * fraction) / 2, y);
  await page.mouse.down();
  await page.mouse.move(middle, y + 1, { steps: 4 });
  await page.mouse.move(middle + (area.width * fraction) / 2, y + 1, { steps: 4 });
  await page.mouse.up();
}

const drawnX = async (page: Page, name: string) => ((await plotTraces(page, name))[0]?.x ?? []) as number[];

test("a line of a million rows is drawn as at most two points per pixel column", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawnX(page, "plot")).length).toBeGreaterThan(800);
  const x = await drawnX(page, "plot");
  expect(x.length).toBeLessThanOrEqual(MOST_DRAWN);
  expect([x[0], x.at(-1)]).toEqual([0, 999_999]);
});

test("zooming in draws the window at full resolution: every source row in it, a contiguous run", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawnX(page, "plot")).length).toBeGreaterThan(800);
  const figure = await serverModel(page, "plot");
  const range = figure.getAttr("xRange") as { start: number | null; end: number | null };
  const window = () => [range.start, range.end];
  // Two zooms of a fortieth each: 1,000,000 rows → about 25,000 → about 600, fewer than the pixel columns.
  for (const step of [1, 2]) {
    const before = window();
    await zoomX(page, "plot", 1 / 40);
    await expect.poll(window, { message: `zoom ${step} reached the server` }).not.toEqual(before);
  }
  const [start, end] = window() as [number, number];
  const expected = Array.from({ length: Math.floor(end) - Math.ceil(start) + 1 }, (_, i) => Math.ceil(start) + i);
  expect(expected.length).toBeGreaterThan(100);
  expect(expected.length).toBeLessThan(1_600);
  await expect.poll(async () => (await drawnX(page, "plot")).filter((v) => v >= start && v <= end)).toEqual(expected);
});

test("a box select on the decimated markers selects the source's true rows", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawnX(page, "dots")).length).toBeGreaterThan(800);
  const drawn = await drawnX(page, "dots");
  const area = (await page.locator('[data-aperture-name="dots"] .nsewdrag').first().boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.4, area.y + 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.5, area.y + area.height / 2, { steps: 4 });
  await page.mouse.move(area.x + area.width * 0.6, area.y + area.height - 2, { steps: 4 });
  await page.mouse.up();

  const source = await serverModel(page, "points");
  await expect.poll(() => (source.getAttr("selected") as number[]).length).toBeGreaterThan(10);
  const selected = source.getAttr("selected") as number[];
  // The page selected drawn points; the server holds the source rows they are (x is the row number here).
  const positions = (await graphState(page, "dots")).selected[0] ?? [];
  expect(selected).toEqual(positions.map((i) => drawn[i]));
  expect(Math.min(...selected)).toBeGreaterThan(drawn.length);
  await expect(page.locator('[data-aperture-name="status"]')).toContainText(`Selected ${selected.length} rows: ${selected[0]},`);
  await expect(page).toHaveTitle(`${selected.length} selected · A million points`);
});
