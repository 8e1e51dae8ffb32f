/** examples/sliders behaves as Bokeh's sliders.py: the sliders reshape the sine, the text box retitles the plot. */
import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, plotTraces, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/sliders"]);
});
test.afterAll(() => server.close());

const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);

async function open(page: Page): Promise<void> {
  await page.goto(server.appUrls.sliders!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** The plot's title and axis ranges as Plotly drew them. */
const drawnLayout = (page: Page) =>
  page.evaluate(() => {
    const graph = document.querySelector<
      Element & { _fullLayout?: { title: { text: string }; xaxis: { range: number[] }; yaxis: { range: number[] } } }
    >('[data-aperture-name="plot"]');
    const layout = graph?._fullLayout;
    return layout ? { title: layout.title.text, x: layout.xaxis.range, y: layout.yaxis.range } : null;
  });

/** Whether the drawn line is `a·sin(k·x + w) + b` at every one of its 200 points. */
async function drawsWave(page: Page, { a, b, w, k }: { a: number; b: number; w: number; k: number }): Promise<boolean> {
  const [line] = await plotTraces(page, "plot");
  if (line?.x.length !== 200) return false;
  return line.x.every((x, i) => Math.abs(a * Math.sin(k * Number(x) + w) + b - line.y[i]!) < 1e-9);
}

async function press(page: Page, slider: string, key: string, times: number): Promise<void> {
  const input = named(page, slider).locator('input[type="range"]');
  await input.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

test("the page opens with Bokeh's sine wave, ranges, title and the document's title", async ({ page }) => {
  await open(page);
  await expect(page).toHaveTitle("Sliders");
  await expect.poll(() => drawnLayout(page)).toEqual({ title: "my sine wave", x: [0, 4 * Math.PI], y: [-2.5, 2.5] });
  await expect.poll(() => drawsWave(page, { a: 1, b: 0, w: 0, k: 1 })).toBe(true);
});

test("each slider reshapes the wave with the server's a·sin(k·x + w) + b of all four values", async ({ page }) => {
  await open(page);
  await press(page, "amplitude", "ArrowRight", 5);
  await expect(named(page, "amplitude").locator('input[type="range"]')).toHaveValue("1.5");
  await press(page, "offset", "ArrowLeft", 3);
  await press(page, "phase", "ArrowRight", 1);
  await press(page, "frequency", "ArrowRight", 10);
  await expect.poll(() => drawsWave(page, { a: 1.5, b: -0.3, w: 1, k: 2 })).toBe(true);
});

test("typing a title into the text box retitles the plot", async ({ page }) => {
  await open(page);
  const input = named(page, "title").locator("input");
  await input.fill("a <b>bold</b> wave");
  await input.press("Enter");
  await expect.poll(async () => (await drawnLayout(page))?.title).toBe("a &lt;b&gt;bold&lt;/b&gt; wave");
  await expect(named(page, "plot").locator(".gtitle")).toHaveText("a <b>bold</b> wave");
});
