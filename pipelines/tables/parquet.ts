// Parquet for pandas, R, DuckDB and Spark: typed columns from schema.ts, written a row group at a time
// so a big corpus never sits in memory (rows are kept as compact column arrays only until the group fills).
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from "node:zlib";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { ParquetWriter, fileWriter, type SchemaElement } from "hyparquet-writer";

/**
 * Pages are Brotli-compressed at quality 1 by Node's own zlib: on the metrics table that is about 40% less
 * time than the writer's JavaScript Snappy and half the file size. pandas/pyarrow, R arrow, DuckDB, Polars
 * and Spark all read Brotli Parquet.
 */
const COMPRESSORS = { BROTLI: (input: Uint8Array) => new Uint8Array(brotliCompressSync(input, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } })) };

/** Rows of a Parquet file this project wrote (hyparquet alone can't inflate Brotli pages). */
export async function readParquetRows(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path), compressors: { BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)) } });
}

export type ColumnType = "string" | "int" | "double";

/**
 * Columns that get min/max statistics: the ones analysts filter on (region, years, domain, indicator …), so
 * a reader can skip row groups. Free text and per-row values (sentence, quote, offsets) would cost the most
 * to compare (a quarter of the writer's time) for no pruning.
 */
const WITH_STATISTICS = new Set(["region_code", "report_year", "year", "domain", "kind", "measure", "unit", "indicator_id", "status", "admin_level", "province"]);

export interface ParquetColumn {
  name: string;
  type: ColumnType;
}

function schemaFor(columns: readonly ParquetColumn[]): SchemaElement[] {
  return [
    { name: "root", num_children: columns.length },
    ...columns.map((c): SchemaElement => {
      if (c.type === "int") return { name: c.name, type: "INT32", repetition_type: "OPTIONAL" };
      if (c.type === "double") return { name: c.name, type: "DOUBLE", repetition_type: "OPTIONAL" };
      return { name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" };
    }),
  ];
}

function cell(value: unknown, type: ColumnType): string | number | null {
  if (value === null || value === undefined) return null;
  if (type === "string") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  // INT32 holds years, offsets and counts; anything outside its range would corrupt the page, so null it.
  if (type === "int") return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : null;
  return n;
}

export interface ParquetTableWriter<Row> {
  write(row: Row): void;
  /** Append rows given as columns (same order as the writer's columns, cells from tables/columns.ts). */
  writeColumns(cols: (string | number | null)[][]): void;
  close(): void;
  readonly rows: number;
}

export function openParquetWriter<Row>(path: string, columns: readonly ParquetColumn[], rowGroupRows = 20_000): ParquetTableWriter<Row> {
  const writer = new ParquetWriter({ writer: fileWriter(path), schema: schemaFor(columns), codec: "BROTLI", compressors: COMPRESSORS, createdBy: "welfare-report-workspace" });
  let data: (string | number | null)[][] = columns.map(() => []);
  let pending = 0;
  let rows = 0;
  const flush = () => {
    if (!pending) return;
    void writer.write({
      // Text always dictionary-encoded: each distinct string is converted to UTF-8 once per row group
      // (a sentence holding three figures is on three rows), and the writer skips sampling to decide.
      columnData: columns.map((c, i) => ({ name: c.name, data: data[i], statistics: WITH_STATISTICS.has(c.name), encoding: c.type === "string" ? ("RLE_DICTIONARY" as const) : undefined })),
      rowGroupSize: pending,
    });
    data = columns.map(() => []);
    pending = 0;
  };
  return {
    write(row: Row) {
      const r = row as Record<string, unknown>;
      for (let i = 0; i < columns.length; i++) data[i].push(cell(r[columns[i].name], columns[i].type));
      pending++;
      rows++;
      if (pending >= rowGroupRows) flush();
    },
    close() {
      flush();
      void writer.finish();
    },
    writeColumns(cols) {
      const n = cols[0]?.length ?? 0;
      if (!n) return;
      for (let i = 0; i < columns.length; i++) {
        const target = data[i];
        const source = cols[i];
        const type = columns[i].type;
        for (let k = 0; k < n; k++) target.push(type === "string" ? (source[k] ?? null) : cell(source[k], type));
      }
      pending += n;
      rows += n;
      if (pending >= rowGroupRows) flush();
    },
    get rows() {
      return rows;
    },
  };
}
