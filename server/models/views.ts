/**
 * Bokeh's CDSView: a glyph draws only the rows its view's filter keeps (selection and taps
 * still name the source's own rows). Filters are models, so a callback that changes one
 * redraws only the glyphs that use it.
 */
import { defineModel, type Model } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { custom } from "./checks.ts";

/** The rows given by index. @example new IndexFilter({ indices: [0, 2, 4] }) */
export class IndexFilter extends defineModel("IndexFilter", { indices: prop.indices() }) {}

const booleans = custom<boolean[]>(
  () => [],
  (value) =>
    Array.isArray(value) && value.every((b) => typeof b === "boolean") ? undefined : "expected a list of true/false, one per row",
);

/** The rows whose boolean is true. @example new BooleanFilter({ booleans: [true, false, true] }) */
export class BooleanFilter extends defineModel("BooleanFilter", { booleans }) {}

const group = custom<string | number | boolean>("", (value) =>
  ["string", "number", "boolean"].includes(typeof value) ? undefined : "expected a string, number or boolean",
);

/** The rows whose `columnName` equals `group`. @example new GroupFilter({ columnName: "species", group: "setosa" }) */
export class GroupFilter extends defineModel("GroupFilter", { columnName: prop.string(""), group }) {}

/** The rows every operand keeps. */
export class IntersectionFilter extends defineModel("IntersectionFilter", { operands: prop.refs<Model>() }) {}

/** The rows any operand keeps. */
export class UnionFilter extends defineModel("UnionFilter", { operands: prop.refs<Model>() }) {}

/** The rows the operand drops. */
export class InversionFilter extends defineModel("InversionFilter", { operand: prop.ref<Model>() }) {}

/** @example plot.scatter("x", "y", { source, view: new CDSView({ filter: new GroupFilter({ columnName: "kind", group: "a" }) }) }) */
export class CDSView extends defineModel("CDSView", { filter: prop.ref<Model>({ nullable: true }) }) {}

/** The columns a view's filters read (a glyph checks them against its source). */
export function viewColumns(view: CDSView | null): string[] {
  const names: string[] = [];
  const visit = (filter: Model | null | undefined): void => {
    if (filter instanceof GroupFilter) names.push(filter.columnName);
    else if (filter instanceof IntersectionFilter || filter instanceof UnionFilter) filter.operands.forEach(visit);
    else if (filter instanceof InversionFilter) visit(filter.operand);
  };
  visit(view?.filter);
  return names;
}
