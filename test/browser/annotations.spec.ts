import type { Page } from "@playwright/test";
import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";

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
