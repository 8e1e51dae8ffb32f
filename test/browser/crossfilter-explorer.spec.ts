/**
 * examples/crossfilter-explorer behaves as Bokeh's crossfilter app: each Select rebuilds the
 * plot (`layout.children[1] = createFigure()`), with the chosen columns, colors and sizes.
 */
import type { Page } from "@playwright/test";
import { categoryCodes, makeAutompg } from "../../examples/crossfilter-explorer/data.ts";
import type { ApertureServer } from "../../server/index.ts";
import { palette } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/crossfilter-explorer"]);
});
test.afterAll(() => server.close());

const df = makeAutompg();
const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(server.appUrls["crossfilter-explorer"]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** The drawn scatter: title, points, marker colors and sizes, and the x axis's type and tick angle. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    type Trace = { x: ArrayLike<unknown>; marker: { color: unknown; size: unknown } };
    type Layout = { title: { text: string }; xaxis: { type: string; tickangle: unknown } };
    const graph = document.querySelector<Element & { data?: Trace[]; _fullLayout?: Layout }>('[data-aperture-name="plot"]');
    const trace = graph?.data?.[0];
    if (!trace || !graph._fullLayout) return null;
    const many = (value: unknown) =>
      Array.isArray(value) ? [...new Set(value as (string | number)[])].sort((a, b) => (a < b ? -1 : 1)) : [value];
    return {
      title: graph._fullLayout.title.text,
      points: trace.x.length,
      colors: many(trace.marker.color),
      sizes: many(trace.marker.size),
      xaxis: { type: graph._fullLayout.xaxis.type, tickangle: graph._fullLayout.xaxis.tickangle },
    };
  });

test("the page opens with Bokeh's defaults: mpg against hp, one color, one size", async ({ page }) => {
  await open(page);
  await expect
    .poll(() => drawn(page))
    .toEqual({ title: "Mpg vs Hp", points: 392, colors: ["#31AADE"], sizes: [9], xaxis: { type: "linear", tickangle: 0 } });
});

test("choosing color and size columns rebuilds the plot with Spectral5 quantile colors and Bokeh's six sizes", async ({ page }) => {
  await open(page);
  await named(page, "color").locator("select").selectOption("weight");
  await expect.poll(async () => (await drawn(page))?.colors).toEqual([...palette("Spectral", 5)].sort());
  await named(page, "size").locator("select").selectOption("hp");
  await expect.poll(async () => (await drawn(page))?.sizes).toEqual([6, 9, 12, 15, 18, 21]);
  // One plot in the page and in the document: the old figure was replaced, not kept beside it.
  await expect(named(page, "plot")).toHaveCount(1);
  const doc = server.runtime.sessions.get((await clientDocs(page))[0]!.sessionId)!.doc;
  expect(doc.select({ name: "plot" })).toHaveLength(1);
});

test("a discrete x column makes a categorical axis with labels at 45°", async ({ page }) => {
  await open(page);
  await named(page, "x").locator("select").selectOption("origin");
  await expect.poll(async () => (await drawn(page))?.xaxis).toEqual({ type: "category", tickangle: -45 });
  expect((await drawn(page))?.title).toBe("Origin vs Hp");
  await named(page, "color").locator("select").selectOption("mpg");
  await expect.poll(async () => (await drawn(page))?.colors.length).toBe(5);
  expect(new Set(categoryCodes(df.origin!)).size).toBe(3);
});
