/**
 * Slider, RangeSlider, DateSlider and DateRangeSlider: native range inputs; `value` while
 * moving, `valueThrottled` on release. A codec maps the model's values (numbers, or days as
 * "YYYY-MM-DD") to the input's numbers and writes the readout.
 */
import type { Value } from "../../../server/protocol/index.ts";
import { datetimeFormat, numeralFormat } from "../../../server/protocol/format.ts";
import { assign, h } from "../dom.ts";
import type { RenderContext, Renderer } from "../view.ts";
import { asBoolean, asNumber, asString, formatNumber } from "../values.ts";

interface Scale {
  start: number;
  end: number;
  step: number;
}

interface SliderCodec {
  scale(ctx: RenderContext): Scale;
  toNumber(value: Value | undefined, fallback: number): number;
  fromNumber(value: number): Value;
  readout(value: number, scale: Scale, ctx: RenderContext): string;
}

const NUMBERS: SliderCodec = {
  scale(ctx) {
    const start = asNumber(ctx.attr("start"), 0);
    return { start, end: asNumber(ctx.attr("end"), start + 1), step: asNumber(ctx.attr("step"), 1) };
  },
  toNumber: asNumber,
  fromNumber: (value) => value,
  // Bokeh's `format` is a numeral.js format ("0,0"); without one, as many decimals as the step has.
  readout: (value, scale, ctx) => {
    const format = asString(ctx.attr("format"));
    return format === "" ? formatNumber(value, scale.step) : numeralFormat(value, format);
  },
};

const DAY = 86_400_000;
/** Days since the epoch, from "YYYY-MM-DD". */
const dayNumber = (value: Value | undefined, fallback: number) => {
  const time = typeof value === "string" ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  return Number.isFinite(time) ? time / DAY : fallback;
};

const DAYS: SliderCodec = {
  scale(ctx) {
    const start = dayNumber(ctx.attr("start"), 0);
    return { start, end: dayNumber(ctx.attr("end"), start), step: asNumber(ctx.attr("step"), 1) };
  },
  toNumber: dayNumber,
  fromNumber: (value) => new Date(value * DAY).toISOString().slice(0, 10),
  readout: (value, _scale, ctx) => datetimeFormat(value * DAY, asString(ctx.attr("format"), "%d %b %Y")),
};

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
function sliderRenderer(codec: SliderCodec): Renderer {
  return (ctx) => {
    const { label, title, readout } = header();
    const input = rangeInput();
    label.append(input);
    const el = h("div", { className: "aperture-widget aperture-slider" }, label);
    const current = () => codec.fromNumber(Number(input.value));
    input.addEventListener("input", () => {
      readout.textContent = codec.readout(Number(input.value), codec.scale(ctx), ctx);
      ctx.set("value", current());
    });
    input.addEventListener("change", () => ctx.update({ value: current(), valueThrottled: current() }));
    return {
      el,
      update() {
        const scale = codec.scale(ctx);
        const value = codec.toNumber(ctx.attr("value"), scale.start);
        title.textContent = asString(ctx.attr("title"));
        readout.textContent = codec.readout(value, scale, ctx);
        setRange(input, scale, value, asBoolean(ctx.attr("disabled")));
      },
    };
  };
}

export const renderSlider = sliderRenderer(NUMBERS);
export const renderDateSlider = sliderRenderer(DAYS);

function pairOf(ctx: RenderContext, codec: SliderCodec, scale: Scale): [number, number] {
  const value = ctx.attr("value");
  const [low, high] = Array.isArray(value) ? value : [];
  return [codec.toNumber(low, scale.start), codec.toNumber(high, scale.end)];
}

/** Two overlaid range inputs (low, high); moving one past the other stops at it. */
function rangeSliderRenderer(codec: SliderCodec): Renderer {
  return (ctx) => {
    const { label, title, readout } = header();
    const low = rangeInput();
    const high = rangeInput();
    low.setAttribute("aria-label", "low");
    high.setAttribute("aria-label", "high");
    const track = h("div", { className: "aperture-range-pair" }, low, high);
    const el = h("div", { className: "aperture-widget aperture-slider" }, label, track);
    const show = (pair: [number, number]) => {
      const scale = codec.scale(ctx);
      readout.textContent = `${codec.readout(pair[0], scale, ctx)} – ${codec.readout(pair[1], scale, ctx)}`;
      // The stretch between the thumbs is highlighted by the stylesheet.
      const percent = (value: number) => `${scale.end > scale.start ? ((value - scale.start) / (scale.end - scale.start)) * 100 : 0}%`;
      track.style.setProperty("--low", percent(pair[0]));
      track.style.setProperty("--high", percent(pair[1]));
    };
    const current = (moved: HTMLInputElement): [number, number] => {
      if (Number(low.value) > Number(high.value)) moved.value = moved === low ? high.value : low.value;
      return [Number(low.value), Number(high.value)];
    };
    const encoded = (pair: [number, number]) => pair.map((value) => codec.fromNumber(value));
    for (const input of [low, high]) {
      input.addEventListener("input", () => {
        const pair = current(input);
        show(pair);
        ctx.set("value", encoded(pair));
      });
      input.addEventListener("change", () => {
        const pair = encoded(current(input));
        ctx.update({ value: pair, valueThrottled: pair });
      });
    }
    return {
      el,
      update() {
        const scale = codec.scale(ctx);
        const pair = pairOf(ctx, codec, scale);
        const disabled = asBoolean(ctx.attr("disabled"));
        title.textContent = asString(ctx.attr("title"));
        show(pair);
        setRange(low, scale, pair[0], disabled);
        setRange(high, scale, pair[1], disabled);
      },
    };
  };
}

export const renderRangeSlider = rangeSliderRenderer(NUMBERS);
export const renderDateRangeSlider = rangeSliderRenderer(DAYS);
