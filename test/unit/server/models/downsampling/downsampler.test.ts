import { describe, expect, it } from "vitest";
import { Document, engineOf, type FlushedPatch } from "../../../../../server/document/document.ts";
import { ColumnDataSource, dataTable, figure } from "../../../../../server/models/index.ts";
import { encodeFrame, type DocOp } from "../../../../../server/protocol/index.ts";
import type { DownsampledTable } from "../../../../../server/models/downsampling/downsampler.ts";

function columns(n: number) {
  const x = Float64Array.from({ length: n }, (_, i) => i);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1_000) + ((i * 7_919) % 101) / 100);
  return { x, y };
}

/** A document with one figure drawing a line of `n` rows, flushed, its patches captured from then on. */
function plotOf(n: number, options: { downsample?: boolean; width?: number } = {}) {
  const doc = new Document();
  const engine = engineOf(doc);
  const patches: FlushedPatch[] = [];
  const errors: unknown[] = [];
  engine.connect({ flush: (patch) => patches.push(patch), error: (error) => errors.push(error) });
  const source = new ColumnDataSource({ data: columns(n) });
  const plot = figure({ width: options.width ?? 400 });
  const line = plot.line("x", "y", { source, ...(options.downsample === undefined ? {} : { downsample: options.downsample }) });
  doc.addRoot(plot);
  engine.flush();
  return { doc, engine, source, plot, line, patches, errors };
}

const tableOf = (line: { downsampled: unknown }) => line.downsampled as DownsampledTable | null;
const sentBytes = (patches: readonly FlushedPatch[]) =>
  patches.reduce((n, patch) => n + encodeFrame({ kind: "patch", seq: patch.seq, ops: patch.ops }).length, 0);
const opsOf = (patches: readonly FlushedPatch[]): DocOp[] => patches.flatMap((patch) => patch.ops);

describe("downsampling", () => {
  it("sends a line of a million rows as a decimation of about two rows per pixel column, the source's columns not at all", () => {
    const { patches, line, engine, source } = plotOf(1_000_000);
    const table = tableOf(line)!;
    expect(table.rows.length).toBeGreaterThan(400);
    expect(table.rows.length).toBeLessThanOrEqual(2 * 400 + 4);
    expect(Object.keys(table.data).sort()).toEqual(["x", "y"]);
    expect(sentBytes(patches)).toBeLessThan(40_000);
    expect(engine.wireState().models[source.id!]!.attrs.data).toEqual({});
    expect(source.data.x).toHaveLength(1_000_000);
  });

  it("sends the columns a HoverTool's tooltips read with the decimated rows", () => {
    const doc = new Document();
    const source = new ColumnDataSource({ data: { ...columns(20_000), label: Float64Array.from({ length: 20_000 }, (_, i) => i % 7) } });
    const plot = figure({ width: 400, tooltips: [["label", "@label"]] });
    const line = plot.line("x", "y", { source });
    doc.addRoot(plot);
    engineOf(doc).flush();
    expect(Object.keys(tableOf(line)!.data).sort()).toEqual(["label", "x", "y"]);
  });

  it("draws each kept row's true values: the table's columns are the source's at its rows", () => {
    const { line, source } = plotOf(50_000);
    const table = tableOf(line)!;
    const y = source.data.y as Float64Array;
    expect(Array.from(table.data.y as Float64Array)).toEqual(Array.from(table.rows, (row) => y[row]));
  });

  it("sends the window at full resolution once the page zooms in, and only the new table", () => {
    const { plot, line, patches, engine } = plotOf(1_000_000);
    patches.length = 0;
    Object.assign(plot.xRange, { start: 500_000, end: 500_300 });
    engine.flush();
    const rows = Array.from(tableOf(line)!.rows).filter((row) => row >= 500_000 && row <= 500_300);
    expect(rows).toEqual(Array.from({ length: 301 }, (_, i) => 500_000 + i));
    expect(sentBytes(patches)).toBeLessThan(40_000);
    expect(opsOf(patches).some((op) => op.path.includes("/data"))).toBe(false);
  });

  it("recomputes nothing and sends nothing when a flush changed none of its inputs", () => {
    const { line, patches, engine } = plotOf(100_000);
    const before = tableOf(line);
    patches.length = 0;
    engine.flush();
    expect(patches).toEqual([]);
    expect(tableOf(line)).toBe(before);
  });

  it("sends a new decimation, and none of the source's rows, when the source's data is replaced", () => {
    const { source, line, patches, engine } = plotOf(200_000);
    patches.length = 0;
    const { x } = columns(200_000);
    source.data = { x, y: x.map((v) => v * 2) };
    engine.flush();
    const table = tableOf(line)!;
    expect(Array.from(table.data.y as Float64Array)).toEqual(Array.from(table.rows, (row) => row * 2));
    expect(sentBytes(patches)).toBeLessThan(40_000);
  });

  it("draws a source of 10,000 rows whole", () => {
    const { line, engine, source } = plotOf(10_000);
    expect(tableOf(line)).toBeNull();
    expect(engine.wireState().models[source.id!]!.attrs.data).not.toEqual({});
  });

  it("sends every row of a glyph made with downsample: false", () => {
    const { line, engine, source } = plotOf(100_000, { downsample: false });
    expect(tableOf(line)).toBeNull();
    expect((engine.wireState().models[source.id!]!.attrs.data as { x: unknown[] }).x).toHaveLength(100_000);
  });

  it("sends the whole source again once a table shows it (the page needs its rows)", () => {
    const { doc, source, line, patches, engine } = plotOf(100_000);
    patches.length = 0;
    doc.addRoot(dataTable(source, ["x", "y"]));
    engine.flush();
    expect(tableOf(line)).toBeNull();
    const data = opsOf(patches).find((op) => op.path === `/models/${source.id}/attrs/data`);
    expect(data && "value" in data && (data.value as { x: unknown[] }).x).toHaveLength(100_000);
  });

  it("empties the page's copy of a source once it grows past the limit", () => {
    const { source, line, patches, engine } = plotOf(5_000);
    patches.length = 0;
    source.stream(columns(20_000));
    engine.flush();
    expect(tableOf(line)).not.toBeNull();
    const ops = opsOf(patches).filter((op) => op.path.startsWith(`/models/${source.id}/attrs/data`));
    expect(ops).toEqual([{ op: "replace", path: `/models/${source.id}/attrs/data`, value: {} }]);
  });

  it("keeps the selection and the author's view of the data in true rows", () => {
    const { source, errors } = plotOf(100_000);
    source.selected = [0, 54_321, 99_999];
    expect(source.selected).toEqual([0, 54_321, 99_999]);
    expect(errors).toEqual([]);
  });
});

describe("downsampling two glyphs of one source", () => {
  it("sends only the table of the glyph whose column changed", () => {
    const doc = new Document();
    const engine = engineOf(doc);
    const patches: FlushedPatch[] = [];
    engine.connect({ flush: (patch) => patches.push(patch) });
    const { x, y } = columns(200_000);
    const source = new ColumnDataSource({ data: { x, raw: y, smooth: y } });
    const plot = figure({ width: 400 });
    const raw = plot.line("x", "raw", { source });
    const smooth = plot.line("x", "smooth", { source });
    doc.addRoot(plot);
    engine.flush();
    const before = raw.downsampled;
    patches.length = 0;
    source.data = { x, raw: y, smooth: y.map((v) => v / 2) };
    engine.flush();
    expect(raw.downsampled).toBe(before);
    expect(opsOf(patches).map((op) => op.path)).toEqual([`/models/${smooth.id}/attrs/downsampled`]);
  });
});
