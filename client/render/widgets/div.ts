/** Div: HTML written by the app's author in the server handler (trusted, as in Bokeh). */
import { h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asString } from "../values.ts";

export function renderDiv(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-div" });
  let shown: string | undefined;
  return {
    el,
    update() {
      const text = asString(ctx.attr("text"));
      if (text !== shown) el.innerHTML = shown = text;
    },
  };
}
