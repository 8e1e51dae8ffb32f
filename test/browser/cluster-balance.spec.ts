/**
 * `--num-procs 4`: forty sessions made the ways a browser and an API client make them (app
 * pages, embeds in another site's page, POST /<app>/session) spread over the four workers.
 *
 * Chromium, not a hand-written HTTP client: what broke the balance was the browser's own
 * request pattern (a page view is several requests over kept-alive connections), and the
 * real page follows whatever request makes a session today, so the test keeps meaning
 * what it says when that request changes.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserContext } from "@playwright/test";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { clientDocs, expect, test } from "./fixtures.ts";

const PROCS = 4;

let redis: RedisServer;
let cli: CliServer;
let site: Server;
let siteUrl: string;

test.beforeAll(async () => {
  // Another site embedding the app twice per page; the script URL is known once the CLI runs.
  site = createServer((_request, response) => {
    const embed = `<script src="${cli.url}/light/autoload.js"></script>`;
    response.end(`<!doctype html><body>${embed}<hr>${embed}</body>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  redis = await startRedis();
  cli = await startCli(
    ["test/fixtures/apps/light.ts", "--num-procs", String(PROCS), "--redis", redis.url, "--allow-websocket-origin", new URL(siteUrl).host],
    { APERTURE_SECRET_KEY: "balance" },
  );
});

test.afterAll(async () => {
  await cli?.stop();
  await redis?.stop();
  await new Promise((resolve) => site?.close(resolve));
});

const workerOf = (sessionId: string) => sessionId.slice(0, sessionId.indexOf("-"));

/** Opens `url` in a new tab of `context` and resolves with the session ids of its synced documents. */
async function sessionsOfPage(context: BrowserContext, url: string, documents: number): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator('.aperture-root[data-sync-status="synced"]')).toHaveCount(documents);
  return (await clientDocs(page)).map((doc) => doc.sessionId);
}

/** Sessions an API client makes over one kept-alive connection, as `fetch` in Node does. */
async function apiSessions(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${cli.url}/light/session`, { method: "POST", headers: { Origin: cli.url } });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    ids.push(token.split(".")[0]!);
  }
  return ids;
}

test("forty sessions on four processes: every process holds some, none more than twice its share", async ({ browser }) => {
  test.setTimeout(180_000);
  // One context: its tabs share the browser's pool of kept-alive connections, as a person's do.
  const context = await browser.newContext();
  const ids: string[] = [];
  for (let wave = 0; wave < 6; wave++) {
    const pages = await Promise.all(Array.from({ length: 4 }, () => sessionsOfPage(context, `${cli.url}/light`, 1)));
    ids.push(...pages.flat());
  }
  for (let wave = 0; wave < 2; wave++) {
    const embeds = await Promise.all(Array.from({ length: 2 }, () => sessionsOfPage(context, siteUrl, 2)));
    ids.push(...embeds.flat());
  }
  ids.push(...(await apiSessions(8)));

  expect(new Set(ids).size).toBe(40);
  const perWorker = new Map<string, number>();
  for (const id of ids) perWorker.set(workerOf(id), (perWorker.get(workerOf(id)) ?? 0) + 1);
  expect([...perWorker.keys()].sort()).toEqual(["w0", "w1", "w2", "w3"]);
  for (const count of perWorker.values()) expect(count).toBeLessThanOrEqual((2 * 40) / PROCS);
  await context.close();
});
