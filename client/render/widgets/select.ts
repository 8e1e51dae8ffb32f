/** Select: a native `<select>`; options are strings, `[value, label]` pairs, or `{ group: options }`. */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

/** Options as `[value, label]` pairs; grouped options (`{ group: options }`) flattened. */
export function optionsOf(value: Value | undefined): [string, string][] {
  if (isGrouped(value)) return Object.values(value).flatMap(optionsOf);
  if (!Array.isArray(value)) return [];
  return value.flatMap((option): [string, string][] => {
    if (typeof option === "string") return [[option, option]];
    if (Array.isArray(option) && typeof option[0] === "string") return [[option[0], asString(option[1], option[0])]];
    return [];
  });
}

function isGrouped(value: Value | undefined): value is Record<string, Value> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

const optionElements = (value: Value | undefined) =>
  optionsOf(value).map(([optionValue, label]) => h("option", { value: optionValue, textContent: label }));

/**
 * Keeps a `<select>`'s options (in `<optgroup>`s when grouped) in step with the model's
 * `options`, rebuilding them only when they change (a rebuild would lose the person's
 * scroll and focus).
 */
export function optionsUpdater(select: HTMLSelectElement): (options: Value | undefined) => void {
  let shown = "";
  return (value) => {
    const key = JSON.stringify(value ?? null);
    if (key === shown) return;
    if (isGrouped(value))
      select.replaceChildren(
        ...Object.entries(value).map(([group, options]) => h("optgroup", { label: group }, ...optionElements(options))),
      );
    else select.replaceChildren(...optionElements(value));
    shown = key;
  };
}

export function renderSelect(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const select = h("select");
  const el = h("div", { className: "aperture-widget aperture-select" }, h("label", {}, title, select));
  const showOptions = optionsUpdater(select);
  select.addEventListener("change", () => ctx.set("value", select.value));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      showOptions(ctx.attr("options"));
      assign(select, "value", asString(ctx.attr("value")));
      assign(select, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
