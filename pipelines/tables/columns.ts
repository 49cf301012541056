// Metric rows as columns: the form rows travel in from a worker to the writers, and sit in the cache.
// One array per column of METRIC_COLUMNS, cells already normalised (strings or finite numbers or null),
// so the CSV and Parquet writers and the cache never rebuild per-row objects.
import { genericArray } from "../generic-array.ts";
import type { MetricRow } from "../types.ts";
import { csvCell, startsLikeFormula } from "./csv.ts";
import { METRIC_COLUMNS, type ColumnSpec } from "./schema.ts";

export type Cell = string | number | null;

export function normaliseCell(value: unknown, type: "string" | "int" | "double"): Cell {
  if (value === null || value === undefined) return null;
  if (type === "string") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  // -0 would survive a fresh run but not the cache's JSON: write 0 either way, so runs stay byte-identical.
  return Number.isFinite(n) ? (n === 0 ? 0 : n) : null;
}

/**
 * An empty column whose elements V8 already keeps in its generic form. Built with map() or new Array(), a
 * column of whole numbers, one of fractions and one of text each get a hidden class of their own, so every
 * loop over the columns (CSV, Parquet, gathering a chunk) reads through several, and its optimised code is
 * thrown away and compiled again each time a column turns up in a form not seen before.
 */
export function newColumn(): Cell[] {
  return genericArray<Cell>();
}

/** `count` empty columns, in an array of the same hidden class as toColumns' (map() would give another one). */
export function newColumnSet(count: number): Cell[][] {
  const cols = genericArray<Cell[]>();
  for (let j = 0; j < count; j++) cols.push(newColumn());
  return cols;
}

export function toColumns<Row>(rows: readonly Row[], columns: readonly ColumnSpec<Row>[]): Cell[][] {
  // Loops, not columns.map(closure): a closure made afresh for every document gets its optimised code compiled again.
  const cols = genericArray<Cell[]>();
  for (let j = 0; j < columns.length; j++) {
    const { name, type } = columns[j];
    const column = newColumn();
    for (let i = 0; i < rows.length; i++) column.push(normaliseCell(rows[i][name], type));
    cols.push(column);
  }
  return cols;
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

/** A cell csvCell renders in a way cellsFromCsv can't read back: its row, its column and the cell itself. */
export type CsvException = [row: number, column: number, cell: Cell];

/**
 * CSV lines (no header) for a column set; identical to writing the rows one by one with csvLine.
 * A cell equal to the one above it is rendered once (a document's doc_id, region … on every row, a sentence
 * holding several figures). Cells the text can't give back exactly (a null string cell reads back as "",
 * a neutralised formula keeps its apostrophe) go to `exceptions` when given, so the lines plus those
 * restore the columns (cellsFromCsv).
 */
export function csvFromColumns(cols: Cell[][], columns: readonly { type: "string" | "int" | "double" }[] = METRIC_COLUMNS, exceptions?: CsvException[]): string {
  const n = cols[0]?.length ?? 0;
  const last = columns.length - 1;
  // Each cell with the comma or line end after it, so a row is its cells appended one after another: the
  // text grows by concatenation without copying, flattened once when it is encoded (joining each row, then
  // the rows, copied every sentence twice).
  const cells: string[] = new Array(columns.length);
  const above: Cell[] = new Array(columns.length);
  const unreadable: boolean[] = new Array(columns.length).fill(false);
  let text = "";
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= last; j++) {
      const v = cols[j][i];
      if (i === 0 || v !== above[j]) {
        above[j] = v;
        const type = columns[j].type;
        cells[j] = csvCell(v, type) + (j < last ? "," : "\r\n");
        unreadable[j] = exceptions !== undefined && type === "string" && (v === null || startsLikeFormula(v as string));
      }
      if (unreadable[j]) exceptions!.push([i, j, v]);
      text += cells[j];
    }
  }
  return text;
}

/**
 * The columns back from csvFromColumns' lines and exceptions: numeric columns as numbers (empty: null),
 * string columns as text (empty: ""), quoted fields unquoted. Throws on text that isn't `rows` whole lines of this many fields.
 */
export function cellsFromCsv(text: string, rows: number, exceptions: readonly CsvException[] = [], columns: readonly { type: "string" | "int" | "double" }[] = METRIC_COLUMNS): Cell[][] {
  const cols = newColumnSet(columns.length);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns.length; j++) {
      const last = j === columns.length - 1;
      let field: string;
      if (text.charCodeAt(at) === 34) {
        // "…" with "" for a quote inside
        let end = at + 1;
        let parts = "";
        for (;;) {
          const q = text.indexOf('"', end);
          if (q < 0) throw new Error(`csv: unclosed quote on line ${i + 1}`);
          if (text.charCodeAt(q + 1) === 34) {
            parts += text.slice(end, q + 1);
            end = q + 2;
            continue;
          }
          field = parts + text.slice(end, q);
          at = q + 1;
          break;
        }
      } else {
        const end = text.indexOf(last ? "\r\n" : ",", at);
        if (end < 0) throw new Error(`csv: line ${i + 1} ends early`);
        field = text.slice(at, end);
        at = end;
      }
      const sep = last ? "\r\n" : ",";
      if (!text.startsWith(sep, at)) throw new Error(`csv: line ${i + 1}, field ${j + 1} is not followed by ${last ? "a line end" : "a comma"}`);
      at += sep.length;
      cols[j][i] = columns[j].type === "string" ? field : field === "" ? null : Number(field);
    }
  }
  if (at !== text.length) throw new Error(`csv: text after line ${rows}`);
  for (const [i, j, v] of exceptions) cols[j][i] = v;
  return cols;
}

export const METRIC_INDEX = Object.fromEntries(METRIC_COLUMNS.map((c, i) => [c.name, i])) as Record<keyof MetricRow & string, number>;
