/**
 * Bokeh's `export_png` / `export_svg`: a document, or one model, drawn by the same client a
 * live page runs, in headless Chromium (Playwright, an optional dependency), written to a file.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Document } from "../document/document.ts";
import type { Model } from "../document/model.ts";
import type { DocState } from "../protocol/index.ts";
import { figuresSvg, withDrawnPage, type PageOptions } from "./export-page.ts";
import { exportSnapshot, sizesRoot } from "./snapshot.ts";

export interface ExportOptions {
  /** CSS pixels. A plot (the only root) is drawn this wide, as Bokeh's; any other layout gets a window this wide. */
  width?: number;
  /** CSS pixels, as `width`. */
  height?: number;
  /** Device pixels per CSS pixel: 2 writes a PNG twice as wide and high (Bokeh's `scale_factor`). */
  scaleFactor?: number;
  /** Milliseconds the export may take, Chromium's start included (default 30 s). */
  timeout?: number;
  /** A Chromium to run (default: Playwright's own, from `npx playwright install chromium`). */
  executablePath?: string;
  /** Command-line flags for Chromium (Playwright adds its headless ones). */
  args?: string[];
}

const DEFAULT_WINDOW = { width: 1280, height: 800 };
const MAX_PIXELS = 10_000;
const DEFAULT_TIMEOUT = 30_000;

function checkSize(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= MAX_PIXELS))
    throw new RangeError(`export ${name} must be a whole number of pixels from 1 to ${MAX_PIXELS}, not ${value}`);
}

function pageOptions(state: DocState, options: ExportOptions): PageOptions {
  const { width, height, scaleFactor = 1, timeout = DEFAULT_TIMEOUT } = options;
  checkSize("width", width);
  checkSize("height", height);
  if (!(scaleFactor > 0 && scaleFactor <= 8)) throw new RangeError(`export scaleFactor must be above 0 and at most 8, not ${scaleFactor}`);
  if (!(timeout > 0)) throw new RangeError(`export timeout must be a positive number of milliseconds, not ${timeout}`);
  // A plot takes the size itself; the window only has to hold it.
  const fitted = sizesRoot(state);
  const viewport = {
    width: fitted ? Math.max(width ?? 0, DEFAULT_WINDOW.width) : (width ?? DEFAULT_WINDOW.width),
    height: fitted ? Math.max(height ?? 0, DEFAULT_WINDOW.height) : (height ?? DEFAULT_WINDOW.height),
  };
  return { viewport, scaleFactor, timeout, executablePath: options.executablePath, args: options.args };
}

/**
 * Writes a PNG of `target` (a Document, or one model as the only root) to `path`, the size of
 * what it draws, and returns the file's absolute path.
 * @example await exportPng(plot, "plot.png", { width: 800, height: 400 });
 */
export async function exportPng(target: Model | Document, path: string, options: ExportOptions = {}): Promise<string> {
  const state = exportSnapshot(target, options);
  const png = await withDrawnPage(state, pageOptions(state, options), async (page, box) => {
    if (box.width === 0 || box.height === 0) throw new Error("nothing to export: the document draws nothing visible");
    return page.screenshot({ clip: box, fullPage: true, animations: "disabled", caret: "hide" });
  });
  const file = resolve(path);
  await writeFile(file, png);
  return file;
}

/**
 * Writes the plots of `target` as one SVG file, each where it is in the layout (widgets are
 * not drawn, as in Bokeh's), and returns the file's absolute path.
 * @example await exportSvg(plot, "plot.svg");
 */
export async function exportSvg(target: Model | Document, path: string, options: ExportOptions = {}): Promise<string> {
  const state = exportSnapshot(target, options);
  const svg = await withDrawnPage(state, pageOptions(state, options), figuresSvg);
  const file = resolve(path);
  await writeFile(file, svg);
  return file;
}
