/** Checkbox: a native checkbox and its label, writing `active`. */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

export function renderCheckbox(ctx: RenderContext): View {
  const input = h("input", { type: "checkbox" });
  const text = h("span");
  const el = h("div", { className: "aperture-widget aperture-checkbox" }, h("label", {}, input, text));
  input.addEventListener("change", () => ctx.set("active", input.checked));
  return {
    el,
    update() {
      text.textContent = asString(ctx.attr("label"));
      assign(input, "checked", asBoolean(ctx.attr("active")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
