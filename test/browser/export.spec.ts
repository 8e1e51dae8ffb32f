/**
 * exportPng / exportSvg (server/export/): a document drawn by the client in headless Chromium,
 * written to a file. The exports run in this process; the test's own page only reads the PNG back.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { CHROMIUM_ARGS } from "../../playwright.config.ts";
import { ColumnDataSource, Document, Slider, column, exportPng, exportSvg, figure, type ExportOptions } from "../../server/index.ts";
import { expect, test } from "./fixtures.ts";

const CHROMIUM: ExportOptions = { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS };
const LINE = "#1f77b4";

let dir: string;
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "aperture-export-"));
});
test.afterAll(() => rm(dir, { recursive: true, force: true }));

function sqrtPlot(options: { width?: number; height?: number } = {}) {
  const x = Float64Array.from({ length: 50 }, (_, i) => i);
  const source = new ColumnDataSource({ data: { x, y: x.map(Math.sqrt) } });
  const plot = figure({ title: "Square roots", ...options });
  plot.line("x", "y", { source, color: LINE, lineWidth: 3 });
  return plot;
}

/** Width and height from the PNG's header (its IHDR chunk, right after the signature). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** How many pixels of the PNG have the line's color, decoded by the test page's own canvas. */
function pixelsOfColor(page: Page, png: Buffer, hex: string): Promise<number> {
  return page.evaluate(
    async ({ data, hex }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext("2d")!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, image.width, image.height).data;
      const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) if (want.every((value, c) => Math.abs(pixels[i + c]! - value) <= 8)) count++;
      return count;
    },
    { data: png.toString("base64"), hex },
  );
}

test("exportPng writes a PNG of the size asked for, with the plot's line drawn in it", async ({ page }) => {
  const file = await exportPng(sqrtPlot(), join(dir, "plot.png"), { ...CHROMIUM, width: 640, height: 320 });
  const png = await readFile(file);
  expect(pngSize(png)).toEqual({ width: 640, height: 320 });
  // A 3 px line across most of the plot's 640 px.
  expect(await pixelsOfColor(page, png, LINE)).toBeGreaterThan(1000);
});

test("exportPng of a plot in a live document draws it at the export's size and leaves the document's plot as it was", async () => {
  const doc = new Document();
  const plot = sqrtPlot({ width: 500, height: 300 });
  doc.addRoot(column(new Slider({ start: 0, end: 10, value: 1, title: "k" }), plot));
  const png = await readFile(await exportPng(plot, join(dir, "live.png"), { ...CHROMIUM, width: 420, height: 260, scaleFactor: 2 }));
  expect(pngSize(png)).toEqual({ width: 840, height: 520 });
  expect([plot.width, plot.height]).toEqual([500, 300]);
});

test("exportPng of a layout is the layout's own size: the plot's width, the slider and the plot's heights", async () => {
  const plot = sqrtPlot({ width: 500, height: 300 });
  const png = await readFile(
    await exportPng(column(new Slider({ start: 0, end: 10, value: 1, title: "k" }), plot), join(dir, "layout.png"), CHROMIUM),
  );
  const size = pngSize(png);
  expect(size.width).toBe(500);
  expect(size.height).toBeGreaterThan(300);
  expect(size.height).toBeLessThan(420);
});

test("exportSvg writes the plot as one SVG of its size, with its title and its line as vector paths", async () => {
  const svg = await readFile(await exportSvg(sqrtPlot({ width: 600, height: 300 }), join(dir, "plot.svg"), CHROMIUM), "utf8");
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="600" height="300"/);
  expect(svg).toContain(">Square roots<");
  expect(svg).toMatch(/class="js-line" d="M[\d.,LM]+"/);
});
