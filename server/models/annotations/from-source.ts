/**
 * Annotations drawn from a source's columns, one mark per row (Bokeh's LabelSet, Band and
 * Whisker). Like glyphs, each names columns the source must have: a missing one throws when
 * the annotation is made, and a later `source.data` may not drop it.
 */
import { AttributeError, defineModel, type InitOf } from "../../document/model.ts";
import { prop } from "../../document/props.ts";
import type { ColumnDataSource } from "../source.ts";
import { TeeHead, type ArrowHead } from "./shapes.ts";
import { DIMENSIONS, alphaProp, angleProps, fillProps, lineProps, nullableColor, rangeNameProps, textProps } from "./visuals.ts";

const column = () => prop.string("", { maxLength: 200 });

/** Checks the columns `annotation` reads against its source and registers it as a user of the source. */
function useSource(annotation: { readonly source: ColumnDataSource | null; readonly usedColumns: string[]; toString(): string }): void {
  const source = annotation.source;
  if (source === null) throw new AttributeError(`${String(annotation)}: a source is required`);
  const missing = annotation.usedColumns.filter((name) => !source.hasColumn(name));
  if (missing.length > 0) {
    const has = source.columnNames.map((name) => `"${name}"`).join(", ") || "no columns";
    throw new AttributeError(
      `${String(annotation)}: the source has no column ${missing.map((name) => `"${name}"`).join(", ")} (it has ${has})`,
    );
  }
  source.addUser(annotation);
}

const labelSetProps = {
  source: prop.ref<ColumnDataSource>(),
  /** Column names. */
  x: column(),
  y: column(),
  text: column(),
  xOffset: prop.number(0),
  yOffset: prop.number(0),
  ...angleProps(),
  ...textProps(),
  backgroundFillColor: nullableColor(null),
  backgroundFillAlpha: alphaProp(1),
  ...rangeNameProps(),
  visible: prop.boolean(true),
};

/**
 * A text per row of a source, at its `x`, `y` columns.
 * @example plot.addLayout(new LabelSet({ x: "weight", y: "height", text: "names", xOffset: 5, yOffset: 5, source }))
 */
export class LabelSet extends defineModel("LabelSet", labelSetProps) {
  constructor(init: InitOf<typeof labelSetProps> = {}) {
    super(init);
    useSource(this);
  }

  get usedColumns(): string[] {
    return [this.x, this.y, this.text].filter((name) => name !== "");
  }
}

const rangeProps = {
  source: prop.ref<ColumnDataSource>(),
  /** Column names: where along the plot (`base`) and between which values (`lower`, `upper`). */
  base: column(),
  lower: column(),
  upper: column(),
  /** `"height"`: the marks span up and down (base on x); `"width"`: left and right. */
  dimension: prop.enum(DIMENSIONS, "height"),
  ...rangeNameProps(),
  visible: prop.boolean(true),
};

const bandProps = { ...rangeProps, ...lineProps("#cccccc"), ...fillProps("#fff9ba", 0.4) };

/**
 * A filled area between the `lower` and `upper` columns, along `base`.
 * @example plot.addLayout(new Band({ base: "x", lower: "lower", upper: "upper", source, fillAlpha: 0.3 }))
 */
export class Band extends defineModel("Band", bandProps) {
  constructor(init: InitOf<typeof bandProps> = {}) {
    super(init);
    useSource(this);
  }

  get usedColumns(): string[] {
    return [this.base, this.lower, this.upper];
  }
}

const whiskerProps = {
  ...rangeProps,
  ...lineProps("black"),
  lowerHead: prop.ref<ArrowHead>({ nullable: true }),
  upperHead: prop.ref<ArrowHead>({ nullable: true }),
};

/**
 * Error bars: a line from `lower` to `upper` at each `base`, with a `TeeHead` at each end unless given.
 * @example plot.addLayout(new Whisker({ base: "x", lower: "lower", upper: "upper", source }))
 */
export class Whisker extends defineModel("Whisker", whiskerProps) {
  constructor(init: InitOf<typeof whiskerProps> = {}) {
    super({
      ...init,
      lowerHead: init.lowerHead === undefined ? new TeeHead({ size: 10 }) : init.lowerHead,
      upperHead: init.upperHead === undefined ? new TeeHead({ size: 10 }) : init.upperHead,
    });
    useSource(this);
  }

  get usedColumns(): string[] {
    return [this.base, this.lower, this.upper];
  }
}
