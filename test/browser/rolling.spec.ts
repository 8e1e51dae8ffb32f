import { rollingMean, seaSurfaceTemperature } from "../../examples/rolling/data.ts";
import type { ApertureServer } from "../../server/index.ts";
import { expect, plotTraces, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/rolling"]);
});
test.afterAll(() => server.close());

/** The smoothed trace's y values as the page's Plotly graph div holds them. */
async function smoothedTrace(page: import("@playwright/test").Page): Promise<number[]> {
  return (await plotTraces(page, "plot"))[1]?.y ?? [];
}

test("arrow keys on the slider redraw the smoothed line with the server's rolling mean", async ({ page, pageErrors }) => {
  await page.goto(server.appUrls.rolling!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const sst = seaSurfaceTemperature(10_000);
  await expect.poll(() => smoothedTrace(page)).toHaveLength(10_000);
  expect((await smoothedTrace(page)).slice(0, 5)).toEqual(Array.from(sst.temperature.slice(0, 5)));

  const slider = page.locator('[data-aperture-name="window"] input[type="range"]');
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue("3");

  const expected = Array.from(rollingMean(sst.time, sst.temperature, 3));
  await expect
    .poll(async () => {
      const y = await smoothedTrace(page);
      return y.length === expected.length && y.every((v, i) => Math.abs(v - expected[i]!) < 1e-9);
    })
    .toBe(true);
  expect(pageErrors).toEqual([]);
});

test("a second page gets its own session", async ({ browser }) => {
  const first = await browser.newPage();
  const second = await browser.newPage();
  for (const page of [first, second]) {
    await page.goto(server.appUrls.rolling!);
    await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  }
  const ids = await Promise.all(
    [first, second].map((page) =>
      page.evaluate(() => (window as unknown as { Aperture: { documents: { sessionId: string }[] } }).Aperture.documents[0]!.sessionId),
    ),
  );
  expect(ids[0]).not.toEqual(ids[1]);
  await Promise.all([first.close(), second.close()]);
});

/** The figure's background colours as Plotly drew them. */
const plotColours = (page: import("@playwright/test").Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-aperture-name="plot"]');
    const graph = (root?.classList.contains("js-plotly-plot") ? root : root?.querySelector(".js-plotly-plot")) as
      (Element & { _fullLayout?: { plot_bgcolor: string; paper_bgcolor: string } }) | null;
    return { plot: graph?._fullLayout?.plot_bgcolor, paper: graph?._fullLayout?.paper_bgcolor };
  });

test("a built-in theme set by doc.theme changes the plot's colours live, and back", async ({ page }) => {
  await page.goto(server.appUrls.rolling!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => plotColours(page)).toEqual({ plot: "#ffffff", paper: "#ffffff" });
  await page.locator('[data-aperture-name="theme"] select').selectOption("dark_minimal");
  await expect.poll(() => plotColours(page)).toEqual({ plot: "#20262B", paper: "#15191C" });
  await page.locator('[data-aperture-name="theme"] select').selectOption("default");
  await expect.poll(() => plotColours(page)).toEqual({ plot: "#ffffff", paper: "#ffffff" });
});

test("?theme= names the theme the page opens with", async ({ page }) => {
  await page.goto(`${server.appUrls.rolling!}?theme=night_sky`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => plotColours(page)).toEqual({ plot: "#2C001E", paper: "#15191C" });
});
