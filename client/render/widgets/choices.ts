/**
 * MultiSelect (a `<select multiple>` writing the chosen values), MultiChoice (chosen values as
 * removable tags, the others in a list to add from) and RadioGroup (writing `active`).
 */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asString } from "../values.ts";
import { stringsOf } from "./groups.ts";
import { optionsOf, optionsUpdater } from "./select.ts";

export function renderMultiSelect(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const select = h("select", { multiple: true });
  const el = h("div", { className: "aperture-widget aperture-multi-select" }, h("label", {}, title, select));
  const showOptions = optionsUpdater(select);
  select.addEventListener("change", () =>
    ctx.set(
      "value",
      Array.from(select.selectedOptions, (option) => option.value),
    ),
  );
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
        el.replaceChildren(
          ...labels.map((text, i) =>
            h("label", {}, h("input", { type: "radio", name: group, value: String(i) }), h("span", { textContent: text })),
          ),
        );
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

export function renderMultiChoice(ctx: RenderContext): View {
  const title = h("span", { className: "aperture-title" });
  const tags = h("div", { className: "aperture-tags" });
  const add = h("select");
  const el = h("div", { className: "aperture-widget aperture-multi-choice" }, h("label", {}, title, tags, add));
  const chosen = () => stringsOf(ctx.attr("value"));
  add.addEventListener("change", () => {
    if (add.value !== "") ctx.set("value", [...chosen(), add.value]);
  });
  tags.addEventListener("click", (event) => {
    const remove = (event.target as Element).closest<HTMLButtonElement>("button[data-value]");
    if (remove !== null)
      ctx.set(
        "value",
        chosen().filter((value) => value !== remove.dataset.value),
      );
  });
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      const options = optionsOf(ctx.attr("options"));
      const value = chosen();
      const labelOf = new Map(options);
      tags.replaceChildren(
        ...value.map((item) => {
          const remove = h("button", { type: "button", className: "aperture-dismiss", textContent: "×" });
          remove.dataset.value = item;
          remove.setAttribute("aria-label", `Remove ${labelOf.get(item) ?? item}`);
          return h("span", { className: "aperture-tag" }, labelOf.get(item) ?? item, remove);
        }),
      );
      const max = ctx.attr("maxItems");
      const full = typeof max === "number" && value.length >= max;
      const rest = options.filter(([option]) => !value.includes(option));
      add.replaceChildren(
        h("option", { value: "", textContent: asString(ctx.attr("placeholder")) || "Add…" }),
        ...rest.map(([option, label]) => h("option", { value: option, textContent: label })),
      );
      add.value = "";
      assign(add, "disabled", full || asBoolean(ctx.attr("disabled")));
    },
  };
}
