import { readFileSync } from "node:fs";
import type { Page, WebSocketRoute } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/customjs"]);
});
test.afterAll(() => server.close());

/** Holds what the server sends while `holding` is set: what the page shows then, it did alone. */
async function holdServer(page: Page) {
  const relay = { holding: false, held: [] as (string | Buffer)[], page: undefined as WebSocketRoute | undefined };
  await page.routeWebSocket(/\/ws/, (ws) => {
    const upstream = ws.connectToServer();
    relay.page = ws;
    upstream.onMessage((message) => (relay.holding ? relay.held.push(message) : ws.send(message)));
    ws.onMessage((message) => upstream.send(message));
  });
  const release = () => {
    relay.holding = false;
    for (const message of relay.held.splice(0)) relay.page!.send(message);
  };
  return { relay, release };
}

/** The y values Plotly holds for the first trace of the figure named `name`. */
function drawnY(page: Page, name: string): Promise<number[]> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<Element & { data?: { y?: ArrayLike<number> }[] }>(`[data-aperture-name="${figure}"]`);
    return Array.from(gd?.data?.[0]?.y ?? []);
  }, name);
}

function drawnX(page: Page, name: string): Promise<number[]> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<Element & { data?: { x?: ArrayLike<number> }[] }>(`[data-aperture-name="${figure}"]`);
    return Array.from(gd?.data?.[0]?.x ?? []);
  }, name);
}

async function open(page: Page): Promise<void> {
  await page.goto(server.appUrls.customjs!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(async () => (await drawnY(page, "plot")).length).toBe(200);
}

test("a CustomJS slider redraws the line with nothing from the server, and the server then holds the same value", async ({
  page,
  pageErrors,
}) => {
  const { relay, release } = await holdServer(page);
  await open(page);
  relay.holding = true;
  await page.locator('[data-aperture-name="k"] input').focus();
  await page.keyboard.press("ArrowRight");
  // k = 1.5, drawn while every server frame is held back.
  const x = await drawnX(page, "plot");
  await expect.poll(async () => (await drawnY(page, "plot"))[57]).toBeCloseTo(Math.sin(1.5 * x[57]!), 9);
  release();
  // Written by the server's own onChange("value"): the server holds what the page shows.
  await expect(page.getByText("The server has k = 1.5")).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test("jsLink moves the plot's range in the page, and the range is written to the server", async ({ page, pageErrors }) => {
  await open(page);
  await page.locator('[data-aperture-name="from"] input').focus();
  await page.keyboard.press("ArrowRight");
  await expect
    .poll(() =>
      page.evaluate(() => {
        const gd = document.querySelector<Element & { _fullLayout?: { xaxis?: { range?: number[] } } }>('[data-aperture-name="plot"]');
        return gd?._fullLayout?.xaxis?.range?.[0];
      }),
    )
    .toBe(0.5);
  await expect(page.getByText("The server's x range starts at 0.5")).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test("the CSV button downloads the wave, made in the page", async ({ page, pageErrors }) => {
  await open(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("wave.csv");
  const lines = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\n");
  expect(lines[0]).toBe("x,y");
  expect(lines).toHaveLength(201);
  const [x, y] = lines[1 + 100]!.split(",").map(Number);
  expect(y).toBeCloseTo(Math.sin(x!), 9);
  expect(pageErrors).toEqual([]);
});
