import type { Page } from "@playwright/test";
import type { ApertureServer, Figure } from "../../server/index.ts";
import { clientDocs, expect, serveExamples, test } from "./fixtures.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/annotations"]);
});
test.afterAll(() => server.close());

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(server.appUrls.annotations!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
}

interface Drawn {
  layout: Record<string, unknown>;
  data: Record<string, unknown>[];
  stats: { reacts: number; relayouts: number };
}

/** The Plotly graph of a figure as drawn (its `.layout` and `.data`), and the figure's draw counters. */
function drawn(page: Page, name: string): Promise<Drawn | null> {
  return page.evaluate((figure) => {
    const gd = document.querySelector<
      Element & { layout?: Record<string, unknown>; data?: Record<string, unknown>[]; apertureStats?: Drawn["stats"] }
    >(`[data-aperture-name="${figure}"]`);
    if (!gd?.layout || !gd.data || !gd.apertureStats) return null;
    const layout = gd.layout;
    const pick = (key: string) => JSON.parse(JSON.stringify(layout[key] ?? null)) as unknown;
    return {
      layout: { shapes: pick("shapes"), yaxis2: pick("yaxis2"), annotations: pick("annotations") },
      data: gd.data.map((t) => ({ visible: t.visible, yaxis: t.yaxis, name: t.name, opacity: t.opacity })),
      stats: { reacts: gd.apertureStats.reacts, relayouts: gd.apertureStats.relayouts },
    };
  }, name);
}

interface Axis2 {
  overlaying?: string;
  side?: string;
  range?: number[];
  ticktext?: string[];
}
const y2 = (d: Drawn | null): Axis2 | null => (d?.layout.yaxis2 as Axis2 | undefined) ?? null;

test("the twin axis exists: an overlaying right axis on the extra range, with its glyph and formatted ticks", async ({ page }) => {
  await open(page);
  await expect.poll(async () => y2(await drawn(page, "twin"))?.overlaying).toBe("y");
  const twin = (await drawn(page, "twin"))!;
  expect(y2(twin)).toMatchObject({ side: "right", range: [0, 2500] });
  expect(y2(twin)!.ticktext).toContain("1,000");
  expect(twin.data.map((t) => t.yaxis)).toEqual(["y2", undefined]);
  await expect(page.locator('[data-aperture-name="twin"] .ytick text').first()).toHaveText(/°C$/);
});

test("the Span moves when the server moves it: only the moved attributes travel, and only the shapes are redrawn", async ({ page }) => {
  const patches: string[] = [];
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => void (typeof payload === "string" && payload.includes('"patch"') && patches.push(payload))),
  );
  await open(page);
  const shapeY = async () => ((await drawn(page, "thresholds"))?.layout.shapes as { y0: number }[] | null)?.[0]?.y0;
  await expect.poll(shapeY).toBe(0.5);
  const before = (await drawn(page, "thresholds"))!.stats;
  patches.length = 0;

  await page.locator('[data-aperture-name="raise"]').click();

  await expect.poll(shapeY).toBe(0.75);
  const after = (await drawn(page, "thresholds"))!;
  expect((after.layout.shapes as { y0: number }[])[1]!.y0).toBe(0.75);
  expect(after.stats.reacts).toBe(before.reacts);
  expect(after.stats.relayouts).toBe(before.relayouts + 1);
  const ops = patches.flatMap((frame) => (JSON.parse(frame) as { ops?: { path: string; value: unknown }[] }).ops ?? []);
  expect(ops.map((op) => [op.path.replace(/^\/models\/[^/]+/, ""), op.value])).toEqual([
    ["/attrs/location", 0.75],
    ["/attrs/bottom", 0.75],
  ]);
});

test("a legend click hides its line (hide policy), and the server is told", async ({ page }) => {
  const sent: string[] = [];
  page.on("websocket", (socket) => socket.on("framesent", ({ payload }) => void (typeof payload === "string" && sent.push(payload))));
  await open(page);
  await expect.poll(async () => (await drawn(page, "thresholds"))?.data.map((t) => t.visible)).toEqual([undefined, undefined]);
  await page.locator('[data-aperture-name="thresholds"] .legend .traces').first().click();
  await expect.poll(async () => (await drawn(page, "thresholds"))?.data.map((t) => t.visible)).toEqual(["legendonly", undefined]);
  await expect.poll(() => sent.some((frame) => frame.includes("/attrs/visible") && frame.includes("false"))).toBe(true);
});

test("a click on an outside legend's entry mutes its glyph (mute policy)", async ({ page }) => {
  await open(page);
  await expect.poll(async () => (await drawn(page, "errors"))?.data[0]?.opacity).toBe(1);
  await page.locator('[data-aperture-name="errors"] .legend .traces').first().click();
  await expect.poll(async () => (await drawn(page, "errors"))?.data[0]?.opacity).toBe(0.2);
});

/** The ends of a Plotly axis of a figure as drawn (`yaxis2` for the first twin y axis). */
function shownAxis(page: Page, name: string, key: string): Promise<[number, number] | null> {
  return page.evaluate(
    ([figure, axis]) => {
      const gd = document.querySelector<Element & { _fullLayout?: Record<string, { range?: number[] }> }>(
        `[data-aperture-name="${figure}"]`,
      );
      const range = gd?._fullLayout?.[axis!]?.range;
      return range ? [Number(range[0]), Number(range[1])] : null;
    },
    [name, key],
  );
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

test("a pan moves the twin axis with the main one and writes its extra range; a box zoom stops at the range's minInterval", async ({
  page,
}) => {
  await open(page);
  await expect.poll(() => shownAxis(page, "twin", "yaxis2")).toEqual([0, 2500]);
  const sessionId = (await clientDocs(page))[0]!.sessionId;
  const twin = () => server.runtime.sessions.get(sessionId)!.doc.getModelByName("twin") as Figure;
  const rain = () => twin().extraYRanges.rain!;
  const area = (await page.locator('[data-aperture-name="twin"] .nsewdrag').first().boundingBox())!;
  const middle = { x: area.x + area.width / 2, y: area.y + area.height / 2 };

  await drag(page, middle, { x: middle.x, y: middle.y + 60 });
  // The data moves down with the mouse: the window shows higher values.
  await expect.poll(() => rain().start).toBeGreaterThan(0);
  const panned = (await shownAxis(page, "twin", "yaxis2"))!;
  expect(rain().start).toBeCloseTo(panned[0], 6);
  expect(rain().end).toBeCloseTo(panned[1], 6);
  expect(rain().end! - rain().start!).toBeCloseTo(2500, 6);

  // 40 px of a ~240 px high plot of 35 °C is about 6 °C: less than the range's minInterval of 10.
  await page.locator('[data-aperture-name="twin"] .modebar-btn[data-title="Zoom"]').click();
  await drag(page, { x: middle.x - 60, y: middle.y - 20 }, { x: middle.x + 60, y: middle.y + 20 });
  await expect.poll(() => twin().yRange.end! - twin().yRange.start!).toBeCloseTo(10, 6);
  await expect
    .poll(async () => {
      const [start, end] = (await shownAxis(page, "twin", "yaxis"))!;
      return end - start;
    })
    .toBeCloseTo(10, 6);
});

test("the click-policy buttons turn the legend from hiding to muting, as Bokeh's click_policy", async ({ page }) => {
  await open(page);
  const muting = () =>
    page.evaluate(() => {
      type Models = Record<string, { type: string; attrs: Record<string, unknown> }>;
      const docs = (window as unknown as { Aperture: { documents: { state: { models: Models } }[] } }).Aperture.documents;
      return Object.values(docs[0]!.state.models).filter((model) => model.type === "Legend" && model.attrs.clickPolicy === "mute").length;
    });
  const before = await muting();
  await page.locator('[data-aperture-name="click-policy"]').getByText("Legend click mutes").click();
  // The server's callback sets the thresholds plot's legend to mute: wait until the page has it.
  await expect.poll(muting).toBe(before + 1);
  await expect.poll(async () => (await drawn(page, "thresholds"))?.data[0]?.opacity).toBe(1);
  await page.locator('[data-aperture-name="thresholds"] .legend .traces').first().click();
  await expect.poll(async () => (await drawn(page, "thresholds"))?.data[0]?.opacity).toBe(0.2);
  expect((await drawn(page, "thresholds"))?.data[0]?.visible).toBeUndefined();
});
