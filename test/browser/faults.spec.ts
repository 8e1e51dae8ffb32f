import type { Browser, Page } from "@playwright/test";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startCli, workerPid, type CliServer } from "../helpers/start-cli.ts";
import { expect, test } from "./fixtures.ts";
import { addDam, openInventory, sessionIdOf } from "./inventory.ts";

let redis: RedisServer;
let cli: CliServer;

test.beforeEach(async () => {
  redis = await startRedis();
  cli = await startCli(["examples/notifications", "--num-procs", "2", "--redis", redis.url], { APERTURE_SECRET_KEY: "fault-test" });
});

test.afterEach(async () => {
  await cli?.stop();
  await redis?.stop();
});

/** One page on each of the two workers. */
async function pagesOnBothWorkers(browser: Browser): Promise<Record<string, Page>> {
  const byWorker: Record<string, Page> = {};
  for (let tries = 0; tries < 6 && Object.keys(byWorker).length < 2; tries++) {
    const { page, worker } = await openInventory(browser, `${cli.url}/notifications`);
    if (byWorker[worker]) await page.close();
    else byWorker[worker] = page;
  }
  expect(Object.keys(byWorker).sort()).toEqual(["w0", "w1"]);
  return byWorker;
}

test("a worker killed while pages are open: the survivor's page keeps working, the other gets a fresh session", async ({ browser }) => {
  const pages = await pagesOnBothWorkers(browser);
  const survivor = pages.w0!;
  const orphan = pages.w1!;
  const lostId = await sessionIdOf(orphan);

  process.kill(workerPid(cli.process.pid!, 1), "SIGKILL");
  await expect(orphan.locator(".aperture-info")).toContainText("started a new session");
  await expect(orphan.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  expect(await sessionIdOf(orphan)).not.toBe(lostId);
  await expect(survivor.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");

  await addDam(survivor, "Kariba");
  await expect(orphan.locator('[data-aperture-name="notice"]')).toContainText("A new item has been added: Kariba");
  await expect(survivor.locator('[data-aperture-name="list"]')).toContainText("Kariba");
});

test("redis-server killed and restarted: the layer reconnects and group messages flow again", async ({ browser }) => {
  const pages = await pagesOnBothWorkers(browser);
  await addDam(pages.w0!, "Aswan");
  await expect(pages.w1!.locator('[data-aperture-name="notice"]')).toContainText("Aswan");

  await redis.restart();
  // Posting while the layer reconnects may fail; the page shows the reason. Retry until it goes through.
  await expect(async () => {
    await addDam(pages.w0!, "Tarbela");
    await expect(pages.w1!.locator('[data-aperture-name="notice"]')).toContainText("Tarbela", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await addDam(pages.w1!, "Xiluodu");
  await expect(pages.w0!.locator('[data-aperture-name="notice"]')).toContainText("Xiluodu");
});
