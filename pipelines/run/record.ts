// A document's result as one byte string: what the cache stores, so a cache hit and a fresh result take the
// same path to the writers.
// Layout: uint32 LE byte length of the head, the head as JSON in UTF-16LE (documents row, counts, the few
// cells the CSV can't give back exactly), then the metric rows as CSV lines (UTF-8), written to metrics.csv
// as they are. The rows are stored once, as the CSV: the columns the Parquet table needs are read back from
// it on a hit (cellsFromCsv). Keeping them in the head too, as JSON, used to cost a worker about 7% of its
// time on every cold run and made the cache half as big again, to spare the rarer warm run a CSV parse.
import { cellsFromCsv, csvFromColumns, type Cell, type CsvException } from "../tables/columns.ts";
import { METRIC_COLUMNS } from "../tables/schema.ts";
import type { DocumentRow } from "../types.ts";

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
  exceptions: CsvException[];
}

const utf8 = new TextEncoder();
// ignoreBOM: a U+FEFF opening the first cell is text, not a mark to drop.
const fromUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Encoding space reused from record to record (the worst case is 3 UTF-8 bytes per UTF-16 unit of the CSV). */
let scratch = Buffer.allocUnsafe(1 << 20);

export function encodeRecord(content: RecordContent): Uint8Array {
  const rows = content.cols[0]?.length ?? 0;
  const exceptions: CsvException[] = [];
  const csv = rows ? csvFromColumns(content.cols, METRIC_COLUMNS, exceptions) : "";
  const head: Head = { document: content.document, figures: content.figures, withIndicator: content.withIndicator, originalLength: content.originalLength, rows, exceptions };
  const headJson = JSON.stringify(head);
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
  if (!head.document || !Number.isInteger(head.rows) || !Array.isArray(head.exceptions)) throw new Error("record malformed");
  const { rows, exceptions, ...rest } = head;
  const csv = bytes.subarray(4 + headBytes);
  return { ...rest, cols: cellsFromCsv(fromUtf8.decode(csv), rows, exceptions), csv };
}

/** The CSV part of a record, without parsing its head. */
export function recordCsv(bytes: Uint8Array): Uint8Array {
  const headBytes = (bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (bytes[3] << 24)) >>> 0;
  return bytes.subarray(4 + headBytes);
}
