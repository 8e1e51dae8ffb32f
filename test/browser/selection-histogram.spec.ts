/**
 * examples/selection-histogram behaves as Bokeh's selection_histogram.py: a box select in the
 * scatter splits each histogram into the selected points' counts (up) and the others' (down).
 */
import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/selection-histogram"]);
});
test.afterAll(() => server.close());

const POINTS = 1400;

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(server.appUrls["selection-histogram"]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/**
 * Each quad trace's counts in the figure named `name`: the heights of the x histogram's bars,
 * the widths of the y histogram's (quads are Plotly bars of a width, at a base).
 */
const barLengths = (page: Page, name: string) =>
  page.evaluate((figure) => {
    type Bar = { type: string; y: ArrayLike<number>; width: ArrayLike<number> };
    const graph = document.querySelector<Element & { data?: Bar[] }>(`[data-aperture-name="${figure}"]`);
    return (graph?.data ?? []).filter((t) => t.type === "bar").map((t) => Array.from(figure === "yhist" ? t.width : t.y).map(Number));
  }, name);

/** The scatter source's selected rows as the page's document holds them. */
const selectedRows = (page: Page) =>
  page.evaluate(() => {
    type State = { models: Record<string, { type: string; name?: string; attrs: Record<string, unknown> }> };
    const { models } = (window as unknown as { Aperture: { documents: { state: State }[] } }).Aperture.documents[0]!.state;
    const figure = Object.values(models).find((m) => m.name === "scatter")!;
    const renderer = models[(figure.attrs.renderers as { ref: string }[])[0]!.ref]!;
    return models[(renderer.attrs.source as { ref: string }).ref]!.attrs.selected as number[];
  });

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);

test("the page draws the scatter with axis-less edges, and histograms of all points with empty selection bars", async ({ page }) => {
  await open(page);
  for (const name of ["xhist", "yhist"]) {
    await expect.poll(async () => (await barLengths(page, name)).map(sum)).toEqual([POINTS, 0, 0]);
  }
  const axes = await page.evaluate(() => {
    type Layout = { xaxis: { visible: boolean }; yaxis: { visible: boolean; side: string } };
    const layout = (name: string) =>
      document.querySelector<Element & { _fullLayout: Layout }>(`[data-aperture-name="${name}"]`)!._fullLayout;
    return { scatter: [layout("scatter").xaxis.visible, layout("scatter").yaxis.visible], xhist: layout("xhist").yaxis.side };
  });
  expect(axes).toEqual({ scatter: [false, false], xhist: "right" });
});

test("a box select splits both histograms into the selected points' counts and the others' below the axis", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await barLengths(page, "xhist")).length).toBe(3);
  const area = (await page.locator('[data-aperture-name="scatter"] .nsewdrag').first().boundingBox())!;
  await page.locator('[data-aperture-name="scatter"] .modebar-btn[data-title="Box Select"]').click();
  await page.mouse.move(area.x + area.width * 0.2, area.y + area.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.6, area.y + area.height * 0.7, { steps: 6 });
  await page.mouse.up();

  await expect.poll(async () => (await selectedRows(page)).length).toBeGreaterThan(0);
  const chosen = (await selectedRows(page)).length;
  expect(chosen).toBeLessThan(POINTS);
  for (const name of ["xhist", "yhist"]) {
    await expect.poll(async () => (await barLengths(page, name)).map(sum)).toEqual([POINTS, chosen, -(POINTS - chosen)]);
    // Bin by bin, the selected and the other counts add up to the whole histogram.
    const [all, selected, others] = await barLengths(page, name);
    expect(all!.map((count, i) => selected![i]! - others![i]!)).toEqual(all);
  }
});
