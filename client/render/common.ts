/**
 * Bokeh's common attributes of every visible model, applied to its element whatever its type:
 * `visible`, `cssClasses`, `styles`, `stylesheets`, sizes and `sizingMode` (sizing.ts), `margin`. What a
 * previous update added and the model no longer has is taken off again.
 */
import type { Value } from "../../server/protocol/index.ts";
import { fillOf, px, sizeStyles, type Sizing } from "./sizing.ts";

interface Applied {
  classes: string[];
  styles: string[];
  sheets: HTMLStyleElement[];
  sheetText: string;
}

const applied = new WeakMap<HTMLElement, Applied>();

function marginOf(value: Value | undefined): string | undefined {
  if (typeof value === "number") return px(value);
  if (Array.isArray(value) && value.every((side) => typeof side === "number")) return value.map((side) => `${String(side)}px`).join(" ");
  return undefined;
}

/** The inline styles the attributes ask for (the author's `styles` last, so they win). */
function stylesOf(attrs: Record<string, Value>, sizing: Sizing): Record<string, string> {
  const out = sizeStyles(attrs, sizing);
  const margin = marginOf(attrs.margin);
  if (margin !== undefined) out.margin = margin;
  const styles = attrs.styles;
  if (typeof styles === "object" && styles !== null && !Array.isArray(styles) && !ArrayBuffer.isView(styles)) {
    for (const [property, value] of Object.entries(styles)) if (typeof value === "string") out[property] = value;
  }
  return out;
}

/** Applies the common attributes of `attrs` (a model without them, such as a source, is left alone). */
export function applyCommon(el: HTMLElement, attrs: Record<string, Value>, sizing: Sizing): void {
  if (!Object.hasOwn(attrs, "visible")) return;
  const last = applied.get(el) ?? { classes: [], styles: [], sheets: [], sheetText: "" };
  if (attrs.visible === false) el.style.setProperty("display", "none", "important");
  else if (el.style.getPropertyPriority("display") === "important") el.style.removeProperty("display");
  const classes = Array.isArray(attrs.cssClasses) ? attrs.cssClasses.filter((name): name is string => typeof name === "string") : [];
  el.classList.remove(...last.classes.filter((name) => !classes.includes(name)));
  el.classList.add(...classes);
  const fill = fillOf(sizing);
  if (fill === "") delete el.dataset.apertureFill;
  else el.dataset.apertureFill = fill;
  const styles = stylesOf(attrs, sizing);
  for (const property of last.styles) if (!Object.hasOwn(styles, property)) el.style.removeProperty(property);
  for (const [property, value] of Object.entries(styles)) el.style.setProperty(property, value);
  applied.set(el, { classes, styles: Object.keys(styles), ...sheetsOf(el, attrs.stylesheets, last) });
}

/** The model's stylesheets as `<style>` elements in the page's head, replaced when they change. */
function sheetsOf(el: HTMLElement, value: Value | undefined, last: Applied): Pick<Applied, "sheets" | "sheetText"> {
  const texts = Array.isArray(value) ? value.filter((text): text is string => typeof text === "string") : [];
  const key = JSON.stringify(texts);
  if (key === last.sheetText) return last;
  for (const sheet of last.sheets) sheet.remove();
  const sheets = texts.map((text) => {
    const sheet = el.ownerDocument.createElement("style");
    sheet.dataset.apertureStylesheet = el.dataset.apertureId ?? "";
    sheet.textContent = text;
    el.ownerDocument.head.append(sheet);
    return sheet;
  });
  return { sheets, sheetText: key };
}

/** Removes what `applyCommon` added to the page outside the element (its stylesheets). */
export function disposeCommon(el: HTMLElement): void {
  for (const sheet of applied.get(el)?.sheets ?? []) sheet.remove();
  applied.delete(el);
}
