import { describe, expect, it } from "vitest";
import { dateTicks, extentOf, dateHoverTexts, plotlyDateToMs, timeColumn } from "../../../../client/render/date-axis.ts";
import { setCells } from "../../../../client/patch/columns.ts";

describe("plotlyDateToMs", () => {
  it.each([
    ["2024-05-01", Date.UTC(2024, 4, 1)],
    ["2024-05-01 06", Date.UTC(2024, 4, 1, 6)],
    ["2024-05-01 06:30", Date.UTC(2024, 4, 1, 6, 30)],
    ["2024-05-01 06:30:15.5", Date.UTC(2024, 4, 1, 6, 30, 15, 500)],
    ["2024-05-01T06:30:15.123456", Date.UTC(2024, 4, 1, 6, 30, 15, 123)],
    [1_700_000_000_000, 1_700_000_000_000],
  ])("reads %s as UTC", (text, ms) => {
    expect(plotlyDateToMs(text)).toBe(ms);
  });

  it("refuses text that is not a Plotly date", () => {
    expect(plotlyDateToMs("yesterday")).toBeUndefined();
    expect(plotlyDateToMs(null)).toBeUndefined();
  });
});

describe("timeColumn", () => {
  it("passes a typed column on as the same object", () => {
    const column = new Float64Array([1, 2]);
    expect(timeColumn(column)).toBe(column);
  });

  it("converts a list of dates once per column object, again after its cells were set", () => {
    const column: (string | number)[] = ["2024-01-01", "2024-01-02 12:00", 5];
    const first = timeColumn(column);
    expect(Array.from(first)).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2, 12), 5]);
    expect(timeColumn(column)).toBe(first);
    setCells({ t: column }, { t: [[2, "2024-01-03"]] });
    const edited = timeColumn(column);
    expect(edited).not.toBe(first);
    expect(edited[2]).toBe(Date.UTC(2024, 0, 3));
  });

  it("reads text that is no date as NaN (a gap)", () => {
    expect(Number.isNaN(timeColumn(["soon"])[0])).toBe(true);
  });
});

describe("extentOf", () => {
  it("finds the smallest and largest value, skipping NaN, and nothing in an empty column", () => {
    expect(extentOf(new Float64Array([3, Number.NaN, -1, 7]))).toEqual([-1, 7]);
    expect(extentOf(new Float64Array(0))).toBeUndefined();
  });
});

describe("dateTicks", () => {
  it("puts month ticks on the first of each month over a year, the year under January", () => {
    const { tickvals, ticktext } = dateTicks([Date.UTC(2016, 0, 1), Date.UTC(2017, 0, 1)], 7);
    const visible = tickvals.filter((t) => t >= Date.UTC(2016, 0, 1) && t <= Date.UTC(2017, 0, 1));
    expect(visible).toEqual([0, 2, 4, 6, 8, 10, 12].map((m) => Date.UTC(2016, m)));
    expect(ticktext[tickvals.indexOf(Date.UTC(2016, 0))]).toBe("Jan<br>2016");
    expect(ticktext[tickvals.indexOf(Date.UTC(2016, 2))]).toBe("Mar");
    expect(ticktext[tickvals.indexOf(Date.UTC(2017, 0))]).toBe("Jan<br>2017");
  });

  it("shows clock times within a day, with the date under the first and at midnight", () => {
    const from = Date.UTC(2024, 4, 1, 20);
    const { tickvals, ticktext } = dateTicks([from, Date.UTC(2024, 4, 2, 4)], 5);
    expect(ticktext[tickvals.indexOf(from)]).toBe("20:00<br>May 1, 2024");
    expect(ticktext[tickvals.indexOf(Date.UTC(2024, 4, 1, 22))]).toBe("22:00");
    expect(ticktext[tickvals.indexOf(Date.UTC(2024, 4, 2))]).toBe("00:00<br>May 2, 2024");
  });

  it("lays ticks out one visible width beyond each end, about `count` per width", () => {
    const { tickvals } = dateTicks([0, 10_000], 5);
    expect(tickvals[0]).toBe(-10_000);
    expect(tickvals.at(-1)).toBe(20_000);
    expect(tickvals.length).toBe(16);
  });

  it("gives no ticks for a range it cannot read", () => {
    expect(dateTicks([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], 5).tickvals).toEqual([]);
  });
});

describe("dateHoverTexts", () => {
  it("shows each date as far as the column's values need, once per column object", () => {
    const days = new Float64Array([Date.UTC(2016, 0, 1), Date.UTC(2016, 0, 2)]);
    expect(dateHoverTexts(days)).toEqual(["Jan 1, 2016", "Jan 2, 2016"]);
    expect(dateHoverTexts(days)).toBe(dateHoverTexts(days));
    expect(dateHoverTexts(new Float64Array([Date.UTC(2016, 0, 1, 6, 30)]))).toEqual(["Jan 1, 2016, 06:30"]);
    expect(dateHoverTexts(new Float64Array([Date.UTC(2016, 0, 1, 6, 30, 5, 250)]))).toEqual(["Jan 1, 2016, 06:30:05.250"]);
  });
});
