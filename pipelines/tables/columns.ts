// Metric rows as columns: the form rows travel in from a worker to the writers, and sit in the cache.
// One array per column of METRIC_COLUMNS, cells already normalised (strings or finite numbers or null),
// so the CSV and Parquet writers and the cache never rebuild per-row objects.
import type { MetricRow } from "../types.ts";
import { csvCell } from "./csv.ts";
import { METRIC_COLUMNS, type ColumnSpec } from "./schema.ts";

export type Cell = string | number | null;

export function normaliseCell(value: unknown, type: "string" | "int" | "double"): Cell {
  if (value === null || value === undefined) return null;
  if (type === "string") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  // -0 would survive a fresh run but not the cache's JSON: write 0 either way, so runs stay byte-identical.
  return Number.isFinite(n) ? (n === 0 ? 0 : n) : null;
}

export function toColumns<Row>(rows: readonly Row[], columns: readonly ColumnSpec<Row>[]): Cell[][] {
  return columns.map((c) => rows.map((r) => normaliseCell(r[c.name], c.type)));
}

/** Row i of a column set, as an object keyed by column name. */
export function rowAt(cols: Cell[][], i: number, columns: readonly { name: string }[] = METRIC_COLUMNS): Record<string, Cell> {
  const row: Record<string, Cell> = {};
  for (let j = 0; j < columns.length; j++) row[columns[j].name] = cols[j][i] ?? null;
  return row;
}

export function rowsOf(cols: Cell[][]): MetricRow[] {
  const n = cols[0]?.length ?? 0;
  return Array.from({ length: n }, (_, i) => rowAt(cols, i) as unknown as MetricRow);
}

/** CSV lines (no header) for a column set; identical to writing the rows one by one with csvLine. */
export function csvFromColumns(cols: Cell[][], columns: readonly { type: "string" | "int" | "double" }[] = METRIC_COLUMNS): string {
  const n = cols[0]?.length ?? 0;
  const lines: string[] = new Array(n);
  const cells: string[] = new Array(columns.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < columns.length; j++) cells[j] = csvCell(cols[j][i], columns[j].type);
    lines[i] = cells.join(",") + "\r\n";
  }
  return lines.join("");
}

export const METRIC_INDEX = Object.fromEntries(METRIC_COLUMNS.map((c, i) => [c.name, i])) as Record<keyof MetricRow & string, number>;
