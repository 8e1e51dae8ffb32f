import { describe, expect, it } from "vitest";
import { Document, engineOf } from "../../../../server/document/document.ts";
import {
  ColumnDataSource,
  DateEditor,
  IntEditor,
  NumberEditor,
  SelectEditor,
  TableColumn,
  dataTable,
} from "../../../../server/models/index.ts";
import { SyncError, type DocOp } from "../../../../server/protocol/index.ts";
import { applyClientWrites, validateClientOps } from "../../../../server/session/client-patch.ts";

/** A document with an editable table of cars, and what the page is sent. */
function makeTable(options: { editable?: boolean } = {}) {
  const doc = new Document();
  const source = new ColumnDataSource({
    data: {
      name: ["Civic", "Golf", "Corolla"],
      mpg: new Float64Array([35.1, 30.2, 33.4]),
      cylinders: [4, 4, 4],
      origin: ["Japan", "Europe", "Japan"],
      built: new Float64Array([0, 0, 0]),
      secret: ["a", "b", "c"],
    },
  });
  const table = dataTable(
    source,
    [
      "name",
      new TableColumn({ field: "mpg", editor: new NumberEditor() }),
      new TableColumn({ field: "cylinders", editor: new IntEditor() }),
      new TableColumn({ field: "origin", editor: new SelectEditor({ options: ["US", "Europe", "Japan"] }) }),
      new TableColumn({ field: "built", editor: new DateEditor() }),
    ],
    { editable: options.editable ?? true },
  );
  doc.addRoot(table);
  const engine = engineOf(doc);
  engine.flush();
  const sent: DocOp[][] = [];
  engine.connect({ flush: (patch) => sent.push(patch.ops) });
  const edit = (cells: unknown) => {
    const writes = validateClientOps(doc, [{ op: "x-patch", path: `/models/${source.id}/attrs/data`, value: cells } as never]);
    applyClientWrites(engine, writes);
    engine.flush();
  };
  const refusal = (cells: unknown): string => {
    try {
      edit(cells);
    } catch (error) {
      if (error instanceof SyncError) return `${error.code}: ${error.message}`;
      throw error;
    }
    return "accepted";
  };
  return { doc, source, table, sent, edit, refusal };
}

describe("table cell edits from the page", () => {
  it("sets a checked cell, sends the stored cell back, and runs the source's data callbacks", () => {
    const { source, sent, edit } = makeTable();
    const seen: number[] = [];
    source.onChange("data", (_attr, _old, data) => void seen.push((data.mpg as Float64Array)[1]!));
    edit({ mpg: [[1, 31.5]] });
    expect(source.data.mpg[1]).toBe(31.5);
    expect(seen).toEqual([31.5]);
    expect(sent).toEqual([[{ op: "x-patch", path: `/models/${source.id}/attrs/data`, value: { mpg: [[1, 31.5]] } }]]);
  });

  it("stores a date typed as a day in milliseconds in a column of numbers", () => {
    const { source, edit } = makeTable();
    edit({ built: [[0, "2024-05-31"]] });
    expect(source.data.built[0]).toBe(Date.UTC(2024, 4, 31));
  });

  it.each([
    ["a value of the wrong type", { mpg: [[0, "fast"]] }, 'PATCH_BAD_VALUE: cell "mpg" of row 0: expected a number, got "fast"'],
    [
      "a fraction for an IntEditor",
      { cylinders: [[0, 4.5]] },
      'PATCH_BAD_VALUE: cell "cylinders" of row 0: expected a whole number, got 4.5',
    ],
    [
      "a value out of the select's options",
      { origin: [[2, "Mars"]] },
      /PATCH_BAD_VALUE: cell "origin" of row 2: "Mars" is not one of the options/,
    ],
    ["a row out of range", { mpg: [[3, 20]] }, 'PATCH_BAD_VALUE: row 3 of "mpg" does not exist (3 rows)'],
    ["a negative row", { mpg: [[-1, 20]] }, /row -1 of "mpg" does not exist/],
    ["a row that is not a number", { mpg: [["0", 20]] }, /row string of "mpg" does not exist/],
    [
      "a column the table does not show",
      { secret: [[0, "x"]] },
      /PATCH_NOT_WRITABLE: column "secret" of ColumnDataSource\(\d+\) is in no editable DataTable/,
    ],
    ["a column the source lacks", { nope: [[0, "x"]] }, /PATCH_NOT_WRITABLE: column "nope"/],
    ["edits that are not a list", { mpg: { 0: 1 } }, /PATCH_BAD_VALUE: edits of "mpg" must be/],
    ["cells that are not an object", [1, 2], /PATCH_BAD_VALUE: x-patch needs/],
  ])("refuses %s with the reason, changing nothing", (_name, cells, reason) => {
    const { source, sent, refusal } = makeTable();
    const before = { ...source.data };
    expect(refusal(cells)).toMatch(reason);
    expect(source.data).toEqual(before);
    expect(sent).toEqual([]);
  });

  it("refuses every edit when the table is not editable", () => {
    const { refusal } = makeTable({ editable: false });
    expect(refusal({ name: [[0, "Accord"]] })).toMatch(/PATCH_NOT_WRITABLE: column "name" .* is in no editable DataTable/);
  });

  it("refuses a whole patch when one of its cells is refused", () => {
    const { source, refusal } = makeTable();
    expect(refusal({ name: [[0, "Accord"]], mpg: [[0, "x"]] })).toMatch(/PATCH_BAD_VALUE/);
    expect(source.data.name[0]).toBe("Civic");
  });

  it("refuses more than 1,000 cells in one patch", () => {
    const { refusal } = makeTable();
    const cells = Array.from({ length: 1001 }, () => [0, "x"]);
    expect(refusal({ name: cells })).toBe("PATCH_BAD_VALUE: more than 1000 cells in one patch");
  });

  it("refuses an x-patch of anything but a source's data", () => {
    const { doc, table } = makeTable();
    expect(() => validateClientOps(doc, [{ op: "x-patch", path: `/models/${table.id}/attrs/data`, value: {} } as never])).toThrow(
      /DataTable has no cells to edit/,
    );
    expect(() => validateClientOps(doc, [{ op: "x-patch", path: `/models/${table.id}/attrs/columns`, value: {} } as never])).toThrow(
      /PATCH_BAD_PATH|only "replace"/,
    );
  });
});
