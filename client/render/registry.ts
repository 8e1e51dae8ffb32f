/** Model type → renderer. Models without one (sources, glyph renderers) are drawn by their users. */
import { renderColumn, renderRow } from "./layouts.ts";
import { renderFigure } from "./plotly.ts";
import { renderButton, renderToggle } from "./widgets/buttons.ts";
import { renderCheckbox } from "./widgets/checkbox.ts";
import { renderDiv } from "./widgets/div.ts";
import { renderSelect } from "./widgets/select.ts";
import { renderRangeSlider, renderSlider } from "./widgets/slider.ts";
import { renderTextInput } from "./widgets/text-input.ts";
import type { Renderer } from "./view.ts";

const RENDERERS: Readonly<Record<string, Renderer>> = {
  Figure: renderFigure,
  Row: renderRow,
  Column: renderColumn,
  Slider: renderSlider,
  RangeSlider: renderRangeSlider,
  Select: renderSelect,
  TextInput: renderTextInput,
  Button: renderButton,
  Checkbox: renderCheckbox,
  Toggle: renderToggle,
  Div: renderDiv,
};

export function rendererFor(type: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
}
