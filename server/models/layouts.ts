/** Row and column layouts (CSS flexbox in the page). */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";

const layoutProps = {
  children: prop.refs<Model>(),
  spacing: prop.number(8, { min: 0 }),
};

export class Row extends defineModel("Row", layoutProps) {}
export class Column extends defineModel("Column", layoutProps) {}

/** @example doc.addRoot(row(slider, plot)) */
export function row(...children: Model[]): Row {
  return new Row({ children });
}

/** @example doc.addRoot(column(slider, plot)) */
export function column(...children: Model[]): Column {
  return new Column({ children });
}
