/** Model type → renderer. Models without one (sources, glyph renderers) are drawn by their users. */
import { renderGrid, renderSpacer, renderTabs } from "./containers.ts";
import { renderColumn, renderRow } from "./layouts.ts";
import { renderFigure } from "./plotly.ts";
import { renderButton, renderToggle } from "./widgets/buttons.ts";
import { renderCheckbox } from "./widgets/checkbox.ts";
import { renderMultiSelect, renderRadioGroup } from "./widgets/choices.ts";
import { renderDatePicker } from "./widgets/date-picker.ts";
import { renderDiv } from "./widgets/div.ts";
import { renderMarkdown } from "./widgets/markdown.ts";
import { renderSelect } from "./widgets/select.ts";
import { renderRangeSlider, renderSlider } from "./widgets/slider.ts";
import { renderDataTable } from "./widgets/table.ts";
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
  GridBox: renderGrid,
  Spacer: renderSpacer,
  Tabs: renderTabs,
  DatePicker: renderDatePicker,
  MultiSelect: renderMultiSelect,
  RadioGroup: renderRadioGroup,
  Markdown: renderMarkdown,
  DataTable: renderDataTable,
};

export function rendererFor(type: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
}
