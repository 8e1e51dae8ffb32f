/**
 * CheckboxGroup, CheckboxButtonGroup, RadioButtonGroup and Switch: each writes `active`
 * (indices of the checked labels, one index, or on/off). Labels are rebuilt only when they
 * change, so the clicked one keeps its focus.
 */
import type { Value } from "../../../server/protocol/index.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asString } from "../values.ts";

export function stringsOf(value: Value | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function indicesOf(value: Value | undefined): Set<number> {
  return new Set(
    Array.isArray(value) ? value.filter((item): item is number => typeof item === "number") : typeof value === "number" ? [value] : [],
  );
}

/** Rebuilds `el`'s items from the labels when they change. */
function labelsUpdater(el: HTMLElement, make: (label: string, index: number) => HTMLElement): (labels: string[]) => void {
  let shown = "";
  return (labels) => {
    const key = JSON.stringify(labels);
    if (key === shown) return;
    el.replaceChildren(...labels.map(make));
    shown = key;
  };
}

export function renderCheckboxGroup(ctx: RenderContext): View {
  const el = h("div", { className: "aperture-widget aperture-checkbox-group", role: "group" });
  const showLabels = labelsUpdater(el, (text, i) =>
    h("label", {}, h("input", { type: "checkbox", value: String(i) }), h("span", { textContent: text })),
  );
  el.addEventListener("change", () => {
    const checked = Array.from(el.querySelectorAll("input"), (input, i) => (input.checked ? i : -1)).filter((i) => i >= 0);
    ctx.set("active", checked);
  });
  return {
    el,
    update() {
      showLabels(stringsOf(ctx.attr("labels")));
      el.classList.toggle("aperture-inline", asBoolean(ctx.attr("inline")));
      const active = indicesOf(ctx.attr("active"));
      const disabled = asBoolean(ctx.attr("disabled"));
      for (const [i, input] of Array.from(el.querySelectorAll("input")).entries()) {
        assign(input, "checked", active.has(i));
        assign(input, "disabled", disabled);
      }
    },
  };
}

/** Buttons side by side; `many`: each toggles (CheckboxButtonGroup), else one is pressed (RadioButtonGroup). */
function buttonGroup(ctx: RenderContext, many: boolean): View {
  const el = h("div", { className: "aperture-button-group", role: many ? "group" : "radiogroup" });
  const showLabels = labelsUpdater(el, (text, i) => h("button", { type: "button", textContent: text, value: String(i) }));
  el.addEventListener("click", (event) => {
    const button = (event.target as Element).closest("button");
    if (button === null || button.disabled) return;
    const index = Number(button.value);
    if (!many) return ctx.set("active", index);
    const active = indicesOf(ctx.attr("active"));
    if (active.has(index)) active.delete(index);
    else active.add(index);
    ctx.set(
      "active",
      [...active].sort((a, b) => a - b),
    );
  });
  return {
    el,
    update() {
      showLabels(stringsOf(ctx.attr("labels")));
      el.classList.toggle("aperture-vertical", ctx.attr("orientation") === "vertical");
      const active = indicesOf(ctx.attr("active"));
      const type = asString(ctx.attr("buttonType"), "default");
      const disabled = asBoolean(ctx.attr("disabled"));
      for (const [i, button] of Array.from(el.querySelectorAll("button")).entries()) {
        assign(button, "className", `aperture-button aperture-button-${type}`);
        button.setAttribute("aria-pressed", String(active.has(i)));
        assign(button, "disabled", disabled);
      }
    },
  };
}

export const renderCheckboxButtonGroup = (ctx: RenderContext) => buttonGroup(ctx, true);
export const renderRadioButtonGroup = (ctx: RenderContext) => buttonGroup(ctx, false);

export function renderSwitch(ctx: RenderContext): View {
  const input = h("input", { type: "checkbox", className: "aperture-switch-input" });
  input.setAttribute("role", "switch");
  const el = h("label", { className: "aperture-widget aperture-switch" }, input, h("span", { className: "aperture-switch-track" }));
  input.addEventListener("change", () => ctx.set("active", input.checked));
  return {
    el,
    update() {
      assign(input, "checked", asBoolean(ctx.attr("active")));
      assign(input, "disabled", asBoolean(ctx.attr("disabled")));
    },
  };
}
