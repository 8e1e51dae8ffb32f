/** MultiSelect (a `<select multiple>` writing the chosen values) and RadioGroup (writing `active`). */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asString } from "../values.ts";
import { optionsUpdater } from "./select.ts";

function stringsOf(value: Value | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export function renderMultiSelect(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const select = h("select", { multiple: true });
  const el = h("div", { className: "aperture-widget aperture-multi-select" }, h("label", {}, title, select));
  const showOptions = optionsUpdater(select);
  select.addEventListener("change", () => ctx.set("value", Array.from(select.selectedOptions, (option) => option.value)));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      showOptions(ctx.attr("options"));
      const chosen = new Set(stringsOf(ctx.attr("value")));
      for (const option of select.options) assign(option, "selected", chosen.has(option.value));
      assign(select, "size", asNumber(ctx.attr("size"), 4));
      assign(select, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}

export function renderRadioGroup(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-widget aperture-radio-group", role: "radiogroup" });
  // One group name per view, so two radio groups on a page never share their buttons.
  const group = `aperture-radio-${ctx.id}-${Math.random().toString(36).slice(2)}`;
  let shown = "";
  el.addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    if (input.checked) ctx.set("active", Number(input.value));
  });
  return {
    el,
    update() {
      const labels = stringsOf(ctx.attr("labels"));
      const key = JSON.stringify(labels);
      if (key !== shown) {
        el.replaceChildren(...labels.map((text, i) => h("label", {}, h("input", { type: "radio", name: group, value: String(i) }), h("span", { textContent: text }))));
        shown = key;
      }
      el.classList.toggle("aperture-inline", asBoolean(ctx.attr("inline")));
      const active = ctx.attr("active");
      const disabled = asBoolean(ctx.attr("disabled"));
      for (const [i, input] of Array.from(el.querySelectorAll("input")).entries()) {
        assign(input, "checked", typeof active === "number" && active === i);
        assign(input, "disabled", disabled);
      }
    },
  };
}
