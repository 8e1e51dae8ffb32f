/** ColumnDataSource: named columns of equal length; numeric columns are typed arrays. */
import { appendRows, isTypedArray, toPointer, type DocOp, type Value } from "../protocol/index.ts";
import { engineOf } from "../document/document.ts";
import { AttributeError, defineModel, type InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { also, rowCount } from "./checks.ts";
import { cellPairs, guardedTable, likeColumn, withCells, type CellEdit, type ColumnArray } from "./source-rows.ts";

export type { ColumnArray, CellEdit, Slice } from "./source-rows.ts";
export type ColumnData = Record<string, ColumnArray>;

/** What a source needs of a glyph drawn from it. */
interface GlyphUser {
  readonly usedColumns: string[];
  toString(): string;
}

const sourceProps = {
  data: prop.columns(),
  /** Rows selected in the page (box, lasso, a table row) or by the app; each must exist. */
  selected: also(prop.indices({ clientWritable: true }), (value, attrs) => {
    const rows = rowCount(attrs.data);
    const past = (value as number[]).find((index) => index >= rows);
    return past === undefined ? undefined : `row ${past} does not exist (${rows} rows)`;
  }),
};

/**
 * Named columns of equal length. `C` is the column names when they are known where the source
 * is made (`new ColumnDataSource({ data: { x, y } })`), so a glyph naming another column is a
 * type error; a source whose columns come at run time has `C = string`.
 */
export class ColumnDataSource<C extends string = string> extends defineModel("ColumnDataSource", sourceProps) {
  /** `new ColumnDataSource({ data: { x, y } })`, or Bokeh's positional `new ColumnDataSource({ x, y })`. */
  constructor(init?: InitOf<typeof sourceProps> & { data?: Record<C, ColumnArray> });
  constructor(columns: Record<C, ColumnArray>);
  constructor(init: object = {}) {
    super(isColumnTable(init) ? { data: init } : init);
  }

  /**
   * The columns. On a live source the table refuses assignment (`source.data.x = …` would
   * change a copy and be lost): assign `source.data` whole, or use `patch`/`stream`.
   */
  override get data(): Record<C, ColumnArray> & ColumnData {
    const table = this.getAttr("data") as Record<C, ColumnArray> & ColumnData;
    return this.document ? guardedTable(table) : table;
  }

  /** Replaces the table: only the columns whose contents changed travel. */
  override set data(data: ColumnData) {
    this.setAttr("data", data);
  }

  /** Whether the source has a column of that name. */
  hasColumn(name: string): boolean {
    return Object.hasOwn(this.data, name);
  }

  /** Glyphs drawn from this source: a new `data` must keep the columns they read. */
  readonly #users = new Set<GlyphUser>();

  get columnNames(): string[] {
    return Object.keys(this.data);
  }

  /** Adds a column (Bokeh's `add`); its name defaults to `Series <n>`. Returns the name. */
  add(values: ColumnArray, name = `Series ${this.columnNames.length}`): string {
    this.data = { ...this.data, [name]: values };
    return name;
  }

  /** Removes a column (Bokeh's `remove`); a column a glyph draws cannot go. */
  remove(name: string): void {
    if (!this.hasColumn(name))
      throw new AttributeError(
        `ColumnDataSource.remove: no column "${name}" (it has ${this.columnNames.map((c) => `"${c}"`).join(", ") || "no columns"})`,
      );
    const { [name]: _removed, ...rest } = this.data as ColumnData;
    this.data = rest;
  }

  /** Called by each glyph renderer of this source. */
  addUser(user: GlyphUser): void {
    this.#users.add(user);
  }

  override setAttr(attr: string, value: unknown): void {
    if (attr === "data" && typeof value === "object" && value !== null) this.checkUsers(Object.keys(value));
    super.setAttr(attr, value);
  }

  private checkUsers(columns: readonly string[]): void {
    for (const user of this.#users) {
      const missing = user.usedColumns.filter((name) => !columns.includes(name));
      if (missing.length > 0)
        throw new AttributeError(
          `ColumnDataSource.data: ${String(user)} draws column${missing.length > 1 ? "s" : ""} ${missing.map((name) => `"${name}"`).join(", ")}, which the new data lacks (keep them, or change the glyph first)`,
        );
    }
  }

  get length(): number {
    const first = Object.values(this.data)[0];
    return first ? first.length : 0;
  }

  /**
   * Appends rows to every column, keeping only the last `rollover` rows when given (0 empties
   * the source, as in Bokeh). Only the new rows travel (binary for typed columns).
   * @example source.stream({ time: [t], value: [v] }, 1000)
   */
  stream(rows: Record<string, ArrayLike<unknown>>, rollover?: number): void {
    if (rollover !== undefined && (!Number.isSafeInteger(rollover) || rollover < 0)) {
      throw new AttributeError(`ColumnDataSource.stream: rollover must be an integer ≥ 0, got ${rollover}`);
    }
    const current = this.data;
    const names = Object.keys(current);
    const given = Object.keys(rows);
    if (given.length !== names.length || !names.every((name) => Object.hasOwn(rows, name))) {
      throw new AttributeError(`ColumnDataSource.stream: rows must have exactly the columns ${names.join(", ")}; got ${given.join(", ")}`);
    }
    const added: Record<string, ColumnArray> = {};
    const next: ColumnData = {};
    for (const name of names) {
      added[name] = likeColumn(current[name]!, rows[name]!);
      next[name] = appendRows(current[name], added[name], rollover);
    }
    const counts = new Set(Object.values(added).map((column) => column.length));
    if (counts.size > 1) throw new AttributeError("ColumnDataSource.stream: every column needs the same number of new rows");
    this.replaceData(next, { op: "x-stream", path: this.dataPath(), value: added, ...(rollover === undefined ? {} : { rollover }) });
  }

  /**
   * Sets cells: `{ column: [[index, value], …] }`, or Bokeh's slices
   * `{ column: [[{ start, stop, step }, values]] }`. Only the changed cells travel.
   * @example source.patch({ temperature: [[0, 12.5]], label: [[{ start: 0, stop: 2 }, ["a", "b"]]] })
   */
  patch(cells: Record<string, readonly CellEdit[]>): void {
    const next: ColumnData = { ...this.data };
    const sent: Record<string, [number, Value][]> = {};
    for (const [name, edits] of Object.entries(cells)) {
      const column = Object.hasOwn(next, name) ? next[name] : undefined;
      if (!column || !Array.isArray(edits)) throw new AttributeError(`ColumnDataSource.patch: no column "${name}"`);
      sent[name] = cellPairs(name, edits, column.length);
      next[name] = withCells(name, column, sent[name]);
    }
    this.replaceData(next, { op: "x-patch", path: this.dataPath(), value: sent });
  }

  private dataPath(): string {
    return toPointer(["models", this.id ?? "", "attrs", "data"]);
  }

  private replaceData(next: ColumnData, op: DocOp): void {
    if (this.document) engineOf(this.document).writeAttrWithOp(this, "data", next, op);
    else this.detached.data = next;
  }
}

/** Bokeh's positional form: every value a column. */
function isColumnTable(init: object): init is Record<string, ColumnArray> {
  const values = Object.values(init);
  return values.length > 0 && values.every((value) => Array.isArray(value) || isTypedArray(value));
}
