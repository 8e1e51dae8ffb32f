/**
 * What `exportPng` / `exportSvg` (server/export/) run in headless Chromium: one document drawn
 * from one snapshot, with no socket (what the page would write goes nowhere), and the drawn
 * figures as one SVG. A chunk of its own, loaded only by the export page.
 */
import { decodeServerMessage, type DrawnBox, type ExportPageApi } from "../server/protocol/index.ts";
import { JsCallbacks } from "./customjs.ts";
import { ClientDocument } from "./document.ts";
import type { FigureElement } from "./render/plotly.ts";
import { loadPlotly } from "./render/plotly-loader.ts";
import { intoElement } from "./render/root-slots.ts";
import { injectStyle } from "./render/style.ts";
import { ViewManager } from "./render/views.ts";

/** Frames in a row in which no figure may start or finish a redraw before the page counts as drawn. */
const QUIET_FRAMES = 2;

const figuresIn = (element: HTMLElement) => [...element.querySelectorAll<FigureElement>(".aperture-figure")];

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** A count of every figure's redraws, started and finished, or undefined while one is unfinished. */
function drawCount(element: HTMLElement): string | undefined {
  const stats = figuresIn(element).map((figure) => figure.apertureStats);
  if (stats.some(({ reacts, settled }) => reacts === 0 || settled < reacts)) return undefined;
  return stats.map(({ reacts, relayouts }) => `${reacts}/${relayouts}`).join(",");
}

/** Resolves once every figure has drawn and none has redrawn for a few frames (a page may write ranges after its first draw). */
async function whenDrawn(element: HTMLElement): Promise<void> {
  let last: string | undefined;
  let quiet = 0;
  while (quiet < QUIET_FRAMES) {
    await nextFrame();
    const count = drawCount(element);
    quiet = count !== undefined && count === last ? quiet + 1 : 0;
    last = count;
  }
}

/** The union of the boxes of the roots drawn into `element`. */
function drawnBox(content: HTMLElement): DrawnBox {
  const boxes = [...content.children].map((child) => child.getBoundingClientRect()).filter((box) => box.width > 0 && box.height > 0);
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...boxes.map((box) => box.left + scrollX));
  const y = Math.min(...boxes.map((box) => box.top + scrollY));
  const right = Math.max(...boxes.map((box) => box.right + scrollX));
  const bottom = Math.max(...boxes.map((box) => box.bottom + scrollY));
  return { x, y, width: Math.ceil(right - x), height: Math.ceil(bottom - y) };
}

async function renderSnapshot(element: HTMLElement, frame: string, binary: boolean): Promise<DrawnBox> {
  const decoded = decodeServerMessage(binary ? Uint8Array.from(atob(frame), (c) => c.charCodeAt(0)) : frame);
  if (!decoded.ok || decoded.value.kind !== "doc")
    throw new Error(`not a document snapshot: ${decoded.ok ? decoded.value.kind : decoded.message}`);
  injectStyle(element.ownerDocument);
  element.classList.add("aperture-root");
  const content = element.appendChild(element.ownerDocument.createElement("div"));
  content.className = "aperture-content";
  const errors: string[] = [];
  const doc: ClientDocument = new ClientDocument({
    send: () => {},
    onChange: (changes) => {
      views.update(changes);
      callbacks.update(changes);
    },
    onServerError: () => {},
  });
  const callbacks = new JsCallbacks(doc, (message) => errors.push(message));
  const views = new ViewManager(intoElement(content), doc);
  doc.receiveDoc(decoded.value);
  await whenDrawn(element);
  if (errors.length > 0) throw new Error(`a CustomJS callback failed: ${errors.join("; ")}`);
  return drawnBox(content);
}

async function figuresSvg(element: HTMLElement, box: DrawnBox): Promise<string> {
  const Plotly = await loadPlotly([]);
  const namespace = "http://www.w3.org/2000/svg";
  const out = document.createElementNS(namespace, "svg");
  out.setAttribute("width", String(box.width));
  out.setAttribute("height", String(box.height));
  out.setAttribute("viewBox", `0 0 ${box.width} ${box.height}`);
  for (const figure of figuresIn(element)) {
    const place = figure.getBoundingClientRect();
    if (place.width === 0 || place.height === 0) continue;
    const url = await Plotly.toImage(figure, { format: "svg", width: place.width, height: place.height });
    const text = decodeURIComponent(url.slice(url.indexOf(",") + 1));
    const svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
    svg.setAttribute("x", String(place.left + scrollX - box.x));
    svg.setAttribute("y", String(place.top + scrollY - box.y));
    out.append(document.importNode(svg, true));
  }
  return new XMLSerializer().serializeToString(out);
}

export const exportPage: ExportPageApi<HTMLElement> = { renderSnapshot, figuresSvg };
