import type { Page } from "@playwright/test";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { expect, test } from "./fixtures.ts";
import { addDam, openInventory } from "./inventory.ts";

let redis: RedisServer;
let cli: CliServer;

test.beforeAll(async () => {
  redis = await startRedis();
  cli = await startCli(["examples/notifications", "--num-procs", "2", "--redis", redis.url], { APERTURE_SECRET_KEY: "test-secret" });
});

test.afterAll(async () => {
  await cli?.stop();
  await redis?.stop();
});

test("two pages on two processes: adding an item in one notifies the other through Redis", async ({ browser }) => {
  const first = await openInventory(browser, `${cli.url}/notifications`);
  // New connections go to the workers in turn; open pages until one lands on the other worker.
  const others: Page[] = [];
  let second = await openInventory(browser, `${cli.url}/notifications`);
  while (second.worker === first.worker && others.length < 4) {
    others.push(second.page);
    second = await openInventory(browser, `${cli.url}/notifications`);
  }
  expect(second.worker).not.toBe(first.worker);

  await addDam(first.page, "Itaipu", "196");
  await expect(second.page.locator('[data-aperture-name="notice"]')).toContainText("A new item has been added: Itaipu");
  await expect(second.page.locator('[data-aperture-name="list"]')).toContainText("Itaipu: 196 m");
  await expect(first.page.locator('[data-aperture-name="list"]')).toContainText("Itaipu: 196 m");

  // Each process's store heard it too: a page opened later on either worker lists it.
  const later = await openInventory(browser, `${cli.url}/notifications`);
  await expect(later.page.locator('[data-aperture-name="list"]')).toContainText("Itaipu: 196 m");
  await Promise.all([first.page, second.page, later.page, ...others].map((page) => page.close()));
});
