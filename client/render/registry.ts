/** Model type → renderer. Models without one (sources, glyph renderers) are drawn by their users. */
import { renderGrid, renderSpacer, renderTabs } from "./containers.ts";
import { renderColumn, renderRow } from "./layouts.ts";
import { renderAccordion, renderCard } from "./panes.ts";
import { renderFigure } from "./plotly.ts";
import { renderButton, renderToggle } from "./widgets/buttons.ts";
import { renderCheckbox } from "./widgets/checkbox.ts";
import { renderAutocompleteInput } from "./widgets/autocomplete.ts";
import { renderMultiChoice, renderMultiSelect, renderRadioGroup } from "./widgets/choices.ts";
import { renderDatePicker } from "./widgets/date-picker.ts";
import { renderDiv } from "./widgets/div.ts";
import { renderDropdown } from "./widgets/dropdown.ts";
import { renderFileInput } from "./widgets/file-input.ts";
import { renderCheckboxButtonGroup, renderCheckboxGroup, renderRadioButtonGroup, renderSwitch } from "./widgets/groups.ts";
import { renderMarkdown } from "./widgets/markdown.ts";
import { renderAlert, renderParagraph, renderPreText } from "./widgets/markup.ts";
import { renderColorPicker, renderDatetimePicker } from "./widgets/pickers.ts";
import { renderSelect } from "./widgets/select.ts";
import { renderDateRangeSlider, renderDateSlider, renderRangeSlider, renderSlider } from "./widgets/slider.ts";
import { renderDataTable } from "./widgets/table.ts";
import { renderNumericInput, renderPasswordInput, renderSpinner, renderTextAreaInput, renderTextInput } from "./widgets/text-input.ts";
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
  CheckboxGroup: renderCheckboxGroup,
  CheckboxButtonGroup: renderCheckboxButtonGroup,
  RadioButtonGroup: renderRadioButtonGroup,
  Switch: renderSwitch,
  Dropdown: renderDropdown,
  NumericInput: renderNumericInput,
  Spinner: renderSpinner,
  TextAreaInput: renderTextAreaInput,
  PasswordInput: renderPasswordInput,
  AutocompleteInput: renderAutocompleteInput,
  MultiChoice: renderMultiChoice,
  DateSlider: renderDateSlider,
  DateRangeSlider: renderDateRangeSlider,
  DatetimePicker: renderDatetimePicker,
  ColorPicker: renderColorPicker,
  FileInput: renderFileInput,
  Paragraph: renderParagraph,
  PreText: renderPreText,
  Card: renderCard,
  Accordion: renderAccordion,
  Alert: renderAlert,
};

export function rendererFor(type: string): Renderer | undefined {
  return Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
}
