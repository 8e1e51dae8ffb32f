import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/widgets", "test/fixtures/apps/big-table.ts"]);
});
test.afterAll(() => server.close());

const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);
const cell = (page: Page, table: string, row: number, field: string) =>
  named(page, table).locator(`tbody tr[data-index="${row}"] td[data-field="${field}"]`).first();

async function open(page: Page, app: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto(server.appUrls[app]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

/** Double-clicks a cell of the cars table, types `text` and presses Enter. */
async function typeInto(page: Page, row: number, field: string, text: string): Promise<void> {
  await cell(page, "cars", row, field).dblclick();
  const input = cell(page, "cars", row, field).locator("input");
  await input.fill(text);
  await input.press("Enter");
}

/** The server's log line for the cars table: its columns as the source's data callback saw them. */
const serverColumn = async (page: Page, field: string): Promise<unknown[]> => {
  const line = (await named(page, "log").textContent())?.split("\n").find((text) => text.startsWith("cars: "));
  return line === undefined ? [] : (JSON.parse(line.slice("cars: ".length)) as Record<string, unknown[]>)[field]!;
};

test("an edited table cell reaches the server, which holds it and runs the source's callback", async ({ page }) => {
  await open(page, "widgets");
  await typeInto(page, 1, "mpg", "31.5");
  await expect.poll(() => serverColumn(page, "mpg")).toEqual([35.1, 31.5, 132, 21.4]);
  await expect(cell(page, "cars", 1, "mpg")).toHaveText("31.5");
  await typeInto(page, 0, "name", "Accord");
  await expect.poll(() => serverColumn(page, "name")).toEqual(["Accord", "Golf", "Model 3", "Mustang"]);
  // The template column of the same field shows the server's value too.
  await expect(named(page, "cars").locator('tbody tr[data-index="0"] td a')).toHaveText("Accord ↗");
});

test("a refused edit shows the server's reason and the cell keeps the server's value", async ({ page }) => {
  await open(page, "widgets");
  await typeInto(page, 0, "cylinders", "4.5");
  await expect(page.locator(".aperture-error")).toContainText('cell "cylinders" of row 0: expected a whole number, got 4.5');
  await expect(cell(page, "cars", 0, "cylinders")).toHaveText("4");
  await typeInto(page, 2, "mpg", "fast");
  await expect(page.locator(".aperture-error").last()).toContainText('cell "mpg" of row 2: expected a number, got "fast"');
  await expect(cell(page, "cars", 2, "mpg")).toHaveText("132.0");
});

test("select, checkbox and date editors write the cell's kind of value", async ({ page }) => {
  await open(page, "widgets");
  await cell(page, "cars", 3, "origin").dblclick();
  await cell(page, "cars", 3, "origin").locator("select").selectOption("Japan");
  await expect.poll(() => serverColumn(page, "origin")).toEqual(["Japan", "Europe", "US", "Japan"]);
  await cell(page, "cars", 0, "electric").dblclick();
  await cell(page, "cars", 0, "electric").locator("input").click();
  await expect.poll(() => serverColumn(page, "electric")).toEqual([true, false, true, false]);
  await typeInto(page, 0, "built", "2024-05-31");
  await expect.poll(async () => (await serverColumn(page, "built"))[0]).toBe(Date.UTC(2024, 4, 31));
  await expect(cell(page, "cars", 0, "built")).toHaveText("31 May 2024");
});

test("an HTML template cell shows markup from the template and typed markup as text, running no script", async ({ page }) => {
  await open(page, "widgets");
  const link = named(page, "cars").locator('tbody tr[data-index="1"] td a');
  await expect(link).toHaveAttribute("href", "https://duckduckgo.com/?q=Golf");
  await typeInto(page, 1, "name", '<img src=x onerror="window.hacked=1">');
  await expect(link).toHaveText('<img src=x onerror="window.hacked=1"> ↗');
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();
  await expect(named(page, "cars").locator("img")).toHaveCount(0);
});

test("row checkboxes write the source's selection", async ({ page }) => {
  await open(page, "widgets");
  await named(page, "cars").locator('tbody tr[data-index="2"] .aperture-row-select').check();
  await expect(named(page, "log")).toContainText("cars-selected: [2]");
  await named(page, "cars").locator('tbody tr[data-index="0"] .aperture-row-select').check();
  await expect(named(page, "log")).toContainText("cars-selected: [0,2]");
  await expect(named(page, "cars").locator('tr[aria-selected="true"]')).toHaveCount(2);
});

test("a 100,000-row table holds only a window of rows in the DOM, scrolls to any row and selects", async ({ page }) => {
  await open(page, "big-table");
  const table = named(page, "big");
  await expect(table).toHaveAttribute("data-rows", "100000");
  const drawn = table.locator("tbody tr[data-index]");
  await expect(cell(page, "big", 0, "label")).toHaveText("row 0");
  expect(await drawn.count()).toBeLessThan(60);

  await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(cell(page, "big", 50_000, "label")).toBeInViewport();
  expect(await drawn.count()).toBeLessThan(60);
  await expect(cell(page, "big", 0, "label")).toHaveCount(0);

  await table.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(cell(page, "big", 99_999, "value")).toHaveText(String((99_999 * 7919) % 1000) + ".0");
  await table.locator('tbody tr[data-index="99999"] .aperture-row-select').check();
  await expect(named(page, "said")).toHaveText("1 selected: 99999");
  await table.locator(".aperture-select-all").check();
  await expect(named(page, "said")).toHaveText("100000 selected");
  await expect(table.locator('tbody tr[data-index="99999"]')).toHaveAttribute("aria-selected", "true");
});
