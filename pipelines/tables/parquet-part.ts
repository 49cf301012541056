// One row group of flat, optional columns, encoded straight from the column arrays (a worker does this for
// each chunk of documents; parquet.ts appends the parts, parquet-footer.ts writes the footer).
// The general writer re-derived per value what these columns always are (flat, optional, text dictionary-
// encoded, numbers plain), copied every string into its own UTF-8 array and sized pages value by value:
// about 8% of a run's CPU. Here text is encoded once per distinct value into one buffer, and a value equal
// to the one above it (a document's doc_id on every row, a sentence holding several figures) costs one
// comparison. Same layout as before: a dictionary page and one DATA_PAGE_V2 per column chunk, Brotli pages,
// min/max statistics on the columns analysts filter on. Workers import only this module, not the writer.
import { brotliCompressSync, constants as zlib } from "node:zlib";
import type { ColumnChunk, RowGroup } from "hyparquet";

export type ColumnType = "string" | "int" | "double";
export type ParquetCell = string | number | null;

export interface ParquetColumn {
  name: string;
  type: ColumnType;
}

/**
 * Rows already encoded as a row group away from the file they will join (in a worker, one per chunk of
 * documents), so the thread writing the file only appends bytes. Offsets inside are relative to a file that
 * starts with this part; appendPart shifts them. Plain data: it crosses threads by structured clone.
 */
export interface ParquetPart {
  rows: number;
  bytes: Uint8Array;
  rowGroups: RowGroup[];
}

/**
 * Columns that get min/max statistics: the ones analysts filter on (region, years, domain, indicator …), so
 * a reader can skip row groups. Free text and per-row values (sentence, quote, offsets) would cost the most
 * to compare for no pruning.
 */
export const WITH_STATISTICS = new Set(["region_code", "report_year", "year", "domain", "kind", "measure", "unit", "indicator_id", "status", "admin_level", "province"]);

/** A cell as its column can hold it: text as a string, numbers checked against the type (else null). */
export function cell(value: unknown, type: ColumnType): ParquetCell {
  if (value === null || value === undefined) return null;
  if (type === "string") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  // INT32 holds years, offsets and counts; anything outside its range would corrupt the page, so null it.
  if (type === "int") return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : null;
  return n;
}

/**
 * Columns (writer order) → one row group as a ParquetPart; null when there are no rows. The arrays are
 * encoded as they are, not copied: a cell the column can't hold as it is (undefined, a non-integer in an
 * int column …) is replaced in place, so the caller hands them over.
 */
export function encodeParquetPart(columns: readonly ParquetColumn[], cols: ParquetCell[][]): ParquetPart | null {
  const rows = cols[0]?.length ?? 0;
  if (!rows) return null;
  // Text and number columns in loops of their own: a single loop over both was deoptimised and compiled
  // again, up to four times per worker, as each kind of cell turned up in it.
  for (let i = 0; i < columns.length; i++) {
    const type = columns[i].type;
    if (type === "string") holdText(cols[i], rows);
    else holdNumbers(cols[i], rows, type);
  }
  return encodeRowGroup(columns, cols, WITH_STATISTICS);
}

// What cell() gives, in place (a cell cell() leaves as it is stays); text and numbers apart, so each loop sees one kind
// of cell.
function holdText(col: ParquetCell[], rows: number): void {
  for (let k = 0; k < rows; k++) {
    const v = col[k];
    if (v !== null && typeof v !== "string") col[k] = cell(v, "string");
  }
}
function holdNumbers(col: ParquetCell[], rows: number, type: "int" | "double"): void {
  for (let k = 0; k < rows; k++) {
    const v = col[k];
    if (v !== null) {
      const held = cell(v, type);
      if (held !== v) col[k] = held;
    }
  }
}

/** Brotli at quality 1 (Node's zlib): faster than the writer's JavaScript Snappy, and half the size. */
export function compressPage(input: Uint8Array): Uint8Array {
  return new Uint8Array(brotliCompressSync(input, { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } }));
}

/** A growable byte buffer with the few writes Parquet pages need. */
class Bytes {
  buf = new Uint8Array(1 << 12);
  view = new DataView(this.buf.buffer);
  length = 0;
  private static readonly utf8 = new TextEncoder();

  reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.length + n, 2 * this.buf.length));
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
    this.view = new DataView(grown.buffer);
  }
  byte(v: number): void {
    this.reserve(1);
    this.buf[this.length++] = v;
  }
  varint(v: number): void {
    this.reserve(5);
    while (v > 0x7f) {
      this.buf[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.length++] = v;
  }
  int32(v: number): void {
    this.reserve(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }
  float64(v: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }
  /** A PLAIN byte array: its UTF-8 length, then the bytes. */
  lengthPrefixedUtf8(s: string): void {
    this.reserve(4 + 3 * s.length);
    const { written } = Bytes.utf8.encodeInto(s, this.buf.subarray(this.length + 4));
    this.view.setUint32(this.length, written, true);
    this.length += 4 + written;
  }
  take(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * RLE / bit-packed hybrid (the Parquet encoding of levels and dictionary indexes): runs of 8 or more equal
 * values as RLE runs, everything else bit-packed in groups of 8, as hyparquet-writer does.
 */
function writeHybrid(out: Bytes, values: ArrayLike<number>, count: number, bitWidth: number): void {
  const width = (bitWidth + 7) >> 3;
  let i = 0;
  let packedStart = -1;
  let packedGroups = 0;
  const flushPacked = () => {
    if (!packedGroups) return;
    out.varint((packedGroups << 1) | 1);
    out.reserve(packedGroups * bitWidth);
    // Values past the end (the last group's padding) are written as 0.
    let acc = 0;
    let bits = 0;
    for (let k = packedStart, end = packedStart + 8 * packedGroups; k < end; k++) {
      acc |= (k < count ? values[k] : 0) << bits;
      bits += bitWidth;
      while (bits >= 8) {
        out.buf[out.length++] = acc & 0xff;
        acc >>>= 8;
        bits -= 8;
      }
    }
    packedGroups = 0;
  };
  while (i < count) {
    const first = values[i];
    let run = 1;
    while (i + run < count && values[i + run] === first) run++;
    if (run >= 8) {
      flushPacked();
      out.varint(run << 1);
      for (let j = 0; j < width; j++) out.byte((first >>> (8 * j)) & 0xff);
      i += run;
    } else {
      if (!packedGroups) packedStart = i;
      packedGroups++;
      i += 8;
    }
  }
  flushPacked();
}

// Thrift compact protocol, just what a PageHeader needs (field ids ascending, i32 and struct fields); the type codes
// are shared with parquet-footer.ts.
export const I32 = 5;
export const STRUCT = 12;
type HeaderField = [id: number, value: number | HeaderField[]];

function writeStruct(out: Bytes, fields: HeaderField[]): void {
  let last = 0;
  for (const [id, value] of fields) {
    const type = typeof value === "number" ? I32 : STRUCT;
    // Ids here are always within 15 of the previous one: the short form.
    out.byte(((id - last) << 4) | type);
    last = id;
    if (typeof value === "number") out.varint(((value << 1) ^ (value >> 31)) >>> 0);
    else writeStruct(out, value);
  }
  out.byte(0);
}

const PAGE_TYPE = { DICTIONARY_PAGE: 2, DATA_PAGE_V2: 3 };
const ENCODING = { PLAIN: 0, RLE_DICTIONARY: 8 };

/** UTF-8 byte order, which is code point order (JavaScript's < misorders characters beyond U+FFFF). */
function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

type Statistics = NonNullable<NonNullable<ColumnChunk["meta_data"]>["statistics"]>;

/** A page (header, levels, compressed values) appended to `out`; returns its uncompressed size. */
function page(out: Bytes, type: number, values: Uint8Array, header: HeaderField, levelBytes?: Uint8Array): number {
  const compressed = compressPage(values);
  const levelLength = levelBytes?.length ?? 0;
  const start = out.length;
  writeStruct(out, [[1, type], [2, levelLength + values.length], [3, levelLength + compressed.length], header]);
  const headerLength = out.length - start;
  if (levelBytes) out.bytes(levelBytes);
  out.bytes(compressed);
  return headerLength + levelLength + values.length;
}

/** Columns (writer order) → one row group; null when there are no rows. `withStatistics`: names that get min/max. */
export function encodeRowGroup(columns: readonly ParquetColumn[], cols: readonly (readonly ParquetCell[])[], withStatistics: ReadonlySet<string>): ParquetPart | null {
  const rows = cols[0]?.length ?? 0;
  if (!rows) return null;
  const out = new Bytes();
  // Offsets count from the start of a file that begins with this part, after the leading "PAR1" (4 + out.length).
  const chunks: ColumnChunk[] = [];
  const levels = new Uint8Array(rows);
  const indexes = new Int32Array(rows);
  const scratch = new Bytes();
  const values = new Bytes();
  let totalUncompressed = 0n;
  // A function per column, not columns.forEach(closure): a closure made afresh for every row group had its
  // optimised code compiled again, up to three times per worker (and one loop holding it all, as often, by OSR).
  for (let c = 0; c < columns.length; c++) {
    const uncompressed = encodeColumn(out, columns[c], cols[c], rows, withStatistics.has(columns[c].name), levels, indexes, scratch, values, chunks);
    totalUncompressed += BigInt(uncompressed);
  }
  return {
    rows,
    bytes: out.take().slice(),
    rowGroups: [{ columns: chunks, total_byte_size: totalUncompressed, num_rows: BigInt(rows), total_compressed_size: BigInt(out.length) }],
  };
}

/**
 * One column chunk (dictionary page for text, then the data page) appended to `out`, its ColumnChunk to `chunks`;
 * returns its uncompressed size. `levels` and `indexes` are working space of at least `rows`; `scratch` and `values`
 * are reused from column to column.
 */
function encodeColumn(out: Bytes, column: ParquetColumn, col: readonly ParquetCell[], rows: number, stats: boolean, levels: Uint8Array, indexes: Int32Array, scratch: Bytes, values: Bytes, chunks: ColumnChunk[]): number {
  const start = 4 + out.length;
  let nulls = 0;
  let present = 0;
  let min: ParquetCell = null;
  let max: ParquetCell = null;
  let uncompressed = 0;
  let dictionaryOffset: bigint | undefined;
  values.length = 0;
  for (let k = 0; k < rows; k++) {
    const isSet = col[k] !== null;
    levels[k] = isSet ? 1 : 0;
    if (!isSet) nulls++;
  }
  if (column.type === "string") {
    const dictionary: string[] = [];
    const seen = new Map<string, number>();
    let above: string | null = null;
    let aboveIndex = -1;
    for (let k = 0; k < rows; k++) {
      const v = col[k] as string | null;
      if (v === null) continue;
      if (v !== above) {
        let i = seen.get(v);
        if (i === undefined) {
          i = dictionary.length;
          seen.set(v, i);
          dictionary.push(v);
        }
        above = v;
        aboveIndex = i;
      }
      indexes[present++] = aboveIndex;
    }
    scratch.length = 0;
    for (const v of dictionary) scratch.lengthPrefixedUtf8(v);
    dictionaryOffset = BigInt(4 + out.length);
    uncompressed += page(out, PAGE_TYPE.DICTIONARY_PAGE, scratch.take(), [7, [[1, dictionary.length], [2, ENCODING.PLAIN]]]);
    const bitWidth = dictionary.length > 1 ? 32 - Math.clz32(dictionary.length - 1) : 0;
    values.byte(bitWidth);
    writeHybrid(values, indexes, present, bitWidth);
    if (stats) {
      for (const v of dictionary) {
        if (min === null || compareUtf8(v, min as string) < 0) min = v;
        if (max === null || compareUtf8(v, max as string) > 0) max = v;
      }
    }
  } else {
    for (let k = 0; k < rows; k++) {
      const v = col[k] as number | null;
      if (v === null) continue;
      present++;
      if (column.type === "int") values.int32(v);
      else values.float64(v);
      if (stats && !Number.isNaN(v)) {
        if (min === null || v < (min as number)) min = v;
        if (max === null || v > (max as number)) max = v;
      }
    }
  }
  scratch.length = 0;
  writeHybrid(scratch, levels, rows, 1);
  const dataOffset = BigInt(4 + out.length);
  const encoding = column.type === "string" ? ENCODING.RLE_DICTIONARY : ENCODING.PLAIN;
  uncompressed += page(out, PAGE_TYPE.DATA_PAGE_V2, values.take(), [8, [[1, rows], [2, nulls], [3, rows], [4, encoding], [5, scratch.length], [6, 0]]], scratch.take());
  let statistics: Statistics | undefined;
  if (stats) {
    // Signed zero as the spec asks: min -0, max +0.
    if (min === 0) min = -0;
    if (max === 0) max = 0;
    statistics = { min_value: min ?? undefined, max_value: max ?? undefined, null_count: BigInt(nulls), nan_count: column.type === "double" ? 0n : undefined } as Statistics;
  }
  const dictionaryPage = dictionaryOffset !== undefined;
  chunks.push({
    meta_data: {
      type: column.type === "string" ? "BYTE_ARRAY" : column.type === "int" ? "INT32" : "DOUBLE",
      encodings: dictionaryPage ? ["PLAIN", "RLE_DICTIONARY"] : ["PLAIN"],
      path_in_schema: [column.name],
      codec: "BROTLI",
      num_values: BigInt(rows),
      total_compressed_size: BigInt(4 + out.length - start),
      total_uncompressed_size: BigInt(uncompressed),
      data_page_offset: dataOffset,
      dictionary_page_offset: dictionaryOffset,
      statistics,
      encoding_stats: stats
        ? [...(dictionaryPage ? [{ page_type: "DICTIONARY_PAGE" as const, encoding: "PLAIN" as const, count: 1 }] : []), { page_type: "DATA_PAGE_V2" as const, encoding: dictionaryPage ? ("RLE_DICTIONARY" as const) : ("PLAIN" as const), count: 1 }]
        : undefined,
    },
    file_offset: BigInt(start),
  });
  return uncompressed;
}
