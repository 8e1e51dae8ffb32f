/** ColumnDataSource: named columns of equal length; numeric columns are typed arrays. */
import { isPlainObject, isTypedArray, toPointer, type DocOp, type TypedArray, type Value } from "../protocol/index.ts";
import { engineOf } from "../document/document.ts";
import { AttributeError, defineModel, type InitOf } from "../document/model.ts";
import { prop } from "../document/props.ts";
import { also, rowCount } from "./checks.ts";

export type ColumnArray = TypedArray | Value[];
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
  constructor(init: InitOf<typeof sourceProps> & { data?: Record<C, ColumnArray> } = {}) {
    super(init);
  }

  /** The columns (a copy of the table, so `const d = source.data; d.y = …; source.data = d` is a change). */
  override get data(): Record<C, ColumnArray> & ColumnData {
    return this.getAttr("data") as Record<C, ColumnArray> & ColumnData;
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
      if (missing.length > 0) throw new AttributeError(`ColumnDataSource.data: ${user} draws column${missing.length > 1 ? "s" : ""} ${missing.map((name) => `"${name}"`).join(", ")}, which the new data lacks (keep them, or change the glyph first)`);
    }
  }

  get length(): number {
    const first = Object.values(this.data)[0];
    return first ? first.length : 0;
  }

  /**
   * Appends rows to every column, keeping only the last `rollover` rows when given. Only the
   * new rows travel (binary for typed columns).
   * @example source.stream({ time: [t], value: [v] }, 1000)
   */
  stream(rows: Record<string, ArrayLike<unknown>>, rollover?: number): void {
    if (rollover !== undefined && (!Number.isSafeInteger(rollover) || rollover <= 0)) {
      throw new AttributeError(`ColumnDataSource.stream: rollover must be a positive integer, got ${rollover}`);
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
      next[name] = appendRolling(current[name]!, added[name], rollover);
    }
    const counts = new Set(Object.values(added).map((column) => column.length));
    if (counts.size > 1) throw new AttributeError("ColumnDataSource.stream: every column needs the same number of new rows");
    this.replaceData(next, { op: "x-stream", path: this.dataPath(), value: added, ...(rollover ? { rollover } : {}) });
  }

  /**
   * Sets single cells: `{ column: [[index, value], …] }`. Only the changed cells travel.
   * @example source.patch({ temperature: [[0, 12.5]] })
   */
  patch(cells: Record<string, [number, Value][]>): void {
    const next: ColumnData = { ...this.data };
    for (const [name, changes] of Object.entries(cells)) {
      const column = Object.hasOwn(next, name) ? next[name] : undefined;
      if (!column || !Array.isArray(changes)) throw new AttributeError(`ColumnDataSource.patch: no column "${name}"`);
      // Columns may be shared with other sessions: copy, never write in place.
      const copy = column.slice() as ColumnArray;
      for (const [index, value] of changes) {
        if (!Number.isSafeInteger(index) || index < 0 || index >= copy.length) {
          throw new AttributeError(`ColumnDataSource.patch: row ${index} of "${name}" is out of range 0..${copy.length - 1}`);
        }
        if (isTypedArray(copy) && typeof value !== "number") throw new AttributeError(`ColumnDataSource.patch: "${name}" holds numbers`);
        if (!isTypedArray(copy) && !isPlainValue(value)) throw new AttributeError(`ColumnDataSource.patch: ${String(value)} is not a JSON value`);
        (copy as Value[])[index] = value;
      }
      next[name] = copy;
    }
    this.replaceData(next, { op: "x-patch", path: this.dataPath(), value: cells });
  }

  private dataPath(): string {
    return toPointer(["models", this.id ?? "", "attrs", "data"]);
  }

  private replaceData(next: ColumnData, op: DocOp): void {
    if (this.document) engineOf(this.document).writeAttrWithOp(this, "data", next, op);
    else this.detached.data = next;
  }
}

/** New rows in the column's own kind: typed columns stay typed (and binary on the wire). */
function likeColumn(column: ColumnArray, rows: ArrayLike<unknown>): ColumnArray {
  if (isTypedArray(column)) {
    const Ctor = column.constructor as new (values: ArrayLike<number>) => TypedArray;
    for (let i = 0; i < rows.length; i++) {
      if (typeof rows[i] !== "number") throw new AttributeError("ColumnDataSource.stream: a numeric column takes numbers only");
    }
    return new Ctor(rows as ArrayLike<number>);
  }
  const values = Array.from(rows as ArrayLike<Value>);
  // A plain column holds JSON values only: no undefined, functions or NaN that would not survive the wire.
  const bad = values.findIndex((value) => !isPlainValue(value));
  if (bad >= 0) throw new AttributeError(`ColumnDataSource.stream: ${String(values[bad])} is not a JSON value`);
  return values;
}

function isPlainValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainValue);
  return isPlainObject(value) && Object.values(value).every(isPlainValue);
}

function appendRolling(column: ColumnArray, added: ColumnArray, rollover: number | undefined): ColumnArray {
  const total = column.length + added.length;
  const keep = rollover === undefined ? total : Math.min(total, rollover);
  const skip = total - keep;
  if (isTypedArray(column)) {
    const Ctor = column.constructor as new (length: number) => TypedArray;
    const out = new Ctor(keep);
    const fromOld = column.subarray(Math.min(skip, column.length));
    out.set(fromOld, 0);
    out.set((added as TypedArray).subarray(Math.max(0, skip - column.length)), fromOld.length);
    return out;
  }
  return (column as Value[]).concat(added as Value[]).slice(skip);
}
