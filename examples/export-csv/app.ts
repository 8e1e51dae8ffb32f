/**
 * Bokeh's `examples/server/app/export_csv`, ported by renaming, over a made-up salary table:
 * the range slider picks a salary band (the server filters the rows into the table), and the
 * Download button saves the shown rows as `data_result.csv`, made in the page by a CustomJS
 * read from `download.js`. Changes beyond camelCase: the column is `yearsExperience`, and
 * the event is Aperture's `"click"` (Bokeh's `"button_click"`).
 */
import { readFileSync } from "node:fs";
import {
  Button,
  ColumnDataSource,
  CustomJS,
  DataTable,
  NumberFormatter,
  RangeSlider,
  TableColumn,
  column,
  row,
  type Document,
} from "aperture";
import { makeSalaries } from "./data.ts";

export const title = "Export CSV";

const df = makeSalaries();
const downloadJs = readFileSync(new URL("./download.js", import.meta.url), "utf8");

export default function exportCsv(doc: Document): void {
  const source = new ColumnDataSource({ name: "salaries", data: {} });

  const slider = new RangeSlider({
    name: "salary",
    title: "Max Salary",
    start: 10000,
    end: 110000,
    value: [10000, 50000],
    step: 1000,
    format: "0,0",
  });

  const update = () => {
    const [low, high] = slider.value;
    const rows = Array.from(df.salary.keys()).filter((i) => df.salary[i]! >= low && df.salary[i]! <= high);
    source.data = {
      name: rows.map((i) => df.name[i]!),
      salary: Float64Array.from(rows, (i) => df.salary[i]!),
      yearsExperience: Float64Array.from(rows, (i) => df.yearsExperience[i]!),
    };
  };
  slider.onChange("value", () => update());

  const button = new Button({ name: "download", label: "Download", buttonType: "success" });
  button.jsOnEvent("click", new CustomJS({ args: { source }, code: downloadJs }));

  const columns = [
    new TableColumn({ field: "name", title: "Employee Name" }),
    new TableColumn({ field: "salary", title: "Income", formatter: new NumberFormatter({ format: "$0,0.00" }) }),
    new TableColumn({ field: "yearsExperience", title: "Experience (years)" }),
  ];

  const dataTable = new DataTable({ name: "table", source, columns, width: 800 });

  const controls = column(slider, button);

  doc.addRoot(row(controls, dataTable));
  doc.title = "Export CSV";

  update();
}
