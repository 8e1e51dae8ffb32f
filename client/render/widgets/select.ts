/** Select: a native `<select>`; options are strings or `[value, label]` pairs. */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

export function optionsOf(value: Value | undefined): [string, string][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((option): [string, string][] => {
    if (typeof option === "string") return [[option, option]];
    if (Array.isArray(option) && typeof option[0] === "string") return [[option[0], asString(option[1], option[0])]];
    return [];
  });
}

/**
 * Keeps a `<select>`'s options in step with the model's `options`, rebuilding them only when
 * they change (a rebuild would lose the person's scroll and focus).
 */
export function optionsUpdater(select: HTMLSelectElement): (options: Value | undefined) => void {
  let shown = "";
  return (value) => {
    const options = optionsOf(value);
    const key = JSON.stringify(options);
    if (key === shown) return;
    select.replaceChildren(...options.map(([optionValue, label]) => h("option", { value: optionValue, textContent: label })));
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
