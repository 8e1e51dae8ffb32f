import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/layouts", "examples/linked", "examples/crossfilter", "examples/sliders"]);
});
test.afterAll(() => server.close());

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * What makes a plot of the page unreadable: a plot on top of another, an axis title or tick
 * label outside the window or on top of another label of its axis, a plot area crushed below 150 × 80 px, a page wider
 * than the window. Empty once every plot is readable (each figure must have its ticks drawn).
 */
function unreadable(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxOf = (el: Element): Box => el.getBoundingClientRect();
    const overlap = (a: Box, b: Box) =>
      Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;
    const problems: string[] = [];
    const viewport = window.innerWidth;
    if (document.documentElement.scrollWidth > viewport) problems.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    const figures = [...document.querySelectorAll<HTMLElement>(".aperture-figure")];
    figures.forEach((figure, i) => {
      const other = figures.findIndex((next, j) => j > i && overlap(boxOf(figure), boxOf(next)));
      if (other >= 0) problems.push(`${figure.dataset.apertureName}: overlaps ${figures[other]!.dataset.apertureName}`);
    });
    for (const figure of figures) {
      const name = figure.dataset.apertureName ?? "?";
      const area = figure.querySelector(".nsewdrag");
      if (area === null) {
        problems.push(`${name}: not drawn`);
        continue;
      }
      const plot = boxOf(area);
      if (plot.width < 150 || plot.height < 80) problems.push(`${name}: plot area ${plot.width} × ${plot.height} px`);
      for (const axis of ["x", "y"]) {
        const ticks = [...figure.querySelectorAll(`.${axis}tick text`)].filter((tick) => tick.textContent !== "");
        if (ticks.length < 2) problems.push(`${name}: ${ticks.length} ${axis} tick labels`);
        const title = figure.querySelector(`.${axis}title`);
        const labels = [...ticks, ...(title !== null && title.textContent !== "" ? [title] : [])];
        const boxes = labels.map(boxOf);
        labels.forEach((label, i) => {
          const box = boxes[i]!;
          if (box.x < 0 || box.x + box.width > viewport || box.y + window.scrollY < 0)
            problems.push(`${name}: "${label.textContent}" at x ${Math.round(box.x)}–${Math.round(box.x + box.width)}`);
          const hit = boxes.findIndex((other, j) => j > i && overlap(box, other));
          if (hit >= 0) problems.push(`${name}: "${label.textContent}" overlaps "${labels[hit]!.textContent}"`);
        });
      }
    }
    return problems;
  });
}

/** The figure's element and the size Plotly drew it at. */
function drawnSize(page: Page, name: string): Promise<{ box: Box; plotly: { width: number; height: number } }> {
  return page.evaluate((figure) => {
    const el = document.querySelector<HTMLElement & { _fullLayout?: { width: number; height: number } }>(
      `[data-aperture-name="${figure}"]`,
    )!;
    const { x, y, width, height } = el.getBoundingClientRect();
    return { box: { x, y, width, height }, plotly: { width: el._fullLayout?.width ?? 0, height: el._fullLayout?.height ?? 0 } };
  }, name);
}

async function open(page: Page, app: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(server.appUrls[app]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

for (const app of ["layouts", "linked", "crossfilter", "sliders"]) {
  test(`at a 640 px window every plot of ${app} has its axis titles and tick labels inside the window and apart`, async ({ page }) => {
    await open(page, app, 640);
    await expect.poll(() => unreadable(page), { timeout: 30_000 }).toEqual([]);
  });
}

test("every plot of the layouts example has both axis titles, so the 640 px check reads them", async ({ page }) => {
  await open(page, "layouts", 640);
  const figures = page.locator(".aperture-figure");
  await expect(figures).toHaveCount(9);
  for (const figure of await figures.all()) {
    await expect(figure.locator(".xtitle")).not.toHaveText("");
    await expect(figure.locator(".ytitle")).not.toHaveText("");
  }
});

test("gridplot shows its two columns on a wide window and one on a narrow window", async ({ page }) => {
  await open(page, "layouts", 1300);
  const side = async () => {
    const [a, b] = [await drawnSize(page, "small-0"), await drawnSize(page, "small-1")];
    return { sameRow: Math.abs(a.box.y - b.box.y) < 1, sameColumn: Math.abs(a.box.x - b.box.x) < 1 };
  };
  await expect.poll(side).toEqual({ sameRow: true, sameColumn: false });
  await page.setViewportSize({ width: 640, height: 900 });
  await expect.poll(side).toEqual({ sameRow: false, sameColumn: true });
});

test("the row of controls and plot wraps the plot below the controls on a narrow window", async ({ page }) => {
  await open(page, "layouts", 1300);
  const controls = page.locator('[data-aperture-name="frequency"]');
  const below = async () => (await drawnSize(page, "main")).box.y >= ((await controls.boundingBox())?.y ?? Infinity);
  await expect.poll(below).toBe(false);
  await page.setViewportSize({ width: 420, height: 900 });
  await expect.poll(below).toBe(true);
  await expect.poll(async () => (await drawnSize(page, "main")).box.width).toBeGreaterThanOrEqual(300);
});

test("a scale_width plot keeps its aspect ratio as the window narrows, and plotly draws it at its new size", async ({ page }) => {
  await open(page, "layouts", 1300);
  const shape = async () => {
    const { box, plotly } = await drawnSize(page, "wide");
    const drawnAsShown = Math.abs(plotly.width - box.width) < 1 && Math.abs(plotly.height - box.height) < 1;
    return { ratio: Math.round((box.width / box.height) * 100) / 100, drawnAsShown };
  };
  for (const width of [1300, 640]) {
    await page.setViewportSize({ width, height: 900 });
    await expect.poll(shape).toEqual({ ratio: 3, drawnAsShown: true });
  }
  expect((await drawnSize(page, "wide")).box.width).toBeLessThan(640);
});

test("a fixed plot keeps its width on a wide window and shrinks to a narrower one", async ({ page }) => {
  await open(page, "layouts", 1300);
  await expect.poll(async () => (await drawnSize(page, "fixed")).plotly).toEqual({ width: 800, height: 300 });
  await page.setViewportSize({ width: 640, height: 900 });
  await expect
    .poll(async () => {
      const { box, plotly } = await drawnSize(page, "fixed");
      return box.x + box.width <= 640 && Math.abs(plotly.width - box.width) < 1 && plotly.height === 300;
    })
    .toBe(true);
});

test("in a row of fixed height a scale_height plot is as tall as the row and as wide as its ratio, and stretch_both fills the rest", async ({
  page,
}) => {
  await open(page, "layouts", 1300);
  const row = page.locator('[data-aperture-name="tall-row"]');
  const boxes = async () => {
    const [square, rest, line] = [await drawnSize(page, "square"), await drawnSize(page, "rest"), (await row.boundingBox())!];
    return {
      square: [Math.round(square.box.width), Math.round(square.box.height)],
      restHeight: Math.round(rest.box.height),
      restFillsTheLine: Math.abs(rest.box.x + rest.box.width - (line.x + line.width)) < 1,
      drawnAsShown: Math.abs(square.plotly.width - square.box.width) < 1 && Math.abs(rest.plotly.height - rest.box.height) < 1,
    };
  };
  await expect.poll(boxes).toEqual({ square: [360, 360], restHeight: 360, restFillsTheLine: true, drawnAsShown: true });
});
