import type { Page } from "@playwright/test";
import type { ApertureServer, Figure } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";
import { graphState } from "./figure-helpers.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/models"]);
});
test.afterAll(() => server.close());

const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1300, height: 1000 });
  await page.goto(server.appUrls.models!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

function layoutOf(page: Page, name: string): Promise<{ yType: string; traces: { type: string; y: unknown[] }[] }> {
  return page.evaluate((figure) => {
    // Not drawn yet (plotly still loading): no layout, no traces; the callers poll.
    const gd = document.querySelector(`[data-aperture-name="${figure}"]`) as Element & {
      layout?: { yaxis: { type: string } };
      data?: { type: string; y: ArrayLike<unknown> }[];
    };
    return { yType: gd.layout?.yaxis.type ?? "", traces: (gd.data ?? []).map((trace) => ({ type: trace.type, y: Array.from(trace.y) })) };
  }, name);
}

test("every model's element carries its name, and each glyph is drawn", async ({ page }) => {
  await open(page);
  for (const name of ["intro", "shown", "plots", "bars", "totals", "area", "image", "scale", "fruits", "day", "weekday", "note", "echo"]) {
    await expect(named(page, name)).toHaveCount(1);
  }
  await expect.poll(async () => (await layoutOf(page, "image")).traces.map((t) => t.type)).toEqual(["heatmap"]);
  await expect.poll(async () => (await layoutOf(page, "bars")).traces.map((t) => t.type)).toEqual(["bar", "scatter"]);
  expect((await graphState(page, "totals")).lengths).toEqual([6]);
});

test("a tooltip names the hovered bar from its source's columns", async ({ page }) => {
  await open(page);
  // Drawn once plotly and its bar chunk are in (after the document is).
  await expect(named(page, "bars").locator(".barlayer .point").first()).toBeVisible();
  const point = await page.evaluate(() => {
    type Axis = { d2p(v: unknown): number; _offset: number };
    const gd = document.querySelector('[data-aperture-name="bars"]') as Element & { _fullLayout: { xaxis: Axis; yaxis: Axis } };
    const rect = gd.getBoundingClientRect();
    return {
      x: rect.left + gd._fullLayout.xaxis._offset + gd._fullLayout.xaxis.d2p("Plums"),
      y: rect.top + gd._fullLayout.yaxis._offset + gd._fullLayout.yaxis.d2p(1),
    };
  });
  await page.mouse.move(point.x, point.y);
  await expect(named(page, "bars").locator(".hoverlayer")).toContainText("fruit: Plums");
  await expect(named(page, "bars").locator(".hoverlayer")).toContainText("2016: 2.00 t");
});

test("tabs switch panels and tell the server; the radio group sets an axis to log", async ({ page }) => {
  await open(page);
  await named(page, "scale").getByLabel("log").check();
  await expect.poll(async () => (await layoutOf(page, "area")).yType).toBe("log");

  await page.getByRole("tab", { name: "Inputs" }).click();
  await expect(named(page, "shown")).toHaveText("Showing Inputs");
  await expect(named(page, "fruits")).toBeVisible();
  await expect(named(page, "plots")).toBeHidden();
  await page.getByRole("tab", { name: "Glyphs" }).click();
  await expect(named(page, "shown")).toHaveText("Showing Glyphs");
  await expect(named(page, "plots")).toBeVisible();
});

test("the multi-select and the date picker run their server callbacks", async ({ page }) => {
  await open(page);
  await page.getByRole("tab", { name: "Inputs" }).click();
  await named(page, "fruits").locator("select").selectOption(["Pears", "Plums"]);
  await expect.poll(async () => (await layoutOf(page, "totals")).traces[0]?.y).toEqual(["Pears", "Plums"]);

  await named(page, "day").locator("input").fill("2024-12-25");
  await named(page, "day").locator("input").dispatchEvent("change");
  await expect(named(page, "weekday")).toHaveText("2024-12-25 is a Wednesday.");
});

test("Markdown shows what a person typed, without running any HTML in it", async ({ page, pageErrors }) => {
  await open(page);
  await page.evaluate(() => ((window as unknown as { hacked: boolean }).hacked = false));
  await page.getByRole("tab", { name: "Inputs" }).click();
  const input = named(page, "note").locator("input");
  await input.fill(
    '**bold** <img src=x onerror="window.hacked=true"> [x](javascript:window.hacked=true) <script>window.hacked=true</script>',
  );
  await input.press("Enter");
  const echo = named(page, "echo");
  await expect(echo.locator("strong")).toHaveText("bold");
  await expect(echo).toContainText("<img src=x");
  await expect(echo.locator("img, script, a")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { hacked: boolean }).hacked)).toBe(false);
  expect(pageErrors).toEqual([]);
});

test("a drag-zoom on a plot writes its ranges to the server's figure", async ({ page }) => {
  await open(page);
  const area = await named(page, "area").locator(".nsewdrag").first().boundingBox();
  const from = { x: area!.x + area!.width * 0.25, y: area!.y + area!.height * 0.2 };
  const to = { x: area!.x + area!.width * 0.6, y: area!.y + area!.height * 0.7 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();

  // This page's own session (earlier tests' sessions may still be alive).
  const sessionId = (await clientDocs(page))[0]?.sessionId;
  const session = server.runtime.sessions.get(sessionId!);
  const figureRanges = () => {
    const figure = session!.doc.getModelByName("area") as Figure;
    const ends = (range: Figure["xRange"]): [number, number] | null =>
      range.start === null || range.end === null ? null : [range.start, range.end];
    return { x: ends(figure.xRange), y: ends(figure.yRange) };
  };
  // The x data run 0..59: a box over its middle third or so zooms to about 15..35.
  await expect.poll(() => figureRanges().x).not.toBeNull();
  const { x, y } = figureRanges();
  expect(x![0]).toBeGreaterThan(5);
  expect(x![1]).toBeLessThan(50);
  expect(x![0]).toBeLessThan(x![1]);
  expect(y![0]).toBeLessThan(y![1]);

  // A double click resets the zoom: the ranges go back to automatic (null).
  await page.mouse.dblclick((from.x + to.x) / 2, (from.y + to.y) / 2);
  await expect.poll(() => figureRanges().x).toBeNull();
});
