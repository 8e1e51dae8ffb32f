/** TextInput: sends `value` when the person commits it (Enter or leaving the field). */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

export function renderTextInput(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const input = h("input", { type: "text" });
  const el = h("div", { className: "aperture-widget aperture-text-input" }, h("label", {}, title, input));
  input.addEventListener("change", () => ctx.set("value", input.value));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(input, "value", asString(ctx.attr("value")));
      assign(input, "placeholder", asString(ctx.attr("placeholder")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
