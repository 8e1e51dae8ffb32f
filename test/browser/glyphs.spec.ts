import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { MARKER_TYPES } from "../../server/protocol/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/glyphs"]);
});
test.afterAll(() => server.close());

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(server.appUrls.glyphs!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

interface DrawnTrace {
  type: string;
  name?: string;
  fill?: string;
  symbol?: unknown;
  x: unknown[];
}

/** What Plotly drew: its full (validated) traces, so a value Plotly refused shows as its default. */
function drawnTraces(page: Page, name: string): Promise<DrawnTrace[]> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<
      Element & { _fullData?: { type: string; name?: string; fill?: string; marker?: { symbol?: unknown }; x?: ArrayLike<unknown> }[] }
    >(`[data-aperture-name="${figure}"]`);
    return (gd?._fullData ?? []).map((t) => ({
      type: t.type,
      name: t.name,
      fill: t.fill,
      symbol: t.marker?.symbol,
      x: Array.from(t.x ?? []),
    }));
  }, name);
}

test("the pie has its wedges, one legend entry per country, and the donut its rings", async ({ page }) => {
  await open(page);
  await expect
    .poll(async () => (await drawnTraces(page, "pie")).map((t) => [t.fill, t.name]))
    .toEqual([
      ["toself", "United States"],
      ["toself", "United Kingdom"],
      ["toself", "Japan"],
      ["toself", "China"],
      ["toself", "Germany"],
    ]);
  await expect(page.locator('[data-aperture-name="pie"] .legend .traces')).toHaveCount(5);
  expect(await drawnTraces(page, "donut")).toHaveLength(5);
});

test("the histogram, stacks, shapes and image are drawn with their trace types", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawnTraces(page, "histogram")).map((t) => [t.type, t.x.length])).toEqual([["bar", 20]]);
  expect((await drawnTraces(page, "stacked")).map((t) => t.name)).toEqual(["2015", "2016", "2017"]);
  expect((await drawnTraces(page, "areas")).map((t) => t.fill)).toEqual(["toself", "toself"]);
  expect((await drawnTraces(page, "rgba")).map((t) => t.type)).toEqual(["image"]);
  expect((await drawnTraces(page, "hextiles")).length).toBeGreaterThan(1);
  await expect(page.locator('[data-aperture-name="rgba"] .imagelayer image')).toHaveCount(1);
});

test("Plotly accepts the symbol of every Bokeh marker", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawnTraces(page, "markers")).length).toBe(MARKER_TYPES.length * 2);
  const symbols = (await drawnTraces(page, "markers")).filter((t) => t.type === "scatter" && t.symbol !== undefined).map((t) => t.symbol);
  const fallbacks = MARKER_TYPES.filter((marker, i) => symbols[i] === "circle" && marker !== "circle" && marker !== "dot");
  expect(fallbacks).toEqual([]);
});

test("a typed name with a link shows as text in the plot, never as a link", async ({ page }) => {
  await open(page);
  const name = '<a href="https://evil.example/">pwned</a>';
  await page.locator('[data-aperture-name="who"] input').fill(name);
  await page.locator('[data-aperture-name="who"] input').press("Enter");
  const plot = page.locator('[data-aperture-name="names-plot"]');
  await expect(plot.locator(".xtick text").last()).toHaveText(name);
  await expect(plot.locator(".gtitle")).toHaveText(`Last added: ${name}`);
  await expect(plot.locator("a")).toHaveCount(0);
});

test("a linear color map colors the points by their column, and its color bar is drawn beside the plot", async ({ page }) => {
  await open(page);
  const plot = page.locator('[data-aperture-name="colormapped"]');
  await expect(plot.locator(".colorbar")).toHaveCount(1);
  await expect(plot.locator(".colorbar .cbtitle")).toHaveText("radius");
  const colors = await page.evaluate(() => {
    const gd = document.querySelector('[data-aperture-name="colormapped"]') as Element & { _fullData: { marker: { color: unknown } }[] };
    return gd._fullData[0]!.marker.color as string[];
  });
  expect(colors[0]).toBe("#440154");
  expect(new Set(colors).size).toBeGreaterThan(10);
  await expect.poll(async () => (await drawnTraces(page, "grouped")).map((t) => t.type)).toEqual(["bar", "bar", "bar"]);
});

interface DrawnAxisLayout {
  tickvals: number[];
  ticktext: string[];
  labels: string[];
  separators: number;
  firstX: number[];
}

function drawnFactors(page: Page, name: string): Promise<DrawnAxisLayout | null> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<
      Element & {
        layout?: { xaxis?: { tickvals?: number[]; ticktext?: string[] }; annotations?: { text: string }[]; shapes?: { type: string }[] };
        data?: { x: ArrayLike<number> }[];
      }
    >(`[data-aperture-name="${figure}"]`);
    if (!gd?.layout?.xaxis?.tickvals || !gd.data) return null;
    return {
      tickvals: gd.layout.xaxis.tickvals,
      ticktext: gd.layout.xaxis.ticktext ?? [],
      labels: (gd.layout.annotations ?? []).map((a) => a.text),
      separators: (gd.layout.shapes ?? []).filter((shape) => shape.type === "line").length,
      firstX: Array.from(gd.data[0]!.x).slice(0, 4),
    };
  }, name);
}

test("bars on [group, item] factors sit at Bokeh's positions, items as ticks and groups drawn below them with separators", async ({
  page,
}) => {
  await open(page);
  await expect.poll(() => drawnFactors(page, "nested")).not.toBeNull();
  const nested = (await drawnFactors(page, "nested"))!;
  // One unit per factor, groupPadding 1.4 between fruits.
  expect(nested.firstX).toEqual([0.5, 1.5, 2.5, 4.9]);
  expect(nested.tickvals.slice(0, 4)).toEqual([0.5, 1.5, 2.5, 4.9]);
  expect(nested.ticktext.slice(0, 4)).toEqual(["2015", "2016", "2017", "2015"]);
  expect(nested.labels).toEqual(["Apples", "Pears", "Nectarines", "Plums", "Grapes", "Strawberries"].map((fruit) => `<b>${fruit}</b>`));
  expect(nested.separators).toBe(5);
  // The group labels are drawn below the (turned) year labels, inside the figure.
  const figure = (await page.locator('[data-aperture-name="nested"]').boundingBox())!;
  const years = (await page.locator('[data-aperture-name="nested"] .xtick text').first().boundingBox())!;
  const apples = (await page.locator('[data-aperture-name="nested"] .annotation-text', { hasText: "Apples" }).boundingBox())!;
  expect(apples.y).toBeGreaterThanOrEqual(years.y + years.height - 1);
  expect(apples.y + apples.height).toBeLessThanOrEqual(figure.y + figure.height);
});

test("bars on [year, quarter, month] factors draw quarters below the months and years below the quarters", async ({ page }) => {
  await open(page);
  await expect.poll(() => drawnFactors(page, "nested3")).not.toBeNull();
  const nested = (await drawnFactors(page, "nested3"))!;
  // subgroupPadding 0.8 between quarters, groupPadding 1.4 between years.
  expect(nested.tickvals.slice(0, 4)).toEqual([0.5, 1.5, 2.5, 4.3]);
  expect(nested.labels).toEqual(["<b>Q1</b>", "<b>Q2</b>", "<b>Q1</b>", "<b>Q2</b>", "<b>2016</b>", "<b>2017</b>"]);
  const quarter = (await page.locator('[data-aperture-name="nested3"] .annotation-text', { hasText: "Q1" }).first().boundingBox())!;
  const year = (await page.locator('[data-aperture-name="nested3"] .annotation-text', { hasText: "2016" }).boundingBox())!;
  expect(year.y).toBeGreaterThanOrEqual(quarter.y + quarter.height - 1);
});
