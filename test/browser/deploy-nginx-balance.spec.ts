/**
 * The generated nginx site in front of four web processes (the units' own command lines, a
 * real nginx): forty sessions made by app pages, embeds in another site's page and
 * POST /<app>/session spread over the four. nginx cannot count sessions, only the
 * connections open through `upstream aperture_any`: a page's socket made its session there
 * and stays open, so `random two least_conn` sees what each process holds.
 */
import { startDeployment, type Deployment } from "../helpers/deployment.ts";
import { test } from "./fixtures.ts";
import { expectSpread, fortySessions, startEmbeddingSite } from "./session-spread.ts";

const PROCS = 4;

let deployment: Deployment;
let site: Awaited<ReturnType<typeof startEmbeddingSite>>;

test.beforeAll(async () => {
  site = await startEmbeddingSite(() => `${deployment.nginx.url}/light/autoload.js`);
  deployment = await startDeployment({
    app: "test/fixtures/apps/light.ts",
    procs: PROCS,
    systemdArgs: [`--serve-arg=--allow-websocket-origin=${site.host}`],
  });
});

test.afterAll(async () => {
  await deployment?.stop();
  await site?.close();
});

test("forty sessions through nginx on four processes: every process holds some, none more than twice its share", async ({ browser }) => {
  test.setTimeout(180_000);
  const ids = await fortySessions(browser, {
    pageUrl: `${deployment.nginx.url}/light`,
    embeddingSiteUrl: site.url,
    sessionUrl: `${deployment.nginx.url}/light/session`,
    origin: deployment.nginx.url,
  });
  expectSpread(ids, PROCS);
});
