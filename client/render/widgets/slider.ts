/** Slider and RangeSlider: native range inputs; `value` while moving, `valueThrottled` on release. */
import { assign, h } from "../dom.ts";
import type { RenderContext, View } from "../view.ts";
import { asBoolean, asNumber, asString, formatNumber } from "../values.ts";

interface Scale {
  start: number;
  end: number;
  step: number;
}

function scaleOf(ctx: RenderContext): Scale {
  const start = asNumber(ctx.attr("start"), 0);
  return { start, end: asNumber(ctx.attr("end"), start + 1), step: asNumber(ctx.attr("step"), 1) };
}

function rangeInput(): HTMLInputElement {
  return h("input", { type: "range", className: "aperture-range" });
}

/** Applies the scale before the value: a browser clamps `value` to the current min/max. */
function setRange(input: HTMLInputElement, scale: Scale, value: number, disabled: boolean): void {
  assign(input, "min", String(scale.start));
  assign(input, "max", String(scale.end));
  assign(input, "step", String(scale.step));
  assign(input, "value", String(value));
  assign(input, "disabled", disabled);
}

/** The `<label>`: title and the current value. */
function header(): { label: HTMLLabelElement; title: HTMLSpanElement; readout: HTMLSpanElement } {
  const title = h("span", { className: "aperture-title" });
  const readout = h("span", { className: "aperture-readout" });
  return { label: h("label", { className: "aperture-slider-header" }, title, readout), title, readout };
}

/**
 * `input` fires while dragging and for each arrow key; `change` on release and also for each
 * arrow key. Both send, so keyboard use reaches the server like pointer use.
 */
export function renderSlider(ctx: RenderContext): View {
  const { label, title, readout } = header();
  const input = rangeInput();
  label.append(input);
  const el = h("div", { className: "aperture-widget aperture-slider" }, label);
  const current = () => Number(input.value);
  const step = () => scaleOf(ctx).step;
  input.addEventListener("input", () => {
    readout.textContent = formatNumber(current(), step());
    ctx.set("value", current());
  });
  input.addEventListener("change", () => ctx.update({ value: current(), valueThrottled: current() }));
  return {
    el,
    update() {
      const scale = scaleOf(ctx);
      const value = asNumber(ctx.attr("value"), scale.start);
      title.textContent = asString(ctx.attr("title"));
      readout.textContent = formatNumber(value, scale.step);
      setRange(input, scale, value, asBoolean(ctx.attr("disabled")));
    },
  };
}

function pairOf(ctx: RenderContext, scale: Scale): [number, number] {
  const value = ctx.attr("value");
  const [low, high] = Array.isArray(value) ? value : [];
  return [asNumber(low, scale.start), asNumber(high, scale.end)];
}

/** Two overlaid range inputs (low, high); moving one past the other stops at it. */
export function renderRangeSlider(ctx: RenderContext): View {
  const { label, title, readout } = header();
  const low = rangeInput();
  const high = rangeInput();
  low.setAttribute("aria-label", "low");
  high.setAttribute("aria-label", "high");
  const track = h("div", { className: "aperture-range-pair" }, low, high);
  const el = h("div", { className: "aperture-widget aperture-slider" }, label, track);
  const show = (pair: [number, number]) => {
    const { start, end, step } = scaleOf(ctx);
    readout.textContent = `${formatNumber(pair[0], step)} – ${formatNumber(pair[1], step)}`;
    // The stretch between the thumbs is highlighted by the stylesheet.
    const percent = (value: number) => `${end > start ? ((value - start) / (end - start)) * 100 : 0}%`;
    track.style.setProperty("--low", percent(pair[0]));
    track.style.setProperty("--high", percent(pair[1]));
  };
  const current = (moved: HTMLInputElement): [number, number] => {
    if (Number(low.value) > Number(high.value)) moved.value = moved === low ? high.value : low.value;
    return [Number(low.value), Number(high.value)];
  };
  for (const input of [low, high]) {
    input.addEventListener("input", () => {
      const pair = current(input);
      show(pair);
      ctx.set("value", pair);
    });
    input.addEventListener("change", () => {
      const pair = current(input);
      ctx.update({ value: pair, valueThrottled: pair });
    });
  }
  return {
    el,
    update() {
      const scale = scaleOf(ctx);
      const pair = pairOf(ctx, scale);
      const disabled = asBoolean(ctx.attr("disabled"));
      title.textContent = asString(ctx.attr("title"));
      show(pair);
      setRange(low, scale, pair[0], disabled);
      setRange(high, scale, pair[1], disabled);
    },
  };
}
