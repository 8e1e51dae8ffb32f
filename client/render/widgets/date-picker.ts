/** DatePicker: a native date input; `value` is the day as "YYYY-MM-DD". */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

export function renderDatePicker(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const input = h("input", { type: "date" });
  const el = h("div", { className: "aperture-widget aperture-date-picker" }, h("label", {}, title, input));
  // An emptied field is not a date: the shown value goes back to the document's.
  input.addEventListener("change", () => {
    if (input.value === "") input.value = asString(ctx.attr("value"));
    else ctx.set("value", input.value);
  });
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "min", asString(ctx.attr("minDate")));
      assign(input, "max", asString(ctx.attr("maxDate")));
      assign(input, "value", asString(ctx.attr("value")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
