/** DatetimePicker (a native date-time input, wall-clock text) and ColorPicker (a native colour input). */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

function titled(className: string, input: HTMLInputElement): { el: HTMLDivElement; title: HTMLSpanElement } {
  const title = h("span", { className: "aperture-title" });
  return { el: h("div", { className: `aperture-widget ${className}` }, h("label", {}, title, input)), title };
}

export function renderDatetimePicker(ctx: RenderContext): View {
  const input = h("input", { type: "datetime-local" });
  const { el, title } = titled("aperture-datetime-picker", input);
  input.addEventListener("change", () => ctx.set("value", input.value === "" ? null : input.value));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "step", ctx.attr("enableSeconds") === false ? "60" : "1");
      assign(input, "min", asString(ctx.attr("minDate")));
      assign(input, "max", asString(ctx.attr("maxDate")));
      assign(input, "value", asString(ctx.attr("value")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}

/** A colour input shows only `#rrggbb`; other CSS colours from the server show as black. */
export function renderColorPicker(ctx: RenderContext): View {
  const input = h("input", { type: "color" });
  const { el, title } = titled("aperture-color-picker", input);
  input.addEventListener("change", () => ctx.set("color", input.value));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "value", asString(ctx.attr("color"), "#000000"));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
