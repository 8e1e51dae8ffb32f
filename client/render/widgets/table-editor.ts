/**
 * The input a person edits a DataTable cell in, by the column's editor (Bokeh's
 * StringEditor, NumberEditor, IntEditor, SelectEditor, CheckboxEditor, DateEditor). The page
 * reads what was typed as the editor's kind of value where it can; the server checks it, and
 * a value it refuses comes back as an error that says why.
 */
import type { ModelState, Value } from "../../../server/protocol/index.ts";
import { h } from "../dom.ts";
import { asNumber } from "../values.ts";
import { isoDayOf, parseEdit } from "./table-edit-values.ts";

export interface CellEditorInput {
  el: HTMLInputElement | HTMLSelectElement;
  /** The value to send for what the person entered. */
  read(): Value;
}

function strings(value: Value | undefined): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function textInput(editor: ModelState, value: Value | undefined): CellEditorInput {
  const input = h("input", { type: "text", className: "aperture-cell-editor" });
  input.value = typeof value === "string" ? value : value === null || value === undefined ? "" : JSON.stringify(value);
  if (editor.type === "NumberEditor" || editor.type === "IntEditor") {
    input.inputMode = editor.type === "IntEditor" ? "numeric" : "decimal";
    input.step = String(asNumber(editor.attrs.step, 1));
  }
  return { el: input, read: () => parseEdit(editor.type, input.value) };
}

const INPUTS: Readonly<Record<string, (editor: ModelState, value: Value | undefined) => CellEditorInput>> = {
  SelectEditor: (editor, value) => {
    const select = h("select", { className: "aperture-cell-editor" });
    select.append(...strings(editor.attrs.options).map((option) => h("option", { value: option, textContent: option })));
    if (typeof value === "string") select.value = value;
    return { el: select, read: () => select.value };
  },
  CheckboxEditor: (_editor, value) => {
    const box = h("input", { type: "checkbox", className: "aperture-cell-editor", checked: value === true });
    return { el: box, read: () => box.checked };
  },
  DateEditor: (_editor, value) => {
    const input = h("input", { type: "date", className: "aperture-cell-editor", value: isoDayOf(value) });
    return { el: input, read: () => input.value };
  },
};

/** The input for editing `value` with `editor` (text for a string editor, or an unknown one). */
export function editorInput(editor: ModelState | undefined, value: Value | undefined): CellEditorInput {
  const model = editor ?? { type: "StringEditor", attrs: {} };
  const make = Object.hasOwn(INPUTS, model.type) ? INPUTS[model.type]! : textInput;
  return make(model, value);
}
