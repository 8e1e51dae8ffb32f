import type { ApertureServer } from "../../server/index.ts";
import { expect, serveExamples, test } from "./fixtures.ts";
import { clientColumn, graphState, median, pullRoundTrip } from "./figure-helpers.ts";

let server: ApertureServer;
test.beforeAll(async () => {
  server = await serveExamples(["examples/streaming"]);
});
test.afterAll(() => server.close());

const length = async (page: import("@playwright/test").Page) => (await graphState(page, "live")).lengths[0] ?? 0;

test("the live line grows, is capped at the rollover, and is appended to rather than redrawn", async ({ page }) => {
  await page.goto(`${server.appUrls.streaming!}?batch=50&rollover=1000`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => length(page)).toBeGreaterThan(100);
  await expect.poll(() => length(page), { timeout: 30_000 }).toBe(1000);

  // More batches arrive (the document's version moves on) and the line stays at 1,000 points:
  // the newest ones, contiguous steps, as in the page's copy of the source.
  const { seq } = await page.evaluate(() => ({
    seq: (window as unknown as { Aperture: { documents: { seq: number }[] } }).Aperture.documents[0]!.seq,
  }));
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { Aperture: { documents: { seq: number }[] } }).Aperture.documents[0]!.seq))
    .toBeGreaterThan(seq + 5);
  const graph = await graphState(page, "live");
  expect(graph.lengths).toEqual([1000]);
  const steps = (await clientColumn(page, "walk", "step")) as number[];
  expect(steps).toHaveLength(1000);
  expect(steps[999]! - steps[0]!).toBe(999);
  expect(graph.stats!.extends).toBeGreaterThanOrEqual(5);
  // One full draw at the start; the rest were appends (a resize may add one or two redraws).
  expect(graph.stats!.reacts).toBeLessThanOrEqual(3);
});

test("the pause button stops the growth while the server keeps ticking, and resume restarts it", async ({ page }) => {
  await page.goto(server.appUrls.streaming!);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  await expect.poll(() => length(page)).toBeGreaterThanOrEqual(30);

  const button = page.locator('[data-aperture-name="pause"]');
  await button.click();
  await expect(button).toHaveText("Resume");
  const paused = await length(page);
  const pausedSteps = await clientColumn(page, "walk", "step");

  // The periodic callback keeps running while paused and says so: once three of its ticks
  // have reached the page (after any batch sent before the pause), nothing was appended.
  const status = page.locator('[data-aperture-name="status"]');
  await expect.poll(async () => Number(/(\d+) batch/.exec((await status.textContent()) ?? "")?.[1] ?? 0)).toBeGreaterThanOrEqual(3);
  await pullRoundTrip(page);
  expect(await length(page)).toBe(paused);
  expect(await clientColumn(page, "walk", "step")).toEqual(pausedSteps);

  await button.click();
  await expect(button).toHaveText("Pause");
  await expect.poll(() => length(page)).toBeGreaterThan(paused);
});

test("a batch of 10 points is one small binary frame, appended in the page (figures for the report)", async ({ page }) => {
  const frames: number[] = [];
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string" && payload.includes("x-stream")) frames.push(payload.length);
    });
  });
  await page.goto(`${server.appUrls.streaming!}?batch=10`);
  await expect(page.locator(".aperture-root")).toHaveAttribute("data-sync-status", "synced");
  // 20 batches (2 s at the app's 100 ms) give a median; a loaded machine may take far longer to send them.
  await expect.poll(async () => (await graphState(page, "live")).stats?.extends ?? 0, { timeout: 45_000 }).toBeGreaterThanOrEqual(20);

  const { stats } = await graphState(page, "live");
  const bytes = median(frames);
  const appendMs = median(stats!.appendMs);
  console.log(
    `streamed batch of 10 points: ${bytes} bytes per frame (median of ${frames.length}); append in the page: median ${appendMs.toFixed(3)} ms over ${stats!.appendMs.length} batches; full redraws: ${stats!.reacts}, median ${median(stats!.reactMs).toFixed(3)} ms`,
  );
  test.info().annotations.push({ type: "figures", description: `bytes per batch ${bytes}, append median ${appendMs.toFixed(3)} ms` });
  // Two float64 columns of 10 rows are 160 bytes; the header adds a little. A re-sent column of
  // 1,000 points would be 8,000 bytes.
  expect(bytes).toBeGreaterThan(160);
  expect(bytes).toBeLessThan(400);
  expect(frames.every((size) => size < 400)).toBe(true);
});
