/**
 * Bokeh's page template in Chromium: the page is the app's template filled with the session
 * the page request made (title, template variables, each named root in its slot), and the
 * page's socket works in that very session.
 */
import { loadApps, serve, silentLogger, type ApertureServer } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeEach(async () => {
  server = await serveExamples(["test/fixtures/apps/templated.ts"]);
});
test.afterEach(async () => {
  await server.close();
});

test("the template shows the handler's title and variables, escaped unless marked safe", async ({ page, pageErrors }) => {
  await page.goto(`${server.appUrls.templated}?station=Nantucket`);
  await expect(page).toHaveTitle("Tide gauges");
  await expect(page.locator("#heading")).toHaveText("Tide gauges");
  await expect(page.locator("#station")).toHaveText("Nantucket");
  await expect(page.locator("#station")).toHaveAttribute("data-station", "Nantucket");
  await expect(page.locator("#note")).toHaveText("<b>provisional</b>");
  await expect(page.locator("#raw b")).toHaveText("provisional");
  await expect(page.locator("#mean")).toHaveText("2.5");
  expect(await page.evaluate(() => (window as unknown as { templateStats: unknown }).templateStats)).toEqual({
    mean: 2.5,
    max: "</script>",
  });
  expect(pageErrors).toEqual([]);
});

test("each named root is in its slot, the others where {{ embed }} stands, and a root added later finds its slot", async ({ page }) => {
  await page.goto(server.appUrls.templated!);
  await expect(page.locator("#rest .aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect(page.locator('#side [data-aperture-name="depth"]')).toBeVisible();
  await expect(page.locator('#main [data-aperture-name="readout"]')).toHaveText("depth 3");
  await expect(page.locator('#rest [data-aperture-name="more"]')).toBeVisible();
  await expect(page.locator("#late")).toBeEmpty();
  await page.locator('[data-aperture-name="more"]').click();
  await expect(page.locator('#late [data-aperture-name="late"]')).toHaveText("added later");
  await expect(page.locator('#rest [data-aperture-name="late"]')).toHaveCount(0);
});

test("the page's socket works in the session its request made, and doc.title stays the page's live title", async ({ page }) => {
  await page.goto(server.appUrls.templated!);
  await expect(page.locator("#rest .aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const [only] = await clientDocs(page);
  expect(server.runtime.sessions.all().map((session) => session.id)).toEqual([only!.sessionId]);
  const slider = page.locator('[data-aperture-name="depth"] input[type="range"]');
  await slider.focus();
  await slider.press("ArrowRight");
  await expect(page.locator('[data-aperture-name="readout"]')).toHaveText("depth 4");
  await expect(page).toHaveTitle("Tide gauges at 4 m");
  // Filled once, as Bokeh's: the heading keeps the title the page was made with.
  await expect(page.locator("#heading")).toHaveText("Tide gauges");
});

test("a template without {{ embed }} shows only the roots it names, as Bokeh's", async ({ page }) => {
  const [app] = await loadApps(["test/fixtures/apps/templated.ts"]);
  const named = await serve({
    apps: [{ ...app!, name: "named", template: `<html><body><div id="only">{{ embed(roots.readout) }}</div></body></html>` }],
    port: 0,
    logger: silentLogger(),
  });
  try {
    await page.goto(named.appUrls.named!);
    await expect(page.locator("[data-sync-status]")).toHaveAttribute("data-sync-status", "synced");
    await expect(page.locator('#only [data-aperture-name="readout"]')).toHaveText("depth 3");
    await expect(page.locator('[data-aperture-name="depth"], [data-aperture-name="more"]')).toHaveCount(0);
  } finally {
    await named.close();
  }
});
