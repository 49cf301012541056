// CSV for analysts: UTF-8 with BOM (Excel opens Chinese correctly), RFC 4180 quoting, CRLF line ends,
// and string cells that a spreadsheet would run as a formula neutralised with a leading apostrophe.
import { closeSync, openSync, writeSync } from "node:fs";
import { codeAt } from "../text/chars.ts";
import type { ColumnSpec } from "./schema.ts";

/** A string cell that starts like a formula (= + - @, or tab / CR that Excel strips first) gets a leading '. */
export function neutralise(text: string): string {
  return startsLikeFormula(text) ? "'" + text : text;
}

export function startsLikeFormula(text: string): boolean {
  // = + - @ \t \r, compared as character codes: every text cell of every metric row goes through this.
  const c = codeAt(text, 0); // -1 for "" (charCodeAt's NaN would throw optimised callers away)
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/**
 * One cell. Numeric columns are written as plain numbers (a negative value stays `-5`, parseable by Number());
 * non-finite numbers and nulls are empty. Only string columns are neutralised.
 */
export function csvCell(value: unknown, type: "string" | "int" | "double"): string {
  if (value === null || value === undefined) return "";
  if (type === "int" || type === "double") {
    const n = typeof value === "number" ? value : Number(value);
    return Number.isFinite(n) ? String(n) : "";
  }
  return quote(neutralise(String(value)));
}

export function csvHeader(columns: readonly { name: string }[]): string {
  return columns.map((c) => quote(neutralise(c.name))).join(",") + "\r\n";
}

export function csvLine<Row>(row: Row, columns: readonly ColumnSpec<Row>[]): string {
  return columns.map((c) => csvCell(row[c.name], c.type)).join(",") + "\r\n";
}

/** Streams rows to a file through a 1 MB buffer, so large corpora never sit in memory. */
export interface CsvWriter<Row> {
  write(row: Row): void;
  /** Append already-rendered CSV lines (each ending in CRLF), as text or as UTF-8 bytes. */
  writeRaw(lines: string | Uint8Array): void;
  close(): void;
  readonly rows: number;
}

export function openCsvWriter<Row>(path: string, columns: readonly ColumnSpec<Row>[]): CsvWriter<Row> {
  const fd = openSync(path, "w");
  const buffer = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  let rows = 0;
  const flush = () => {
    let done = 0;
    while (done < used) done += writeSync(fd, buffer, done, used - done);
    used = 0;
  };
  const append = (bytes: Uint8Array) => {
    if (used + bytes.length > buffer.length) flush();
    if (bytes.length >= buffer.length) {
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      return;
    }
    buffer.set(bytes, used);
    used += bytes.length;
  };
  append(Buffer.from("\uFEFF" + csvHeader(columns), "utf8"));
  return {
    write(row: Row) {
      append(Buffer.from(csvLine(row, columns), "utf8"));
      rows++;
    },
    writeRaw(lines) {
      append(typeof lines === "string" ? Buffer.from(lines, "utf8") : lines);
    },
    close() {
      flush();
      closeSync(fd);
    },
    get rows() {
      return rows;
    },
  };
}

/** Minimal RFC 4180 reader (tests and the catalog table use it). Strips a BOM. */
export function parseCsv(text: string): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      any = true;
    } else if (c === "\r") {
      if (text[i + 1] !== "\n") field += c;
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
