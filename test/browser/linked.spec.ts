import type { Page, WebSocketRoute } from "@playwright/test";
import type { ApertureServer, Figure } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/linked"]);
});
test.afterAll(() => server.close());

/** The x range Plotly shows for the figure named `name` (ms: datetime axes are drawn as linear axes of ms). */
function shownXRange(page: Page, name: string): Promise<number[] | null> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<Element & { _fullLayout?: { xaxis?: { range?: number[] } } }>(`[data-aperture-name="${figure}"]`);
    const range = gd?._fullLayout?.xaxis?.range;
    return range ? [Number(range[0]), Number(range[1])] : null;
  }, name);
}

/**
 * Passes the page's socket through, and holds what the server sends while `holding` is set:
 * what the page shows then, it did without the server.
 */
async function interceptSocket(page: Page) {
  const relay = {
    holding: false,
    held: [] as (string | Buffer)[],
    sent: [] as (string | Buffer)[],
    page: undefined as WebSocketRoute | undefined,
  };
  await page.routeWebSocket(/\/ws/, (ws) => {
    const upstream = ws.connectToServer();
    relay.page = ws;
    upstream.onMessage((message) => (relay.holding ? relay.held.push(message) : ws.send(message)));
    ws.onMessage((message) => {
      relay.sent.push(message);
      upstream.send(message);
    });
  });
  const release = () => {
    relay.holding = false;
    for (const message of relay.held.splice(0)) relay.page!.send(message);
  };
  return { relay, release };
}

test("panning one price plot pans the other in the page, with nothing from the server, and the server then holds the range", async ({
  page,
}) => {
  const { relay, release } = await interceptSocket(page);
  await page.setViewportSize({ width: 1300, height: 900 });
  await page.goto(server.appUrls.linked!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => shownXRange(page, "ts2")).not.toBeNull();
  const before = (await shownXRange(page, "ts2"))!;

  relay.holding = true;
  const sentBefore = relay.sent.length;
  const area = (await page.locator('[data-aperture-name="ts1"] .nsewdrag').first().boundingBox())!;
  const y = area.y + area.height / 2;
  await page.mouse.move(area.x + area.width * 0.7, y);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.3, y, { steps: 6 });
  await page.mouse.up();

  // ts2 follows ts1 while every frame of the server is held back.
  await expect.poll(() => shownXRange(page, "ts2")).not.toEqual(before);
  const panned = (await shownXRange(page, "ts2"))!;
  expect(panned).toEqual(await shownXRange(page, "ts1"));
  expect(panned[0]).toBeGreaterThan(before[0]!);
  // What the page sent meanwhile, keep-alive pings aside: range patches only (no pull of the document).
  const sent = relay.sent
    .slice(sentBefore)
    .map((message) => JSON.parse(String(message)) as { kind: string; ops?: { path: string }[] })
    .filter((message) => message.kind !== "ping");
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.map((message) => message.kind)).toEqual(sent.map(() => "patch"));
  expect(sent.flatMap((message) => message.ops!.map((op) => op.path.split("/").at(-1)))).toContain("start");

  release();
  // The server's callback saw the range the page shows.
  await expect(page.locator('[data-aperture-name="shown"]')).toHaveText(/^Showing 20\d\d-\d\d-\d\d to 20\d\d-\d\d-\d\d$/);
  const sessionId = (await clientDocs(page))[0]!.sessionId;
  const ts1 = server.runtime.sessions.get(sessionId)!.doc.getModelByName("ts1") as Figure;
  expect(ts1.xRange.start).toBeCloseTo(panned[0]!, -3);
  expect(ts1.xRange.end).toBeCloseTo(panned[1]!, -3);
});

/** The `count` row of the stats table (pandas' describe()): the rows summarized, per column. */
const statsCounts = async (page: Page) =>
  ((await page.locator('[data-aperture-name="stats"]').textContent()) ?? "")
    .split("\n")
    .find((line) => line.startsWith("count"))
    ?.trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);

test("as Bokeh's stocks app: the ticker lists leave out each other's choice, and the stats table follows the selection", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1500, height: 900 });
  await page.goto(server.appUrls.linked!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  const options = (name: string) => page.locator(`[data-aperture-name="${name}"] option`).allTextContents();
  expect(await options("ticker2")).not.toContain("AAPL");
  await page.locator('[data-aperture-name="ticker1"] select').selectOption("INTC");
  await expect.poll(() => options("ticker2")).toEqual(["AAPL", "GOOG", "BRCM", "YHOO"]);
  await expect(page.locator('[data-aperture-name="stats"]')).toContainText("Close_INTC");

  const days = (await statsCounts(page))![0]!;
  expect(await statsCounts(page)).toEqual([days, days, days, days]);
  const area = (await page.locator('[data-aperture-name="correlation"] .nsewdrag').first().boundingBox())!;
  await page.mouse.move(area.x + area.width * 0.3, area.y + area.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width * 0.7, area.y + area.height * 0.7, { steps: 6 });
  await page.mouse.up();
  await expect.poll(async () => (await statsCounts(page))?.[0]).toBeLessThan(days);
  const chosen = await page.evaluate(() => {
    type State = { models: Record<string, { name?: string; attrs: Record<string, unknown> }> };
    const { models } = (window as unknown as { Aperture: { documents: { state: State }[] } }).Aperture.documents[0]!.state;
    return (Object.values(models).find((m) => m.name === "prices")!.attrs.selected as number[]).length;
  });
  expect(chosen).toBeGreaterThan(0);
  await expect.poll(() => statsCounts(page)).toEqual([chosen, chosen, chosen, chosen]);
});
