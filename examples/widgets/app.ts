/**
 * Every widget, as Bokeh and Panel name them. Each one a person edits tells the server, and
 * the server's callback writes what it received into the log beside it (so a browser test,
 * and a person, can see the round trip).
 */
import {
  AutocompleteInput,
  Button,
  Card,
  CheckboxButtonGroup,
  CheckboxGroup,
  ColorPicker,
  DateRangeSlider,
  DateSlider,
  DatetimePicker,
  Dropdown,
  FileInput,
  MultiChoice,
  NumericInput,
  Paragraph,
  PasswordInput,
  PreText,
  RadioButtonGroup,
  Select,
  Slider,
  Spinner,
  Switch,
  TextAreaInput,
  TextInput,
  Toggle,
  Div,
  Accordion,
  Alert,
  CheckboxEditor,
  ColumnDataSource,
  DateEditor,
  DateFormatter,
  HTMLTemplateFormatter,
  IntEditor,
  NumberEditor,
  NumberFormatter,
  SelectEditor,
  StringEditor,
  TableColumn,
  column,
  dataTable,
  row,
  type Document,
  type Model,
} from "aperture";

export const title = "Widgets: every Bokeh and Panel input";

/** The widgets a person edits, and the attribute each writes. */
function inputs(): [Model, string][] {
  return [
    [new CheckboxGroup({ name: "checkboxes", labels: ["Apples", "Pears", "Plums"], active: [0] }), "active"],
    [new CheckboxButtonGroup({ name: "checkbox-buttons", labels: ["Bold", "Italic", "Underline"], active: [] }), "active"],
    [new RadioButtonGroup({ name: "radio-buttons", labels: ["Day", "Week", "Month"], active: 0 }), "active"],
    [new Switch({ name: "switch", active: false }), "active"],
    [new Spinner({ name: "spinner", title: "Spinner", low: 0, high: 10, step: 0.5, value: 1 }), "value"],
    [new NumericInput({ name: "numeric", title: "Numeric input", mode: "float", value: 1234.5, format: "0,0.00" }), "value"],
    [new TextAreaInput({ name: "textarea", title: "Text area", rows: 3, maxLength: 2000 }), "value"],
    [new PasswordInput({ name: "password", title: "Password", placeholder: "secret" }), "value"],
    [
      new AutocompleteInput({
        name: "autocomplete",
        title: "Country",
        completions: ["Finland", "France", "Germany", "Greece"],
        caseSensitive: false,
      }),
      "value",
    ],
    [new MultiChoice({ name: "multichoice", title: "Tags", options: ["red", "green", "blue"], value: ["red"], maxItems: 2 }), "value"],
    [new DateSlider({ name: "date-slider", title: "Day", start: "2024-01-01", end: "2024-12-31", value: "2024-06-01" }), "value"],
    [
      new DateRangeSlider({
        name: "date-range",
        title: "Days",
        start: "2024-01-01",
        end: "2024-12-31",
        value: ["2024-03-01", "2024-09-30"],
      }),
      "value",
    ],
    [new DatetimePicker({ name: "datetime", title: "Meeting", value: "2024-05-01T09:30:00" }), "value"],
    [new ColorPicker({ name: "color", title: "Colour", color: "#1f77b4" }), "color"],
    [new FileInput({ name: "file", title: "Upload (≤ 100 kB)", accept: ".txt,.csv", maxSize: 100_000 }), "filename"],
    [
      new Select({
        name: "grouped",
        title: "Grouped select",
        options: {
          Fruit: ["apple", "pear"],
          Vegetables: [
            ["leek", "Leek"],
            ["kale", "Kale"],
          ],
        },
      }),
      "value",
    ],
    [new Slider({ name: "slider", title: "Slider (step 5)", start: 0, end: 100, step: 5, value: 50 }), "valueThrottled"],
  ];
}

/** An editable DataTable: each column has Bokeh's formatter and editor for its kind of value. */
function carsTable() {
  const source = new ColumnDataSource({
    data: {
      name: ["Civic", "Golf", "Model 3", "Mustang"],
      mpg: new Float64Array([35.1, 30.2, 132, 21.4]),
      cylinders: [4, 4, 0, 8],
      origin: ["Japan", "Europe", "US", "US"],
      built: new Float64Array([Date.UTC(2019, 2, 1), Date.UTC(2020, 5, 15), Date.UTC(2021, 0, 10), Date.UTC(2018, 8, 30)]),
      electric: [false, false, true, false],
    },
  });
  const columns = [
    new TableColumn({ field: "name", title: "Car", editor: new StringEditor() }),
    new TableColumn({ field: "mpg", title: "MPG", formatter: new NumberFormatter({ format: "0.0" }), editor: new NumberEditor() }),
    new TableColumn({ field: "cylinders", title: "Cyl.", editor: new IntEditor(), width: 60 }),
    new TableColumn({ field: "origin", editor: new SelectEditor({ options: ["US", "Europe", "Japan"] }) }),
    new TableColumn({ field: "built", formatter: new DateFormatter({ format: "%d %b %Y" }), editor: new DateEditor() }),
    new TableColumn({ field: "electric", editor: new CheckboxEditor(), width: 70 }),
    new TableColumn({
      field: "name",
      title: "Search",
      formatter: new HTMLTemplateFormatter({ template: '<a href="https://duckduckgo.com/?q=<%= value %>"><%= value %> ↗</a>' }),
      sortable: false,
    }),
  ];
  const table = dataTable(source, columns, { name: "cars", editable: true, selectable: "checkbox", height: 160 });
  return { source, table };
}

export default function widgets(doc: Document) {
  const log = new PreText({ name: "log", text: "" });
  const received: Record<string, unknown> = {};
  const show = (name: string, value: unknown) => {
    received[name] = value;
    log.text = Object.entries(received)
      .map(([key, item]) => `${key}: ${JSON.stringify(item)}`)
      .join("\n");
  };
  const edited = inputs();
  for (const [model, attr] of edited) model.onChange(attr, (_attr, _old, value) => show(model.name!, value));
  const upload = edited.find(([model]) => model instanceof FileInput)![0] as FileInput;
  upload.onChange("value", () =>
    show(
      "file-bytes",
      upload.bytes().map((bytes) => new TextDecoder().decode(bytes)),
    ),
  );
  const menu = new Dropdown({ name: "dropdown", label: "Export", menu: ["csv", ["Excel", "xlsx"], null, "json"] });
  menu.onClick((item) => show("dropdown", item));
  const toast = new Button({ name: "notify", label: "Notify" });
  toast.onClick(() => doc.notify("A new dam has been added", { level: "success", duration: 0 }));
  const card = new Card({
    name: "card",
    title: "A card",
    children: [new Paragraph({ text: "Fold me: <b>not bold</b>, text stays text." })],
  });
  card.onChange("collapsed", (_attr, _old, value) => show("card", value));
  const sections = new Accordion({
    name: "accordion",
    titles: ["First", "Second"],
    children: [new Paragraph({ text: "One" }), new Paragraph({ text: "Two" })],
  });
  sections.onChange("active", (_attr, _old, value) => show("accordion", value));
  const pageTitle = new TextInput({ name: "page-title", title: "Page title (doc.title)", value: "Widgets" });
  pageTitle.onChange("value", (_attr, _old, value) => void (doc.title = value));
  doc.title = pageTitle.value;
  const styled = new Div({
    name: "styled",
    text: "Styled by the server",
    cssClasses: ["note"],
    styles: { "background-color": "rgb(255, 238, 170)", padding: "6px" },
    margin: [4, 8],
    tags: ["demo"],
  });
  const hide = new Toggle({ name: "hide", label: "Hide the styled note" });
  hide.onChange("active", (_attr, _old, active) => void (styled.visible = !active));
  const cars = carsTable();
  cars.source.onChange("data", (_attr, _old, data) =>
    show("cars", Object.fromEntries(Object.entries(data).map(([key, values]) => [key, Array.from(values as ArrayLike<unknown>)]))),
  );
  cars.source.onChange("selected", (_attr, _old, rows) => show("cars-selected", rows));
  const alert = new Alert({ name: "alert", object: "**Heads up:** every edit shows in the log.", alertType: "info" });
  doc.addRoot(
    row(
      column(...edited.slice(0, 9).map(([model]) => model), menu, toast),
      column(...edited.slice(9).map(([model]) => model), card, sections),
      column(alert, pageTitle, styled, hide, cars.table, log),
    ),
  );
}
