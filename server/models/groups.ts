/**
 * Bokeh's button and check groups, its dropdown menu and its switch. What a person picks
 * (`active`) is client-writable and checked against the model's own labels.
 */
import { prop } from "../document/props.ts";
import { defineVisibleModel } from "./common.ts";
import { checkIndexInto, checkIndicesInto, checkStrings, custom } from "./checks.ts";
import { EventPayloadError, decoded, payloadObject } from "./events.ts";

const writable = { clientWritable: true } as const;
export const BUTTON_TYPES = ["default", "primary", "success", "warning", "danger", "light"] as const;
const ORIENTATIONS = ["horizontal", "vertical"] as const;

const labels = () =>
  custom<string[]>(
    () => [],
    (value) => checkStrings(value, { max: 1000, maxLength: 1000 }),
  );
const manyActive = () =>
  custom<number[]>(
    () => [],
    (value, attrs) => checkIndicesInto(value, attrs.labels, "label"),
    writable,
  );
const oneActive = () =>
  custom<number | null>(null, (value, attrs) => (value === null ? undefined : checkIndexInto(value, attrs.labels, "label")), writable);

/**
 * Checkboxes; `active` lists the indices of the checked labels.
 * @example new CheckboxGroup({ labels: ["Option 1", "Option 2"], active: [0] })
 */
export class CheckboxGroup extends defineVisibleModel("CheckboxGroup", {
  labels: labels(),
  active: manyActive(),
  inline: prop.boolean(false),
  disabled: prop.boolean(false),
}) {}

/** Toggle buttons side by side; `active` lists the pressed ones. */
export class CheckboxButtonGroup extends defineVisibleModel("CheckboxButtonGroup", {
  labels: labels(),
  active: manyActive(),
  buttonType: prop.enum(BUTTON_TYPES, "default"),
  orientation: prop.enum(ORIENTATIONS, "horizontal"),
  disabled: prop.boolean(false),
}) {}

/**
 * Buttons of which one is pressed; `active` is its index, or null before any is.
 * @example new RadioButtonGroup({ labels: ["Day", "Week", "Month"], active: 0 })
 */
export class RadioButtonGroup extends defineVisibleModel("RadioButtonGroup", {
  labels: labels(),
  active: oneActive(),
  buttonType: prop.enum(BUTTON_TYPES, "default"),
  orientation: prop.enum(ORIENTATIONS, "horizontal"),
  disabled: prop.boolean(false),
}) {}

/** Menu entries: an item that is its own label, `[label, item]`, or null for a separator. */
export type MenuItem = string | [label: string, item: string] | null;

function checkMenu(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length > 1000) return "expected up to 1000 menu items";
  const ok = value.every(
    (entry) =>
      entry === null ||
      typeof entry === "string" ||
      (Array.isArray(entry) && entry.length === 2 && entry.every((s) => typeof s === "string")),
  );
  return ok ? undefined : 'expected items as "item", ["label", "item"] or null';
}

/** The item names of a menu (what `onClick` receives). */
export function menuItems(menu: readonly MenuItem[]): string[] {
  return menu.flatMap((entry) => (entry === null ? [] : typeof entry === "string" ? [entry] : [entry[1]]));
}

/**
 * A button with a menu. `onClick(item)` runs with the chosen item; with `split`, the button's
 * own half runs it with null.
 * @example new Dropdown({ label: "Export", menu: ["CSV", ["Excel (xlsx)", "xlsx"], null, "JSON"] }).onClick((item) => …)
 */
export class Dropdown extends defineVisibleModel(
  "Dropdown",
  {
    label: prop.string("Dropdown"),
    menu: custom<MenuItem[]>(() => [], checkMenu),
    buttonType: prop.enum(BUTTON_TYPES, "default"),
    split: prop.boolean(false),
    disabled: prop.boolean(false),
  },
  { events: ["menu_item_click", "click"] },
) {
  onClick(callback: (item: string | null) => void | Promise<void>): this {
    this.onEvent("click", () => callback(null));
    return this.onEvent(
      "menu_item_click",
      decoded("menu_item_click", (payload) => this.decodeItem(payload), callback),
    );
  }

  private decodeItem(payload: unknown): string {
    const { item } = payloadObject(payload, ["item"]);
    if (typeof item !== "string" || !menuItems(this.menu).includes(item)) {
      throw new EventPayloadError(`${JSON.stringify(String(item).slice(0, 40))} is not an item of the menu`);
    }
    return item;
  }
}

/**
 * An on/off switch; `active` is client-writable.
 * @example new Switch({ active: true })
 */
export class Switch extends defineVisibleModel("Switch", {
  active: prop.boolean(false, writable),
  disabled: prop.boolean(false),
}) {}
