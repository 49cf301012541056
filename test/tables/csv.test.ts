import { describe, expect, it } from "vitest";
import { csvCell, csvLine, neutralise, parseCsv } from "../../pipelines/tables/csv.ts";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";

describe("csv cells", () => {
  it("neutralises formula starts in string cells only", () => {
    for (const bad of ["=cmd|' /C calc'!A0", "+SUM(1)", "-2+3", "@x", "\tx", "\rx"]) {
      expect(neutralise(bad)).toBe("'" + bad);
    }
    expect(neutralise("养老床位")).toBe("养老床位");
    expect(csvCell(-5, "double")).toBe("-5");
    expect(Number(csvCell(-5, "double"))).toBe(-5);
    expect(csvCell(null, "int")).toBe("");
    expect(csvCell(Number.NaN, "double")).toBe("");
    expect(csvCell("-5", "string")).toBe("'-5");
  });

  it("quotes per RFC 4180 and round-trips", () => {
    const cells = ['a,b', 'say "hi"', "line\nbreak", "plain", "=1+1"];
    const line = cells.map((c) => csvCell(c, "string")).join(",") + "\r\n";
    const [row] = parseCsv(line);
    expect(row).toEqual(['a,b', 'say "hi"', "line\nbreak", "plain", "'=1+1"]);
  });

  it("writes columns in schema order with nulls empty", () => {
    const row = Object.fromEntries(METRIC_COLUMNS.map((c) => [c.name, c.type === "string" ? c.name : null])) as never;
    const [cells] = parseCsv(csvLine(row, METRIC_COLUMNS));
    expect(cells.length).toBe(METRIC_COLUMNS.length);
    METRIC_COLUMNS.forEach((c, i) => expect(cells[i]).toBe(c.type === "string" ? c.name : ""));
  });
});

describe("columns", async () => {
  const { csvFromColumns, rowsOf, toColumns } = await import("../../pipelines/tables/columns.ts");
  it("render the same CSV as the rows and round-trip to rows", () => {
    const rows = [0, 1, 2].map((i) => Object.fromEntries(METRIC_COLUMNS.map((c) => [c.name, c.type === "string" ? `${i ? "=" : ""}${c.name},"${i}"` : i === 2 ? null : 1 - i * 1.5]))) as never[];
    const cols = toColumns(rows, METRIC_COLUMNS);
    expect(csvFromColumns(cols)).toBe(rows.map((r) => csvLine(r, METRIC_COLUMNS)).join(""));
    expect(rowsOf(cols)).toEqual(rows);
    // -0 is written as 0 (the cache's JSON can't keep it, and cold and cached runs must agree).
    expect(Object.is(toColumns([{ value: -0 }] as never[], [{ name: "value", type: "double", description: "" }] as never)[0][0], 0)).toBe(true);
  });
});
