/**
 * Panel's layout extras: `Card` (a titled box that folds), `Accordion` (stacked cards, one
 * or several open) and `Alert` (a coloured message box). What a person opens or folds is
 * client-writable.
 */
import type { Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkIndicesInto, checkStrings, custom } from "./checks.ts";

const writable = { clientWritable: true } as const;

/**
 * @example new Card({ title: "Filters", children: [slider, select], collapsed: false })
 */
export class Card extends defineVisibleModel("Card", {
  title: prop.string(""),
  children: prop.refs<Model>(),
  /** The person folds and unfolds it (when `collapsible`). */
  collapsed: prop.boolean(false, writable),
  collapsible: prop.boolean(true),
  hideHeader: prop.boolean(false),
  headerBackground: prop.nullableString(null),
  headerColor: prop.nullableString(null),
}) {}

function checkOpen(value: unknown, attrs: Readonly<Record<string, unknown>>): string | undefined {
  const problem = checkIndicesInto(value, attrs.titles, "card");
  if (problem) return problem;
  return attrs.toggle === true && (value as number[]).length > 1 ? "toggle allows one open card" : undefined;
}

const accordionProps = {
  children: prop.refs<Model>(),
  titles: custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max: 1000, maxLength: 1000 }),
  ),
  /** Indices of the open cards. */
  active: custom<number[]>(() => [], checkOpen, writable),
  /** Opening one card folds the others. */
  toggle: prop.boolean(false),
};

export class Accordion extends defineVisibleModel("Accordion", accordionProps) {}

/**
 * An accordion from `[title, model]` pairs, all folded (as Panel's `pn.Accordion(("A", a), …)`).
 * @example doc.addRoot(accordion(["Filters", filters], ["Help", help]))
 */
export function accordion(...cards: [string, Model][]): Accordion {
  return new Accordion({ titles: cards.map(([title]) => title), children: cards.map(([, child]) => child) });
}

export const ALERT_TYPES = ["primary", "secondary", "success", "danger", "warning", "info", "light", "dark"] as const;

/**
 * A coloured message box; `object` is Markdown (sanitized in the page, as `Markdown`).
 * @example new Alert({ object: "**Saved.** The dam was added.", alertType: "success" })
 */
export class Alert extends defineVisibleModel("Alert", {
  object: prop.string("", { maxLength: 100_000 }),
  alertType: prop.enum(ALERT_TYPES, "primary"),
}) {}
