/**
 * examples/export-csv behaves as Bokeh's export_csv app: the range slider filters the table on
 * the server, and Download saves the shown rows as data_result.csv, made in the page.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { makeSalaries } from "../../examples/export-csv/data.ts";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/export-csv"]);
});
test.afterAll(() => server.close());

const df = makeSalaries();
const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);
const rowsBetween = (low: number, high: number) =>
  Array.from(df.salary.keys()).filter((i) => df.salary[i]! >= low && df.salary[i]! <= high);

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.goto(server.appUrls["export-csv"]!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

test("the table shows the employees earning 10,000 to 50,000, incomes as $0,0.00, and the slider reads 0,0", async ({ page }) => {
  await open(page);
  const expected = rowsBetween(10_000, 50_000);
  await expect(named(page, "table")).toHaveAttribute("data-rows", String(expected.length));
  const first = expected[0]!;
  const income = `$${df.salary[first]!.toLocaleString("en-US")}.00`;
  await expect(named(page, "table").locator('tbody tr[data-index="0"] td[data-field="salary"]')).toHaveText(income);
  await expect(named(page, "table").locator('tbody tr[data-index="0"] td[data-field="name"]')).toHaveText(df.name[first]!);
  await expect(named(page, "salary")).toContainText("10,000");
  await expect(named(page, "salary")).toContainText("50,000");
});

test("moving the slider's high end refilters the rows on the server", async ({ page }) => {
  await open(page);
  const high = named(page, "salary").locator('input[aria-label="high"]');
  await high.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press("ArrowRight");
  await expect(named(page, "salary")).toContainText("70,000");
  await expect(named(page, "table")).toHaveAttribute("data-rows", String(rowsBetween(10_000, 70_000).length));
});

test("Download saves the shown rows as data_result.csv, made in the page", async ({ page }) => {
  await open(page);
  const expected = rowsBetween(10_000, 50_000);
  await expect(named(page, "table")).toHaveAttribute("data-rows", String(expected.length));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("data_result.csv");
  const lines = readFileSync(await download.path(), "utf8")
    .trimEnd()
    .split("\n");
  expect(lines[0]).toBe("name,salary,yearsExperience");
  expect(lines.slice(1)).toEqual(expected.map((i) => `${df.name[i]},${df.salary[i]},${df.yearsExperience[i]}`));
});
