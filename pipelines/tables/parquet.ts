// Parquet for pandas, R, DuckDB and Spark: typed columns from schema.ts, written a row group at a time
// so a big corpus never sits in memory (rows are kept as compact column arrays only until the group fills).
// Row groups are encoded by parquet-part.ts (Brotli pages: pandas/pyarrow, R arrow, DuckDB, Polars and
// Spark all read them), the footer by parquet-footer.ts.
import { brotliDecompressSync } from "node:zlib";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { fileWriter, type SchemaElement } from "hyparquet-writer";
import { newColumnSet } from "./columns.ts";
import { footerBuilder, PARQUET_MAGIC } from "./parquet-footer.ts";
import { cell, encodeRowGroup, WITH_STATISTICS, type ParquetCell, type ParquetColumn, type ParquetPart } from "./parquet-part.ts";

export { encodeParquetPart, type ColumnType, type ParquetColumn, type ParquetPart } from "./parquet-part.ts";

/** Rows of a Parquet file this project wrote (hyparquet alone can't inflate Brotli pages). */
export async function readParquetRows(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path), compressors: { BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)) } });
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

/** Cells as the Parquet writer takes them: strings as they are, numbers checked against the column type. */
function appendCells(target: ParquetCell[][], cols: readonly (readonly ParquetCell[])[], columns: readonly ParquetColumn[]): number {
  const n = cols[0]?.length ?? 0;
  for (let i = 0; i < columns.length; i++) {
    const into = target[i];
    const source = cols[i];
    const type = columns[i].type;
    for (let k = 0; k < n; k++) into.push(type === "string" ? (source[k] ?? null) : cell(source[k], type));
  }
  return n;
}

export interface ParquetTableWriter<Row> {
  write(row: Row): void;
  /** Append rows given as columns (same order as the writer's columns, cells from tables/columns.ts). */
  writeColumns(cols: (string | number | null)[][]): void;
  /** Append a row group encoded elsewhere (encodeParquetPart with the same columns). */
  appendPart(part: ParquetPart): void;
  close(): void;
  readonly rows: number;
}

export function openParquetWriter<Row>(path: string, columns: readonly ParquetColumn[], rowGroupRows = 20_000): ParquetTableWriter<Row> {
  const out = fileWriter(path);
  out.appendUint32(PARQUET_MAGIC);
  const footer = footerBuilder(schemaFor(columns), "welfare-report-workspace");
  let data: ParquetCell[][] = newColumnSet(columns.length);
  let pending = 0;
  let rows = 0;
  /** A row group encoded elsewhere (or by flush), its offsets shifted to where it lands in this file. */
  const append = (part: ParquetPart) => {
    // Every absolute offset in the part was measured from the start of its own little file ("PAR1" + part).
    const shift = BigInt(out.offset - 4);
    for (const group of part.rowGroups) {
      for (const chunk of group.columns) {
        chunk.file_offset += shift;
        const md = chunk.meta_data;
        if (!md) continue;
        md.data_page_offset += shift;
        if (md.dictionary_page_offset !== undefined) md.dictionary_page_offset += shift;
        if (md.index_page_offset !== undefined) md.index_page_offset += shift;
      }
    }
    out.appendBytes(part.bytes);
    for (const group of part.rowGroups) footer.addRowGroup(group);
  };
  const flush = () => {
    if (!pending) return;
    append(encodeRowGroup(columns, data, WITH_STATISTICS)!);
    data = newColumnSet(columns.length);
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
      footer.write(out);
      out.finish();
    },
    writeColumns(cols) {
      const n = appendCells(data, cols, columns);
      pending += n;
      rows += n;
      if (pending >= rowGroupRows) flush();
    },
    appendPart(part) {
      flush();
      append(part);
      rows += part.rows;
    },
    get rows() {
      return rows;
    },
  };
}
