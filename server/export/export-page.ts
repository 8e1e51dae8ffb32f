/**
 * One headless Chromium page that draws a document snapshot with the built client (the same
 * code as a live page, with no socket): the page, its files and the box of what it drew.
 * The client's files are answered by Playwright's routing, so no server or port is involved.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Page, Route } from "playwright-core";
import { readClientFiles, type ClientFiles } from "../http/client-files.ts";
import { EXPORT_ELEMENT_ID, encodeFrame, type DocState, type DrawnBox, type ExportPageApi } from "../protocol/index.ts";
import { loadChromium } from "./playwright.ts";

/** An origin no request leaves the page for: every URL under it is answered from the built client. */
const ORIGIN = "http://aperture-export.invalid";

/** Fixed-size layouts keep their own width (the box is theirs); models that fill their container fill the window. */
const PAGE_STYLE = `html,body{margin:0;background:#fff}
#${EXPORT_ELEMENT_ID}>.aperture-content{align-items:flex-start}
#${EXPORT_ELEMENT_ID}>.aperture-content>[data-aperture-fill~="width"]{align-self:stretch}`;

export interface PageOptions {
  /** The window's size in CSS pixels. */
  viewport: { width: number; height: number };
  /** Device pixels per CSS pixel (Bokeh's `scale_factor`). */
  scaleFactor: number;
  /** Milliseconds the whole export may take. */
  timeout: number;
  executablePath?: string | undefined;
  args?: string[] | undefined;
}

/** The page's globals that the export uses, as seen from here (no DOM types on the server). */
interface ExportGlobals {
  Aperture: { loadExport(): Promise<ExportPageApi<unknown>> };
  document: { getElementById(id: string): unknown };
}

function pageHtml(files: ClientFiles): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style><script type="module" src="./${files.entry}"></script></head>
<body><div id="${EXPORT_ELEMENT_ID}"></div></body></html>`;
}

async function answer(route: Route, files: ClientFiles): Promise<void> {
  const name = new URL(route.request().url()).pathname.slice(1);
  if (name === "") return route.fulfill({ contentType: "text/html", body: pageHtml(files) });
  if (!files.hashed.has(name)) return route.fulfill({ status: 404, body: "" });
  await route.fulfill({ contentType: "text/javascript", body: await readFile(`${files.dir}${name}`) });
}

/** The `doc` message a page receives first, as the page's renderSnapshot takes it. */
function snapshotFrame(state: DocState): { frame: string; binary: boolean } {
  const frame = encodeFrame({ kind: "doc", seq: 0, doc: state });
  return typeof frame === "string" ? { frame, binary: false } : { frame: Buffer.from(frame).toString("base64"), binary: true };
}

async function draw(page: Page, state: DocState): Promise<DrawnBox> {
  await page.goto(`${ORIGIN}/`);
  return page.evaluate(
    async ({ frame, binary, id }) => {
      const { Aperture, document } = globalThis as unknown as ExportGlobals;
      return (await Aperture.loadExport()).renderSnapshot(document.getElementById(id), frame, binary);
    },
    { ...snapshotFrame(state), id: EXPORT_ELEMENT_ID },
  );
}

/** The page's figures as one SVG of the drawn box. */
export function figuresSvg(page: Page, box: DrawnBox): Promise<string> {
  return page.evaluate(
    async ({ box, id }) => {
      const { Aperture, document } = globalThis as unknown as ExportGlobals;
      return (await Aperture.loadExport()).figuresSvg(document.getElementById(id), box);
    },
    { box, id: EXPORT_ELEMENT_ID },
  );
}

function withTimeout<T>(work: Promise<T>, ms: number, browser: Browser): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the export did not finish within ${ms} ms (the document was not drawn)`));
      void browser.close();
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Draws `state` in a new headless Chromium, runs `work` on the page and what it drew, and closes the browser. */
export async function withDrawnPage<T>(state: DocState, options: PageOptions, work: (page: Page, box: DrawnBox) => Promise<T>): Promise<T> {
  const files = readClientFiles();
  const chromium = await loadChromium();
  const { executablePath, args } = options;
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    ...(args ? { args } : {}),
    timeout: options.timeout,
  });
  try {
    const run = async () => {
      const page = await browser.newPage({ viewport: options.viewport, deviceScaleFactor: options.scaleFactor });
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await page.route(`${ORIGIN}/**`, (route) => answer(route, files));
      const box = await draw(page, state);
      if (errors.length > 0) throw new Error(`the page failed while drawing: ${errors.map((error) => error.message).join("; ")}`);
      return work(page, box);
    };
    return await withTimeout(run(), options.timeout, browser);
  } finally {
    await browser.close();
  }
}
