/**
 * A renderer's CDSView in the page: the rows its filter keeps, and the glyph's data cut down
 * to them (each drawn point then maps back to its source row).
 */
import type { DocState, ModelId, Value } from "../../../server/protocol/index.ts";
import { modelOf, refId, refIds } from "../values.ts";
import type { Drawn } from "./base.ts";
import { columnOf, type GlyphData } from "./resolve.ts";

const all = (length: number) => Array.from({ length }, (_, i) => i);

/** The rows a filter keeps, ascending (undefined: every row). */
function keep(state: DocState, id: ModelId | undefined, data: Record<string, Value>, length: number, depth = 0): number[] {
  const model = modelOf(state, id);
  if (model === undefined || depth > 16) return all(length);
  const attrs = model.attrs;
  const operands = () => refIds(attrs.operands).map((operand) => new Set(keep(state, operand, data, length, depth + 1)));
  switch (model.type) {
    case "IndexFilter":
      return [
        ...new Set((Array.isArray(attrs.indices) ? attrs.indices : []).filter((i): i is number => typeof i === "number" && i < length)),
      ].sort((a, b) => a - b);
    case "BooleanFilter":
      return all(length).filter((i) => Array.isArray(attrs.booleans) && attrs.booleans[i] === true);
    case "GroupFilter": {
      const column = columnOf(data, attrs.columnName);
      return all(length).filter((i) => column[i] === attrs.group);
    }
    case "IntersectionFilter":
      return all(length).filter((i) => operands().every((set) => set.has(i)));
    case "UnionFilter":
      return all(length).filter((i) => operands().some((set) => set.has(i)));
    case "InversionFilter": {
      const dropped = new Set(keep(state, refId(attrs.operand), data, length, depth + 1));
      return all(length).filter((i) => !dropped.has(i));
    }
    default:
      return all(length);
  }
}

/** The rows the renderer's view keeps, or undefined when it has no view. */
export function viewRows(g: GlyphData): number[] | undefined {
  const view = modelOf(g.state, refId(g.attrs.view));
  if (view === undefined) return undefined;
  return keep(g.state, refId(view.attrs.filter), g.data, g.length);
}

/** The glyph's data with only `rows`, in order. */
export function subset(g: GlyphData, rows: readonly number[]): GlyphData {
  const data: Record<string, Value> = {};
  for (const [name, column] of Object.entries(g.data)) {
    if (!Array.isArray(column) && !ArrayBuffer.isView(column)) continue;
    const values = column as ArrayLike<unknown>;
    const picked = rows.map((i) => values[i]);
    data[name] = (ArrayBuffer.isView(column) ? new (column.constructor as new (v: unknown[]) => Value)(picked) : picked) as Value;
  }
  return { ...g, data, length: rows.length };
}

/** Drawn traces of a subset, their points mapped back to the source's rows. */
export function mapRows(drawn: Drawn[], rows: readonly number[]): Drawn[] {
  const position = new Map(rows.map((row, k) => [row, k]));
  return drawn.map(({ trace, rows: own }) => {
    const selected = trace.selectedpoints;
    const mapped = Array.isArray(selected)
      ? selected.flatMap((row) => (position.has(row as number) ? [position.get(row as number)!] : []))
      : undefined;
    return {
      trace: { ...trace, selectedpoints: mapped?.length ? mapped : undefined },
      rows: own === undefined ? rows : own.map((i) => rows[i]!),
    };
  });
}
