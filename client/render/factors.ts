/**
 * Bokeh's FactorRange as a figure's range: factors (`"a"`, `["group", "item"]`, `["a", "b", "c"]`)
 * sit at Bokeh's synthetic coordinates (one unit per factor, `factorPadding` between factors,
 * `subgroupPadding` between subgroups, `groupPadding` between groups), so bar widths and dodges
 * are in factor units as in Bokeh. The axis is linear with the last level as its tick labels;
 * the upper levels are drawn below them as Bokeh draws them (11px bold; groups grey), with
 * light grey separators between groups. DOM-free.
 */
import type { DocState, ModelId, ModelState, Value } from "../../server/protocol/index.ts";
import { escapeHtml } from "../../server/protocol/format.ts";
import type { PlotlyObject } from "./figure-spec.ts";
import { axisModels, tickAngle } from "./axes.ts";
import { asNumber, asString, modelOf, refId } from "./values.ts";

type Letter = "x" | "y";

/** One level's label: its text and the coordinates it spans. */
interface LevelLabel {
  text: string;
  from: number;
  to: number;
}

export interface FactorScale {
  /** A factor's key (`JSON.stringify` of its parts) → its coordinate. */
  positions: Map<string, number>;
  /** Each factor's coordinate and its last level, the tick label. */
  ticks: { position: number; label: string }[];
  end: number;
  depth: number;
  /** The labels of the upper levels, nearest the axis first (subgroups, then groups). */
  upper: LevelLabel[][];
}

/** Pixels per row of labels below (or beside) the axis. */
const ROW = 18;
const SEPARATOR = "lightgrey";

const partsOf = (factor: Value): string[] | undefined =>
  typeof factor === "string" ? [factor] : Array.isArray(factor) && factor.every((p) => typeof p === "string") ? factor : undefined;

/** The FactorRange a figure's `xRange` / `yRange` is, if it is one. */
export function factorRangeOf(state: DocState, figure: ModelId, letter: Letter): ModelState | undefined {
  const range = modelOf(state, refId(modelOf(state, figure)?.attrs[`${letter}Range`]));
  return range?.type === "FactorRange" ? range : undefined;
}

/** Factors grouped by their upper levels in order of first appearance, as Bokeh groups them. */
function grouped(factors: string[][]): string[][] {
  const groups = new Map<string, string[][]>();
  for (const factor of factors) {
    const key = JSON.stringify(factor.slice(0, -1));
    groups.set(key, [...(groups.get(key) ?? []), factor]);
  }
  const tops = new Map<string, string[][]>();
  for (const members of groups.values()) tops.set(members[0]![0]!, [...(tops.get(members[0]![0]!) ?? []), ...members]);
  return factors[0]!.length === 3 ? [...tops.values()].flat() : [...groups.values()].flat();
}

/** Extends the label of `level` to `center`, or starts a new one. */
function note(labels: LevelLabel[], text: string, center: number): void {
  const last = labels.at(-1);
  if (last?.text === text) last.to = center;
  else labels.push({ text, from: center, to: center });
}

/** The coordinates of a FactorRange's factors (undefined when it has none, or mixes depths). */
export function factorScale(range: ModelState): FactorScale | undefined {
  const all = (Array.isArray(range.attrs.factors) ? range.attrs.factors : []).map(partsOf);
  if (all.length === 0 || all.some((f) => f === undefined || f.length !== all[0]!.length)) return undefined;
  const factors = grouped(all as string[][]);
  const depth = factors[0]!.length;
  const pad = {
    factor: asNumber(range.attrs.factorPadding, 0),
    subgroup: asNumber(range.attrs.subgroupPadding, 0.8),
    group: asNumber(range.attrs.groupPadding, 1.4),
  };
  const positions = new Map<string, number>();
  const ticks: FactorScale["ticks"] = [];
  const upper: LevelLabel[][] = Array.from({ length: depth - 1 }, () => []);
  let cursor = 0;
  factors.forEach((factor, i) => {
    const previous = factors[i - 1];
    if (previous !== undefined) {
      const newGroup = depth > 1 && previous[0] !== factor[0];
      const newSubgroup = depth > 2 && previous[1] !== factor[1];
      cursor += newGroup ? pad.group : newSubgroup ? pad.subgroup : pad.factor;
    }
    const center = cursor + 0.5;
    ticks.push({ position: center, label: factor.at(-1)! });
    positions.set(JSON.stringify(factor), center);
    // Flat columns reach the traces escaped for Plotly (escape.ts); nested ones as they are.
    positions.set(JSON.stringify(factor.map(escapeHtml)), center);
    // Nearest the axis first: the level just above the items.
    for (let level = depth - 2; level >= 0; level--) note(upper[depth - 2 - level]!, factor.slice(0, level + 1).join("\u0000"), center);
    cursor += 1;
  });
  for (const row of upper) for (const label of row) label.text = label.text.split("\u0000").at(-1)!;
  return { positions, ticks, end: cursor, depth, upper };
}

/** A column of factors as coordinates (a value that is no factor of the range is not drawn). */
export function factorCoordinates(scale: FactorScale, values: ArrayLike<unknown>): number[] {
  return Array.from(values, (value) => {
    const parts = partsOf(value as Value);
    return (parts && scale.positions.get(JSON.stringify(parts))) ?? NaN;
  });
}

/** The axis: linear over the factors' coordinates, a tick at each factor labelled with its last level. */
export function factorAxisLayout(scale: FactorScale): PlotlyObject {
  return {
    type: "linear",
    autorange: false,
    range: [0, scale.end],
    tickmode: "array",
    tickvals: scale.ticks.map((tick) => tick.position),
    ticktext: scale.ticks.map((tick) => escapeHtml(tick.label)),
    showgrid: false,
    zeroline: false,
  };
}

/** The FactorRange scales of a figure's main axes. */
export function factorScales(state: DocState, figure: ModelId): Partial<Record<Letter, FactorScale>> {
  const out: Partial<Record<Letter, FactorScale>> = {};
  for (const letter of ["x", "y"] as const) {
    const range = factorRangeOf(state, figure, letter);
    const scale = range === undefined ? undefined : factorScale(range);
    if (scale !== undefined) out[letter] = scale;
  }
  return out;
}

/** Pixels of text per character, and of a line of text, at the tick labels' size. */
const CHAR = 7;
const LINE = 14;

/**
 * How far from its axis the tick labels of a factor axis reach (px): their line height, or
 * their longest text across the axis, as the labels' angle (`majorLabelOrientation`) turns them.
 */
function labelReach(state: DocState, figure: ModelId, letter: Letter, scale: FactorScale): number {
  const main = axisModels(state, figure, letter).find((axis) => asString(axis.model.attrs[`${letter}RangeName`], "default") === "default");
  const degrees = tickAngle(main?.model.attrs.majorLabelOrientation, letter) ?? 0;
  const longest = CHAR * Math.max(...scale.ticks.map((tick) => tick.label.length));
  const [along, across] = [Math.abs(Math.cos((degrees * Math.PI) / 180)), Math.abs(Math.sin((degrees * Math.PI) / 180))];
  // On an x axis a label's height is across the axis; on a y axis its width is.
  return 10 + (letter === "x" ? along * LINE + across * longest : along * longest + across * LINE);
}

/** Room for the rows of upper-level labels: below an x axis, left of a y axis (px). */
export function factorMargins(state: DocState, figure: ModelId): { b: number; l: number } {
  const scales = factorScales(state, figure);
  const room = (letter: Letter, scale: FactorScale | undefined) =>
    scale === undefined || scale.depth === 1 ? 0 : ROW * (scale.depth - 1) + labelReach(state, figure, letter, scale) - LINE;
  return { b: room("x", scales.x), l: room("y", scales.y) };
}

function levelLabel(letter: Letter, label: LevelLabel, row: number, rows: number, reach: number): PlotlyObject {
  const top = row === rows - 1 && rows > 1;
  const at = (label.from + label.to) / 2;
  const place =
    letter === "x"
      ? { xref: "x", x: at, yref: "paper", y: 0, yanchor: "top", yshift: -(reach + ROW * row) }
      : { yref: "y", y: at, xref: "paper", x: 0, xanchor: "right", xshift: -(reach + ROW * row), textangle: -90 };
  return { ...place, text: `<b>${escapeHtml(label.text)}</b>`, showarrow: false, font: { size: 11, color: top ? "grey" : "#444444" } };
}

/** A light grey line between two top-level groups, across the rows of labels. */
function separator(letter: Letter, at: number, length: number): PlotlyObject {
  const line = { color: SEPARATOR, width: 2 };
  return letter === "x"
    ? { type: "line", layer: "below", xref: "x", x0: at, x1: at, yref: "paper", ysizemode: "pixel", yanchor: 0, y0: 0, y1: -length, line }
    : { type: "line", layer: "below", yref: "y", y0: at, y1: at, xref: "paper", xsizemode: "pixel", xanchor: 0, x0: 0, x1: -length, line };
}

/** The upper levels' labels and the separators between groups, as layout annotations and shapes. */
export function factorMarks(state: DocState, figure: ModelId): { shapes: PlotlyObject[]; annotations: PlotlyObject[] } {
  const marks = { shapes: [] as PlotlyObject[], annotations: [] as PlotlyObject[] };
  for (const [letter, scale] of Object.entries(factorScales(state, figure)) as [Letter, FactorScale][]) {
    const rows = scale.upper.length;
    if (rows === 0) continue;
    const reach = labelReach(state, figure, letter, scale);
    scale.upper.forEach((labels, row) => labels.forEach((label) => marks.annotations.push(levelLabel(letter, label, row, rows, reach))));
    const groups = scale.upper[rows - 1]!;
    for (let i = 1; i < groups.length; i++) {
      marks.shapes.push(separator(letter, (groups[i - 1]!.to + groups[i]!.from) / 2, reach + ROW * rows));
    }
  }
  return marks;
}
