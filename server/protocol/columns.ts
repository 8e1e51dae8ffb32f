/**
 * Appending streamed rows to a column, the one rule the server (its state) and the page (its
 * mirror) both apply to an `x-stream`: keep the last `rollover` rows (0 empties, as in
 * Bokeh); a typed column stays typed; typed rows streamed into an empty plain column make it
 * typed (binary on the wire from then on, Bokeh's #14004); float rows streamed into an
 * integer column widen it to float64 rather than truncate.
 */
import { DTYPES, dtypeOf, isTypedArray, type Dtype, type TypedArray, type Value } from "./json.ts";

export type Column = TypedArray | Value[];

const FLOATS: ReadonlySet<Dtype | undefined> = new Set(["float32", "float64"]);

/** The dtype a typed column of `head` followed by `rows` has. */
function resultDtype(head: TypedArray, rows: Column): Dtype {
  const own = dtypeOf(head)!;
  return !FLOATS.has(own) && isTypedArray(rows) && FLOATS.has(dtypeOf(rows)) ? "float64" : own;
}

export function appendRows(current: Value | undefined, rows: Column, rollover?: number): Column {
  if (current !== undefined && !Array.isArray(current) && !isTypedArray(current)) throw new Error("x-stream: the target is not a column");
  if (rollover !== undefined && !(Number.isSafeInteger(rollover) && rollover >= 0)) {
    throw new Error(`x-stream: bad rollover ${String(rollover)}`);
  }
  const empty = current === undefined || (Array.isArray(current) && current.length === 0);
  const head: Column = empty && isTypedArray(rows) ? new DTYPES[dtypeOf(rows)!](0) : (current ?? []);
  const total = head.length + rows.length;
  const drop = total - Math.min(total, rollover ?? total);
  if (!isTypedArray(head)) {
    return [...head.slice(Math.min(drop, head.length)), ...Array.from(rows).slice(Math.max(0, drop - head.length))];
  }
  const out = new DTYPES[resultDtype(head, rows)](total - drop);
  if (drop < head.length) out.set(head.subarray(drop));
  const fromRows = Math.max(0, drop - head.length);
  const tail = isTypedArray(rows) ? rows.subarray(fromRows) : (rows.slice(fromRows) as number[]);
  out.set(tail, Math.max(0, head.length - drop));
  return out;
}
