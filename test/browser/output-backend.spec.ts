/** Bokeh's `output_backend="webgl"`: a figure that asks draws its lines with Plotly's scattergl; no other page loads it. */
import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/rolling"]);
});
test.afterAll(() => server.close());

/** The drawn traces' types and point counts, once plotly has drawn the plot. */
function drawnTraces(page: Page): Promise<{ type: unknown; points: number }[]> {
  return page.evaluate(() => {
    const gd = document.querySelector<Element & { data?: { type?: unknown; x?: ArrayLike<unknown> }[] }>(
      '[data-aperture-name="plot"] .js-plotly-plot, [data-aperture-name="plot"].js-plotly-plot',
    );
    return (gd?.data ?? []).map((trace) => ({ type: trace.type, points: trace.x?.length ?? 0 }));
  });
}

const glRequests = (page: Page) => {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (/\/static\/scattergl-[\w-]+\.js$/.test(request.url())) urls.push(request.url());
  });
  return urls;
};

test('a figure with outputBackend: "webgl" draws its lines as WebGL traces, from the WebGL chunk', async ({ page }) => {
  const requested = glRequests(page);
  await page.goto(`${server.appUrls.rolling}?points=1000&backend=webgl`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect
    .poll(() => drawnTraces(page))
    .toEqual([
      { type: "scattergl", points: 1000 },
      { type: "scattergl", points: 1000 },
    ]);
  await expect(page.locator('[data-aperture-name="plot"] canvas.gl-canvas-context')).toHaveCount(1);
  expect(requested).toHaveLength(1);
});

test("a figure without it draws SVG traces and never downloads the WebGL chunk", async ({ page }) => {
  const requested = glRequests(page);
  await page.goto(`${server.appUrls.rolling}?points=1000`);
  await expect
    .poll(() => drawnTraces(page))
    .toEqual([
      { type: "scatter", points: 1000 },
      { type: "scatter", points: 1000 },
    ]);
  expect(requested).toEqual([]);
});
