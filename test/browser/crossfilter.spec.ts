import type { Page } from "@playwright/test";
import { makeCars } from "../../examples/crossfilter/data.ts";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";
import { graphState } from "./figure-helpers.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/crossfilter"]);
});
test.afterAll(() => server.close());

const cars = makeCars(300);

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1300, height: 1000 });
  await page.goto(server.appUrls.crossfilter!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(async () => (await graphState(page, "scatter")).lengths).toEqual([300]);
}

/** Bar heights of the "by origin" plot, as its graph div holds them. */
function barHeights(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const root = document.querySelector<Element & { data?: { y: ArrayLike<number> }[] }>('[data-aperture-name="by-origin"]');
    return Array.from(root?.data?.[0]?.y ?? []);
  });
}

/** The data ranges of a pixel box in the scatter, read off Plotly's axes. */
function dataBox(page: Page, box: { x0: number; y0: number; x1: number; y1: number }) {
  return page.evaluate((b) => {
    type Axis = { p2d(px: number): number; _offset: number };
    const gd = document.querySelector('[data-aperture-name="scatter"]') as Element & { _fullLayout: { xaxis: Axis; yaxis: Axis } };
    const rect = gd.getBoundingClientRect();
    const { xaxis, yaxis } = gd._fullLayout;
    const x = [b.x0, b.x1].map((px) => xaxis.p2d(px - rect.left - xaxis._offset));
    const y = [b.y0, b.y1].map((px) => yaxis.p2d(px - rect.top - yaxis._offset));
    return { x: [Math.min(...x), Math.max(...x)], y: [Math.min(...y), Math.max(...y)] };
  }, box);
}

test("a box select in the scatter recounts the cars by origin and summarizes them on the server", async ({ page }) => {
  await open(page);
  await expect(page.locator('[data-aperture-name="summary"]')).toContainText("All 300 cars");
  expect(await barHeights(page)).toEqual([100, 100, 100]);

  // Drag a box over the middle of the plot area in Plotly's select mode (the figure's activeDrag).
  const area = await page.locator('[data-aperture-name="scatter"] .nsewdrag').first().boundingBox();
  const box = {
    x0: area!.x + area!.width * 0.3,
    y0: area!.y + area!.height * 0.2,
    x1: area!.x + area!.width * 0.7,
    y1: area!.y + area!.height * 0.8,
  };
  // The box in data units as the axes are when the drag starts (a redraw after the selection may rescale them).
  const { x, y } = await dataBox(page, box);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2, { steps: 5 });
  await page.mouse.move(box.x1, box.y1, { steps: 5 });
  await page.mouse.up();

  // The cars inside the box, computed here from the same data.
  const inside = Array.from(cars.hp.keys()).filter(
    (i) => cars.hp[i]! >= x[0]! && cars.hp[i]! <= x[1]! && cars.mpg[i]! >= y[0]! && cars.mpg[i]! <= y[1]!,
  );
  expect(inside.length).toBeGreaterThan(10);
  expect(inside.length).toBeLessThan(300);
  const byOrigin = ["US", "Europe", "Asia"].map((origin) => inside.filter((i) => cars.origin[i] === origin).length);

  await expect(page.locator('[data-aperture-name="summary"]')).toContainText(`${inside.length} of 300 cars selected`);
  await expect.poll(() => barHeights(page)).toEqual(byOrigin);
  await expect.poll(async () => (await graphState(page, "scatter")).selected[0]).toEqual(inside);
  // The table highlights the same rows (of those it draws: it draws only the rows in view).
  const drawn = async () =>
    page
      .locator('[data-aperture-name="table"] tbody tr[data-index]')
      .evaluateAll((rows) => rows.map((row) => [Number((row as HTMLElement).dataset.index), row.getAttribute("aria-selected") === "true"]));
  await expect.poll(async () => (await drawn()).filter(([, selected]) => selected).length).toBeGreaterThan(0);
  const rows = await drawn();
  expect(rows.length).toBeGreaterThan(5);
  expect(rows).toEqual(rows.map(([index]) => [index, inside.includes(index as number)]));
});

test("a click on a DataTable row selects that car in the plot", async ({ page }) => {
  await open(page);
  const row = page.locator('[data-aperture-name="table"] tbody tr[data-index="7"]');
  await row.click();
  await expect(row).toHaveAttribute("aria-selected", "true");
  await expect.poll(async () => (await graphState(page, "scatter")).selected[0]).toEqual([7]);
  await expect(page.locator('[data-aperture-name="summary"]')).toContainText("1 of 300 cars selected");
  const origin = cars.origin[7]!;
  await expect.poll(() => barHeights(page)).toEqual(["US", "Europe", "Asia"].map((o) => (o === origin ? 1 : 0)));
});

test("sorting the table by a column keeps row clicks on the right car", async ({ page }) => {
  await open(page);
  await page.locator('[data-aperture-name="table"] th', { hasText: "Horsepower" }).click();
  const weakest = Array.from(cars.hp.keys()).sort((a, b) => cars.hp[a]! - cars.hp[b]! || a - b)[0]!;
  const first = page.locator('[data-aperture-name="table"] tbody tr').first();
  await expect(first).toHaveAttribute("data-index", String(weakest));
  await first.click();
  await expect.poll(async () => (await graphState(page, "scatter")).selected[0]).toEqual([weakest]);
});

test("a click on a point sends a tap event and the server shows that car", async ({ page }) => {
  await open(page);
  const target = 42;
  const point = await page.evaluate((index) => {
    type Axis = { d2p(v: number): number; _offset: number };
    const gd = document.querySelector('[data-aperture-name="scatter"]') as Element & {
      _fullLayout: { xaxis: Axis; yaxis: Axis };
      data: { x: ArrayLike<number>; y: ArrayLike<number> }[];
    };
    const rect = gd.getBoundingClientRect();
    const { xaxis, yaxis } = gd._fullLayout;
    return {
      x: rect.left + xaxis._offset + xaxis.d2p(gd.data[0]!.x[index]!),
      y: rect.top + yaxis._offset + yaxis.d2p(gd.data[0]!.y[index]!),
    };
  }, target);
  await page.mouse.move(point.x, point.y);
  await page.mouse.click(point.x, point.y);
  // Points may overlap: the server names the car whose row the page sent, which sits at this spot.
  const details = page.locator('[data-aperture-name="details"] strong');
  await expect(details).toHaveText(/\w+ \d+/);
  const name = (await details.textContent())!;
  const index = cars.name.indexOf(name);
  expect(Math.abs(cars.hp[index]! - cars.hp[target]!)).toBeLessThanOrEqual(2);
  expect(Math.abs(cars.mpg[index]! - cars.mpg[target]!)).toBeLessThanOrEqual(1);
});
