import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, plotTraces, serveExamples, test } from "./fixtures.ts";
import { addDam } from "./inventory.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/notifications"]);
});
test.afterAll(() => server.close());

async function openInventory(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

test("adding an item in one page shows the notification, list and plot in the other", async ({ browser, pageErrors }) => {
  const adder = await browser.newPage();
  const watcher = await browser.newPage();
  const errors: Error[] = [];
  for (const page of [adder, watcher]) page.on("pageerror", (error) => errors.push(error));
  await openInventory(adder, server.appUrls.notifications!);
  await openInventory(watcher, server.appUrls.notifications!);
  // The page is the app's template, filled by the handler's doc.title and doc.templateVariables.
  await expect(watcher).toHaveTitle("Dam inventory");
  await expect(watcher.locator("h1")).toHaveText("Dam inventory");
  await expect(watcher.locator("#count")).toHaveText(/^\d+ dams in the inventory when this page opened/);

  await addDam(adder, "Hoover", "221");
  const notice = watcher.locator('[data-aperture-name="notice"]');
  await expect(notice).toContainText("A new item has been added: Hoover");
  await expect(watcher.locator('[data-aperture-name="list"]')).toContainText("Hoover: 221 m");
  await expect.poll(async () => (await plotTraces(watcher, "plot"))[0]?.x).toEqual(["Hoover"]);

  await expect(adder.locator('[data-aperture-name="list"]')).toContainText("Hoover: 221 m");
  await expect(adder.locator('[data-aperture-name="notice"]')).not.toContainText("A new item");

  // A bad item (past the form's own checks) gets the server's reason and changes nothing.
  for (const data of [{ name: "Tiny", height: -3 }, { name: "", height: 10 }, { name: "x".repeat(81), height: 10 }, "not an object"]) {
    const response = await adder.request.post(`${server.appUrls.notifications}/items`, { data });
    expect(response.status()).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/must be|JSON object/);
  }
  const malformed = await adder.request.post(`${server.appUrls.notifications}/items`, {
    data: "{oops",
    headers: { "content-type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  await addDam(adder, "Grand Coulee", "168");
  await expect(watcher.locator('[data-aperture-name="list"] li')).toHaveCount(2);

  // A page opened later starts with the inventory so far.
  const late = await browser.newPage();
  await openInventory(late, server.appUrls.notifications!);
  await expect(late.locator('[data-aperture-name="list"]')).toContainText("Hoover: 221 m");
  expect([...errors, ...pageErrors]).toEqual([]);
  await Promise.all([adder.close(), watcher.close(), late.close()]);
});
