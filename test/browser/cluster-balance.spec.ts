/**
 * `--num-procs 4`: forty sessions made the ways a browser and an API client make them (app
 * pages, embeds in another site's page, POST /<app>/session) spread over the four workers.
 *
 * Chromium, not a hand-written HTTP client: what broke the balance was the browser's own
 * request pattern (a page view is several requests over kept-alive connections), and the
 * real page follows whatever request makes a session today, so the test keeps meaning
 * what it says when that request changes.
 */
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startCli, type CliServer } from "../helpers/start-cli.ts";
import { test } from "./fixtures.ts";
import { expectSpread, fortySessions, startEmbeddingSite } from "./session-spread.ts";

const PROCS = 4;

let redis: RedisServer;
let cli: CliServer;
let site: Awaited<ReturnType<typeof startEmbeddingSite>>;

test.beforeAll(async () => {
  site = await startEmbeddingSite(() => `${cli.url}/light/autoload.js`);
  redis = await startRedis();
  cli = await startCli(
    ["test/fixtures/apps/light.ts", "--num-procs", String(PROCS), "--redis", redis.url, "--allow-websocket-origin", site.host],
    { APERTURE_SECRET_KEY: "balance" },
  );
});

test.afterAll(async () => {
  await cli?.stop();
  await redis?.stop();
  await site?.close();
});

test("forty sessions on four processes: every process holds some, none more than twice its share", async ({ browser }) => {
  test.setTimeout(180_000);
  const ids = await fortySessions(browser, {
    pageUrl: `${cli.url}/light`,
    embeddingSiteUrl: site.url,
    sessionUrl: `${cli.url}/light/session`,
    origin: cli.url,
  });
  expectSpread(ids, PROCS);
});
