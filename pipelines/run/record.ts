// A document's result as one byte string: what the cache stores and what a worker transfers to the main
// thread, so a cache hit and a fresh result take the same path to the writers.
// Layout: uint32 LE byte length of the head, the head as JSON in UTF-16LE (documents row, counts, metric
// columns packed), then the metric rows already rendered as CSV lines (UTF-8), written to metrics.csv as
// they are. UTF-16 because JavaScript strings are UTF-16: the head crosses without transcoding (decoding
// UTF-8 heads was a third of the main thread's cost of taking a record in), and Chinese text is 2 bytes
// a character instead of 3.
// Bytes rather than objects because transferring bytes between threads costs nothing and structured
// cloning 23 columns of strings cost ~10% of a worker's time; the CSV is rendered once, in the worker.
import { csvCell } from "../tables/csv.ts";
import type { Cell } from "../tables/columns.ts";
import { METRIC_COLUMNS } from "../tables/schema.ts";
import type { DocumentRow } from "../types.ts";

/**
 * A column as stored: constant columns (doc_id, region … the same on every row of a document) as one value,
 * repetitive ones (section, sentence: several figures share a sentence) as distinct values + indexes.
 */
export type Packed = { c: Cell } | { d: Cell[]; i: number[] } | Cell[];

export function packColumn(col: Cell[]): Packed {
  if (col.length && col.every((v) => v === col[0])) return { c: col[0] };
  const index = new Map<Cell, number>();
  const d: Cell[] = [];
  const i = col.map((v) => {
    let k = index.get(v);
    if (k === undefined) {
      k = d.length;
      index.set(v, k);
      d.push(v);
    }
    return k;
  });
  return d.length * 2 <= col.length ? { d, i } : col;
}

export function unpackColumn(p: Packed, n: number): Cell[] {
  if (Array.isArray(p)) return p;
  if ("c" in p) return new Array<Cell>(n).fill(p.c);
  return p.i.map((k) => p.d[k]);
}

/** What a record holds besides the CSV text. */
export interface RecordContent {
  document: DocumentRow;
  figures: number;
  withIndicator: number;
  /** Length of the decoded original text (the review page decides from it whether to show the document). */
  originalLength: number;
  /** Metric rows as columns, METRIC_COLUMNS order. */
  cols: Cell[][];
}

export interface DecodedRecord extends RecordContent {
  /** The metric rows as CSV lines (UTF-8, CRLF), a view into the record. */
  csv: Uint8Array;
}

interface Head extends Omit<RecordContent, "cols"> {
  rows: number;
  cols: Packed[];
}

/**
 * CSV lines for packed columns: a constant or repeated cell (doc_id, region, sentence, section) is
 * rendered once per document, not once per row. Same text as csvFromColumns on the unpacked columns.
 */
function csvFromPacked(packed: Packed[], rows: number): string {
  const cells: string[][] = packed.map((p, j) => {
    const type = METRIC_COLUMNS[j].type;
    if (Array.isArray(p)) return p.map((v) => csvCell(v, type));
    if ("c" in p) return [csvCell(p.c, type)];
    return p.d.map((v) => csvCell(v, type));
  });
  const lines: string[] = new Array(rows);
  const line: string[] = new Array(packed.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < packed.length; j++) {
      const p = packed[j];
      line[j] = Array.isArray(p) ? cells[j][i] : "c" in p ? cells[j][0] : cells[j][p.i[i]];
    }
    lines[i] = line.join(",") + "\r\n";
  }
  return lines.join("");
}

const utf8 = new TextEncoder();
/** Encoding space reused from record to record (the worst case is 3 UTF-8 bytes per UTF-16 unit of the CSV). */
let scratch = Buffer.allocUnsafe(1 << 20);

export function encodeRecord(content: RecordContent): Uint8Array {
  const rows = content.cols[0]?.length ?? 0;
  const packed = content.cols.map(packColumn);
  const head: Head = { document: content.document, figures: content.figures, withIndicator: content.withIndicator, originalLength: content.originalLength, rows, cols: packed };
  const headJson = JSON.stringify(head);
  const csv = rows ? csvFromPacked(packed, rows) : "";
  const headBytes = 2 * headJson.length;
  const worst = 4 + headBytes + 3 * csv.length;
  if (scratch.length < worst) scratch = Buffer.allocUnsafe(Math.max(worst, 2 * scratch.length));
  scratch.writeUInt32LE(headBytes, 0);
  scratch.write(headJson, 4, headBytes, "utf16le");
  const csvBytes = utf8.encodeInto(csv, scratch.subarray(4 + headBytes)).written;
  // An exact-size copy of its own (a fresh buffer used to be allocated, and zero-filled, at the worst-case size).
  return new Uint8Array(scratch.subarray(0, 4 + headBytes + csvBytes));
}

/** Throws on bytes that are not a whole record (a cache that lost a tail); callers treat that as a miss. */
export function decodeRecord(bytes: Uint8Array): DecodedRecord {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 4) throw new Error("record too short");
  const headBytes = buf.readUInt32LE(0);
  if (4 + headBytes > buf.length) throw new Error("record truncated");
  const head = JSON.parse(buf.toString("utf16le", 4, 4 + headBytes)) as Head;
  if (!head.document || !Array.isArray(head.cols) || head.cols.length !== METRIC_COLUMNS.length) throw new Error("record malformed");
  const { rows, cols, ...rest } = head;
  return { ...rest, cols: cols.map((c) => unpackColumn(c, rows)), csv: bytes.subarray(4 + headBytes) };
}

/** The CSV part of a record, without parsing its head. */
export function recordCsv(bytes: Uint8Array): Uint8Array {
  const headBytes = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  return bytes.subarray(4 + headBytes);
}
