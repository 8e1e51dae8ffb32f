/**
 * TextInput, PasswordInput and TextAreaInput: send `value` when the person commits it (Enter
 * or leaving the field). NumericInput and Spinner: a number field writing a number or null.
 */
import { numeralFormat } from "../../../server/protocol/format.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, Renderer, View } from "../view.ts";
import { asBoolean, asNumber, asOptionalNumber, asString } from "../values.ts";

type Field = HTMLInputElement | HTMLTextAreaElement;

/** A titled field with its placeholder and disabled state; `show` puts the model's value in it. */
function fieldView(ctx: RenderContext, field: Field, className: string, show: () => void): View {
  const title = h("span", { className: "aperture-title" });
  const el = h("div", { className: `aperture-widget ${className}` }, h("label", {}, title, field));
  return {
    el,
    update() {
      title.textContent = asString(ctx.attr("title"));
      assign(field, "placeholder", asString(ctx.attr("placeholder")));
      assign(field, "disabled", asBoolean(ctx.attr("disabled")));
      show();
    },
  };
}

function textRenderer(make: () => Field, className: string): Renderer {
  return (ctx) => {
    const field = make();
    field.addEventListener("change", () => ctx.set("value", field.value));
    return fieldView(ctx, field, className, () => {
      assign(field, "value", asString(ctx.attr("value")));
      if (field instanceof HTMLTextAreaElement) {
        assign(field, "rows", asNumber(ctx.attr("rows"), 2));
        assign(field, "cols", asNumber(ctx.attr("cols"), 20));
        assign(field, "maxLength", asNumber(ctx.attr("maxLength"), 500));
      }
    });
  };
}

export const renderTextInput = textRenderer(() => h("input", { type: "text" }), "aperture-text-input");
export const renderPasswordInput = textRenderer(() => h("input", { type: "password", autocomplete: "off" }), "aperture-password-input");
export const renderTextAreaInput = textRenderer(() => h("textarea"), "aperture-text-area");

/** The shown text of a number: its `format` (numeral) when it has one and the field is not being edited. */
function shownNumber(ctx: RenderContext, value: number | undefined, editing: boolean): string {
  if (value === undefined) return "";
  const format = asString(ctx.attr("format"));
  return format === "" || editing ? String(value) : numeralFormat(value, format);
}

/** NumericInput (a text field that takes numbers) and Spinner (a number field with arrows and a step). */
function numberRenderer(spinner: boolean): Renderer {
  return (ctx) => {
    const field = h("input", { type: spinner ? "number" : "text", inputMode: "decimal" });
    const send = () => {
      const text = field.value.trim().replace(/,/g, "");
      const value = text === "" ? null : Number(text);
      if (value !== null && !Number.isFinite(value))
        return void (field.value = shownNumber(ctx, asOptionalNumber(ctx.attr("value")), false));
      ctx.update(spinner ? { value, valueThrottled: value } : { value });
    };
    field.addEventListener("change", send);
    field.addEventListener("focus", () => (field.value = shownNumber(ctx, asOptionalNumber(ctx.attr("value")), true)));
    field.addEventListener("blur", () => (field.value = shownNumber(ctx, asOptionalNumber(ctx.attr("value")), false)));
    return fieldView(ctx, field, spinner ? "aperture-spinner" : "aperture-numeric-input", () => {
      if (spinner) {
        assign(field, "step", String(asNumber(ctx.attr("step"), 1)));
        assign(field, "min", String(asOptionalNumber(ctx.attr("low")) ?? ""));
        assign(field, "max", String(asOptionalNumber(ctx.attr("high")) ?? ""));
      }
      assign(field, "value", shownNumber(ctx, asOptionalNumber(ctx.attr("value")), document.activeElement === field || spinner));
    });
  };
}

export const renderNumericInput = numberRenderer(false);
export const renderSpinner = numberRenderer(true);
