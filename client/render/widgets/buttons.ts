/** Button (sends a `click` event) and Toggle (a pressed/unpressed button writing `active`). */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

function styleButton(ctx: RenderContext, button: HTMLButtonElement): void {
  assign(button, "textContent", asString(ctx.attr("label")));
  assign(button, "className", `aperture-button aperture-button-${asString(ctx.attr("buttonType"), "default")}`);
  assign(button, "disabled", asBoolean(ctx.attr("disabled")));
}

export function renderButton(ctx: RenderContext): View {
  const button = h("button", { type: "button" });
  button.addEventListener("click", () => ctx.event("click", {}));
  return { el: button, update: () => styleButton(ctx, button) };
}

export function renderToggle(ctx: RenderContext): View {
  const button = h("button", { type: "button" });
  button.addEventListener("click", () => ctx.set("active", !asBoolean(ctx.attr("active"))));
  return {
    el: button,
    update() {
      styleButton(ctx, button);
      button.setAttribute("aria-pressed", String(asBoolean(ctx.attr("active"))));
    },
  };
}
