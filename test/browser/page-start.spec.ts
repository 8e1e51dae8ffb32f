/**
 * How a page starts: widgets and the socket before plotly, plotly only for pages with a
 * figure, and the client's files from the browser's cache on a second visit.
 */
import type { IncomingMessage } from "node:http";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

const PLOTLY = /\/static\/plotly-[\w-]+\.js$/;
const BAR_CHUNK = /\/static\/bar-[\w-]+\.js$/;

const servers: ApertureServer[] = [];
async function serveApp(paths: string[]): Promise<ApertureServer> {
  const server = await serveExamples(paths);
  servers.push(server);
  return server;
}
test.afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

test("the widgets work and the socket is synced before plotly has arrived, and the plot draws once it has", async ({
  page,
  pageErrors,
}) => {
  const server = await serveApp(["examples/rolling"]);
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(PLOTLY, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.appUrls.rolling}?points=1000`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const slider = page.locator('[data-aperture-name="window"] input[type="range"]');
  await slider.focus();
  await slider.press("ArrowRight");
  await expect(page.locator('[data-aperture-name="window"]')).toContainText("1");
  expect(await page.locator(".js-plotly-plot").count()).toBe(0);
  release();
  await expect(page.locator('[data-aperture-name="plot"] .scatterlayer .trace')).toHaveCount(2);
  expect(pageErrors).toEqual([]);
});

test("a page with only widgets loads no plotly", async ({ page }) => {
  const server = await serveApp(["test/fixtures/apps/widgets.ts"]);
  const scripts: string[] = [];
  page.on("request", (request) => scripts.push(request.url()));
  await page.goto(server.appUrls.widgets!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect(page.locator('[data-aperture-name="said"]')).toHaveText("level 3");
  expect(scripts.some((url) => url.includes("/static/aperture-"))).toBe(true);
  expect(scripts.filter((url) => PLOTLY.test(url))).toEqual([]);
  expect(await page.evaluate(() => "Plotly" in window)).toBe(false);
});

test("a second visit takes the client's files from the browser's cache, none from the server", async ({ page }) => {
  const server = await serveApp(["examples/rolling"]);
  const served: string[] = [];
  server.httpServer.on("request", (request: IncomingMessage) => served.push(request.url ?? ""));
  const visit = async () => {
    await page.goto(`${server.appUrls.rolling}?points=1000`);
    await expect(page.locator('[data-aperture-name="plot"] .scatterlayer .trace')).toHaveCount(2);
  };
  await visit();
  expect(served.filter((url) => url.startsWith("/static/"))).toHaveLength(2);
  served.length = 0;
  await visit();
  expect(served.some((url) => url.startsWith("/rolling/autoload.js"))).toBe(true);
  expect(served.filter((url) => url.startsWith("/static/"))).toEqual([]);
});

test("a figure of lines loads no bar chunk, and loads it to draw a bar glyph added later", async ({ page, pageErrors }) => {
  const server = await serveApp(["test/fixtures/apps/late-bars.ts"]);
  const scripts: string[] = [];
  page.on("request", (request) => scripts.push(request.url()));
  await page.goto(server.appUrls["late-bars"]!);
  const plot = page.locator('[data-aperture-name="plot"]');
  await expect(plot.locator(".scatterlayer .trace")).toHaveCount(1);
  expect(scripts.filter((url) => BAR_CHUNK.test(url))).toEqual([]);
  await page.getByRole("button", { name: "Add bars" }).click();
  await expect(plot.locator(".barlayer .point")).toHaveCount(3);
  expect(scripts.filter((url) => BAR_CHUNK.test(url))).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});
