/**
 * State that survives its process (issue 11 item 4): after a `--num-procs` worker is killed,
 * a single process is killed and started again, or a redeploy (SIGTERM, start again), the page
 * starts a new session by itself and offers what the person set; the new session applies it
 * after its handler, callbacks and all. Each time the slider, the select, the plot selection
 * and the tab come back, the smoothed line is the rolling mean of the restored window, and a
 * model marked `restorable: false` starts afresh. A `--num-procs` primary killed takes its
 * workers down cleanly: they tell their pages to come back (4010) and exit, leaving no process;
 * so does Ctrl-C of one. After 4010 the page says the server is restarting.
 */
import type { Page } from "@playwright/test";
import { rollingMean, seaSurfaceTemperature } from "../../examples/rolling/data.ts";
import { POINTS } from "../fixtures/apps/restorable.ts";
import { freePort } from "../helpers/ports.ts";
import { descendantsOf, isRunning } from "../helpers/processes.ts";
import { startRedis, type RedisServer } from "../helpers/redis-server.ts";
import { startCli, workerPid, type CliServer } from "../helpers/start-cli.ts";
import { clientDocs, expect, plotTraces, test } from "./fixtures.ts";

const APP = "test/fixtures/apps/restorable.ts";
const WINDOW = 7;
const SELECTED = [3, 5, 8];

let cli: CliServer | undefined;
let redis: RedisServer | undefined;
test.afterEach(async () => {
  await cli?.stop();
  await redis?.stop();
  cli = redis = undefined;
});

/** The notice after 4010, until a socket is synced again. */
const RESTARTING = "Server restarting, reconnecting…";

const named = (page: Page, name: string) => page.locator(`[data-aperture-name="${name}"]`);

/** The plot selection, as a box select writes it: through the page's document. */
function select(page: Page, rows: number[]): Promise<void> {
  return page.evaluate((indices) => {
    const doc = (window as unknown as { Aperture: { documents: PageDoc[] } }).Aperture.documents[0]!;
    const id = Object.keys(doc.state.models).find((key) => doc.state.models[key]!.name === "source")!;
    doc.set(id, "selected", indices);
  }, rows);
}

interface PageDoc {
  state: { models: Record<string, { name?: string; attrs: Record<string, unknown> }> };
  pending: { size: number };
  set(model: string, attr: string, value: unknown): void;
}

/** What the page's document holds: the selection, and whether every write was answered. */
function pageState(page: Page): Promise<{ selected: unknown; settled: boolean }> {
  return page.evaluate(() => {
    const doc = (window as unknown as { Aperture: { documents: PageDoc[] } }).Aperture.documents[0]!;
    const source = Object.values(doc.state.models).find((model) => model.name === "source");
    return { selected: source?.attrs.selected, settled: doc.pending.size === 0 };
  });
}

/** Keeps the close code of every socket the page's client opens (`window.socketCloses`). */
async function recordSocketCloses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const closes: number[] = [];
    Object.assign(window, { socketCloses: closes });
    window.WebSocket = class extends window.WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.addEventListener("close", (event) => closes.push(event.code));
      }
    };
  });
}

const socketCloses = (page: Page) => page.evaluate(() => (window as unknown as { socketCloses: number[] }).socketCloses);

/** How many of the page's sockets closed after the first 4010 (its retries while no server listens). */
async function closesAfterRestart(page: Page): Promise<number> {
  const closes = await socketCloses(page);
  const at = closes.indexOf(4010);
  return at < 0 ? 0 : closes.length - at - 1;
}

/** Does what a person would: smooths by WINDOW days, picks a station and a code, selects rows, opens the second tab. */
async function setEverything(page: Page): Promise<void> {
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const slider = named(page, "window").locator('input[type="range"]');
  await slider.focus();
  for (let i = 0; i < WINDOW; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveValue(String(WINDOW));
  await named(page, "station").locator("select").selectOption("Halifax");
  await expect(named(page, "said")).toHaveText("station Halifax");
  await named(page, "code").locator("select").selectOption("typed");
  await select(page, SELECTED);
  await page.locator(".aperture-tab", { hasText: "Details" }).click();
  await expect.poll(async () => (await pageState(page)).settled).toBe(true);
}

/** The page started a new session, and shows everything the person set (except the unrestorable code). */
async function expectRestored(page: Page, lostSession: string): Promise<void> {
  await expect(page.locator(".aperture-info")).toContainText("started a new session with the values you had set");
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  expect((await clientDocs(page))[0]!.sessionId).not.toBe(lostSession);
  await expect(named(page, "window").locator('input[type="range"]')).toHaveValue(String(WINDOW));
  await expect(named(page, "station").locator("select")).toHaveValue("Halifax");
  // The select's callback ran again in the new session.
  await expect(named(page, "said")).toHaveText("station Halifax");
  await expect(named(page, "code").locator("select")).toHaveValue("fresh");
  await expect(page.locator(".aperture-tab", { hasText: "Details" })).toHaveAttribute("aria-selected", "true");
  expect((await pageState(page)).selected).toEqual(SELECTED);
  const sst = seaSurfaceTemperature(POINTS);
  const expected = Array.from(rollingMean(sst.time, sst.temperature, WINDOW));
  await expect
    .poll(async () => {
      const y = (await plotTraces(page, "plot"))[1]?.y ?? [];
      return y.length === expected.length && y.every((v, i) => Math.abs(v - expected[i]!) < 1e-9);
    })
    .toBe(true);
}

test("a --num-procs 2 worker killed (kill -9): its page comes back in a new session with everything the person set", async ({
  page,
  pageErrors,
}) => {
  redis = await startRedis();
  cli = await startCli([APP, "--num-procs", "2", "--redis", redis.url], { APERTURE_SECRET_KEY: "restore-test" });
  await page.goto(`${cli.url}/restorable`);
  await setEverything(page);
  const lost = (await clientDocs(page))[0]!.sessionId;
  const worker = Number(/^w(\d+)-/.exec(lost)![1]);

  process.kill(workerPid(cli.process.pid!, worker), "SIGKILL");
  await expectRestored(page, lost);
  expect(pageErrors).toEqual([]);
});

test("a single process killed (kill -9) and started again without --secret: the page comes back with everything set", async ({
  page,
  pageErrors,
}) => {
  const port = String(await freePort());
  cli = await startCli([APP, "--port", port]);
  await page.goto(`${cli.url}/restorable`);
  await setEverything(page);
  const lost = (await clientDocs(page))[0]!.sessionId;

  cli.process.kill("SIGKILL");
  await cli.stop();
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "offline");
  // A new random secret: the old token is unreadable (4002), which must not leave the page stuck.
  cli = await startCli([APP, "--port", port]);
  await expectRestored(page, lost);
  expect(pageErrors).toEqual([]);
});

test("a redeploy (SIGTERM, start again): the page is told to come back, and comes back with everything set", async ({
  page,
  pageErrors,
}) => {
  const port = String(await freePort());
  const env = { APERTURE_SECRET_KEY: "redeploy-test" };
  cli = await startCli([APP, "--port", port], env);
  await page.goto(`${cli.url}/restorable`);
  await setEverything(page);
  const lost = (await clientDocs(page))[0]!.sessionId;

  // SIGTERM: the process tells the page to come back (4010) before it exits, and the page says so.
  await cli.stop();
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "offline");
  await expect(page.locator(".aperture-notice")).toHaveText(RESTARTING);
  cli = await startCli([APP, "--port", port], env);
  await expectRestored(page, lost);
  expect(pageErrors).toEqual([]);
});

test("the --num-procs primary killed (kill -9): its workers tell the page to come back and exit; the next server restores it", async ({
  page,
  pageErrors,
}) => {
  redis = await startRedis();
  const args = [APP, "--port", String(await freePort()), "--num-procs", "2", "--redis", redis.url];
  const env = { APERTURE_SECRET_KEY: "primary-test" };
  cli = await startCli(args, env);
  await recordSocketCloses(page);
  await page.goto(`${cli.url}/restorable`);
  await setEverything(page);
  const lost = (await clientDocs(page))[0]!.sessionId;
  const processes = descendantsOf(cli.process.pid!);
  expect(processes.length).toBeGreaterThanOrEqual(2);

  cli.process.kill("SIGKILL");
  await cli.stop();
  // Each worker stops within its bound (10 s) and nothing it started outlives it.
  await expect.poll(() => processes.filter(isRunning), { timeout: 20_000 }).toEqual([]);
  // Told, not cut: the page retries every second from now on.
  await expect.poll(() => socketCloses(page)).toContain(4010);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "offline");
  cli = await startCli(args, env);
  await expectRestored(page, lost);
  expect(pageErrors).toEqual([]);
});

test("Ctrl-C of a --num-procs server (SIGINT to its process group): the workers tell the page the server is restarting and stop", async ({
  page,
  pageErrors,
}) => {
  redis = await startRedis();
  const args = [APP, "--port", String(await freePort()), "--num-procs", "2", "--redis", redis.url];
  const env = { APERTURE_SECRET_KEY: "ctrl-c-test" };
  cli = await startCli(args, env, undefined, { ownProcessGroup: true });
  await recordSocketCloses(page);
  await page.goto(`${cli.url}/restorable`);
  await setEverything(page);
  const lost = (await clientDocs(page))[0]!.sessionId;
  const processes = descendantsOf(cli.process.pid!);

  // What a terminal does on Ctrl-C: SIGINT to the primary and every worker at once.
  process.kill(-cli.process.pid!, "SIGINT");
  await cli.stop();
  await expect.poll(() => processes.filter(isRunning), { timeout: 20_000 }).toEqual([]);
  await expect.poll(() => socketCloses(page)).toContain(4010);
  // The retries refused while no server listens keep the notice on "restarting".
  await expect.poll(() => closesAfterRestart(page)).toBeGreaterThan(0);
  await expect(page.locator(".aperture-notice")).toHaveText(RESTARTING);
  cli = await startCli(args, env);
  await expectRestored(page, lost);
  expect(pageErrors).toEqual([]);
});
