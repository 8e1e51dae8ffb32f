import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmbedSite } from "../../examples/embed/server.ts";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let aperture: ApertureServer | undefined;
const sites: { url: string; close(): Promise<void> }[] = [];
const apertureUrl = () => aperture!.url;

test.afterAll(async () => {
  await Promise.all(sites.map((site) => site.close()));
  await aperture?.close();
});

test("the embed example renders the rolling app from another origin, live", async ({ page, pageErrors }) => {
  const allowed = await startEmbedSite({ port: 0, apertureUrl });
  const refused = await startEmbedSite({ port: 0, apertureUrl });
  sites.push(allowed, refused);
  aperture = await serveExamples(["examples/rolling"], { allowWebsocketOrigin: [new URL(allowed.url).host] });

  await page.goto(allowed.url);
  await expect(page.locator("h1")).toHaveText("Harbor report");
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect(page.locator('[data-aperture-name="plot"] .js-plotly-plot, [data-aperture-name="plot"].js-plotly-plot')).toBeVisible();
  const slider = page.locator('[data-aperture-name="window"] input[type="range"]');
  await slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.locator('[data-aperture-name="window"]')).toContainText("1");
  await expect.poll(() => aperture!.runtime.sessions.all().map((s) => s.doc.getModelByName("window")!.getAttr("value"))).toEqual([1]);
  // The report asks for Bokeh's light_minimal theme through the embed's arguments.
  const [session] = aperture.runtime.sessions.all();
  expect([session!.doc.getModelByName("theme")!.getAttr("value"), session!.doc.theme === null]).toEqual(["light_minimal", false]);
  expect(pageErrors).toEqual([]);

  // A page of an origin not in allowWebsocketOrigin gets a clear message and no session.
  const sessionsBefore = aperture.runtime.sessions.size;
  const other = await page.context().newPage();
  await other.goto(refused.url);
  await expect(other.locator(".aperture-load-error")).toContainText("may not embed");
  expect(aperture.runtime.sessions.size).toBe(sessionsBefore);
  await other.close();
});

test("two embeds on one page share one client bundle and get a session each", async ({ page, pageErrors }) => {
  // A page of another origin, served from loopback (Chromium refuses loopback scripts to pages it thinks are public).
  const host = createServer((_request, response) => response.end(`<!doctype html><body>${embed}<hr>${embed}</body>`));
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  const server = await serveExamples(["examples/rolling"], { allowWebsocketOrigin: [new URL(hostUrl).host] });
  const embed = `<script src="${server.url}/rolling/autoload.js?points=1000"></script>`;
  const bundleRequests: string[] = [];
  page.on("request", (request) => {
    if (/\/static\/aperture-[\w-]+\.js$/.test(request.url())) bundleRequests.push(request.url());
  });
  await page.goto(hostUrl);
  await expect(page.locator(".aperture-root")).toHaveCount(2);
  for (const root of await page.locator(".aperture-root").all()) await expect(root).toHaveAttribute("data-sync-status", "synced");
  const ids = await page.evaluate(() =>
    (window as unknown as { Aperture: { documents: { sessionId: string }[] } }).Aperture.documents.map((d) => d.sessionId),
  );
  expect(new Set(ids).size).toBe(2);
  expect(bundleRequests).toHaveLength(1);
  expect(server.runtime.sessions.size).toBe(2);
  expect(pageErrors).toEqual([]);
  await server.close();
  await new Promise((resolve) => host.close(resolve));
});
