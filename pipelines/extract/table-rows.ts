// Table rows in report text: 养老床位（张） 4500 4860 under 项目 2022年 2023年. An HTML table or a PDF table laid out
// on one line comes through ingest as such lines; their numbers carry no measure word of their own, so the sentence
// reader passes them by. Here the row label's bracketed unit gives each cell its unit, and a header line of years
// above gives each column its year (data/reference/table-rows.json).
import { referencePattern, referenceText, referenceWords } from "../reference-json.ts";
import { isAsciiDigit, isJsSpace } from "../text/chars.ts";

export interface TableRowRules {
  open: string;
  close: string;
  percentUnits: Set<string>;
  maxLabel: number;
  /** The longest bracketed unit read (万元, 人次 …). */
  maxUnit: number;
  /** Characters a row label never holds. */
  notInLabel: string;
  headerYear: RegExp;
  headerLinesUp: number;
  /** Text cells that may close a row after its numbers (预期性, 约束性: an indicator's attribute). */
  trailingCells: string[];
  /** …and the header cells above them (指标属性). */
  trailingHeaderCells: string[];
}

/** A row: its label (without the unit), the unit as written, and each number cell's span, in column order. */
export interface TableRow {
  label: string;
  unitWord: string;
  cells: [number, number][];
  /**
   * Where an empty cell may stand: for each cell, whether the white space before it is wide (two characters or more,
   * and at least twice the row's narrowest gap), and last, the same for the space after the last number (before a
   * trailing text cell). Read only when a header has more year columns than the row has numbers.
   */
  wideGaps: boolean[];
}

const isCellDigit = (c: number) => isAsciiDigit(c) || c === 46 || c === 44;

/** The table row that the line [lo, hi) is, or null. */
export function readTableRow(text: string, lo: number, hi: number, rules: TableRowRules): TableRow | null {
  let b = hi;
  while (b > lo && isJsSpace(text.charCodeAt(b - 1))) b--;
  // A trailing text cell (预期性) after the numbers: read the numbers before it.
  let trailingGap = 0;
  const tail = b > lo && !isAsciiDigit(text.charCodeAt(b - 1)) ? endingCell(text, lo, b, rules.trailingCells) : null;
  if (tail !== null) {
    b = tail;
    while (b > lo && isJsSpace(text.charCodeAt(b - 1))) b--;
    trailingGap = tail - b;
  }
  // Most lines end in a stop, not a number: nothing to read.
  if (b === lo || !isAsciiDigit(text.charCodeAt(b - 1))) return null;
  // Number cells from the end, each set apart by white space.
  const cells: [number, number][] = [];
  const gaps: number[] = [];
  let e = b;
  for (;;) {
    let s = e;
    while (s > lo && isCellDigit(text.charCodeAt(s - 1))) s--;
    if (s === e || !isAsciiDigit(text.charCodeAt(s)) || !isAsciiDigit(text.charCodeAt(e - 1))) break;
    let gap = s;
    while (gap > lo && isJsSpace(text.charCodeAt(gap - 1))) gap--;
    if (gap === s) break;
    cells.unshift([s, e]);
    gaps.unshift(s - gap);
    e = gap;
  }
  if (!cells.length) return null;
  // e now ends the label cell, which must end with its bracketed unit.
  const closeAt = e - 1;
  const k = rules.close.indexOf(text[closeAt]);
  if (k < 0) return null;
  const openAt = text.lastIndexOf(rules.open[k], closeAt);
  if (openAt <= lo || closeAt - openAt < 2 || closeAt - openAt > rules.maxUnit + 1) return null;
  let a = lo;
  while (a < openAt && isJsSpace(text.charCodeAt(a))) a++;
  // a row number before the label (序号: 1 城市低保享受人数(万人) …), set apart by white space
  let n = a;
  while (n < openAt && isAsciiDigit(text.charCodeAt(n))) n++;
  if (n > a && n - a <= 3 && isJsSpace(text.charCodeAt(n))) {
    a = n;
    while (a < openAt && isJsSpace(text.charCodeAt(a))) a++;
  }
  const label = text.slice(a, openAt).trim();
  if (label.length < 2 || label.length > rules.maxLabel) return null;
  for (const c of label) if (rules.notInLabel.includes(c)) return null;
  // wide: at least twice the row's narrowest gap (a layout that sets every cell apart by several spaces has its own normal)
  const all = tail !== null ? [...gaps, trailingGap] : gaps;
  const normal = Math.min(...all);
  const wideGaps = [...gaps, trailingGap].map((g) => g >= 2 && g >= 2 * normal);
  return { label, unitWord: text.slice(openAt + 1, closeAt), cells, wideGaps };
}

/** Where a line [lo, b) ends in one of `words` as a cell of its own (white space before it), or null. */
function endingCell(text: string, lo: number, b: number, words: readonly string[]): number | null {
  for (const w of words) {
    const at = b - w.length;
    if (at > lo && text.startsWith(w, at) && isJsSpace(text.charCodeAt(at - 1))) return at;
  }
  return null;
}

/** The years of the header line [a, b) (项目 2022年 2023年, 序号 指标名称 2020年 2025年: after one or two label cells, only years), or null. */
export function headerYears(text: string, a: number, b: number, rules: TableRowRules): number[] | null {
  // The last cell first: most lines end in no year, and are rejected without being split.
  let e = b;
  while (e > a && isJsSpace(text.charCodeAt(e - 1))) e--;
  // (after a trailing text column's name: 指标属性)
  const tail = e > a && !isAsciiDigit(text.charCodeAt(e - 1)) ? endingCell(text, a, e, rules.trailingHeaderCells) : null;
  if (tail !== null) {
    b = tail;
    e = tail;
    while (e > a && isJsSpace(text.charCodeAt(e - 1))) e--;
  }
  let s = e;
  while (s > a && !isJsSpace(text.charCodeAt(s - 1))) s--;
  if (s === a || !rules.headerYear.test(text.slice(s, e))) return null;
  const cells = text.slice(a, b).trim().split(/\s+/);
  if (cells.length < 2) return null;
  // one or two label cells (项目; 序号 指标名称), then only years
  const first = rules.headerYear.test(cells[1]) ? 1 : 2;
  if (cells.length <= first) return null;
  const years: number[] = [];
  for (let i = first; i < cells.length; i++) {
    const y = rules.headerYear.exec(cells[i]);
    if (!y) return null;
    years.push(Number(y[1]));
  }
  return years;
}

/**
 * The years of a row's cells, from the nearest header line above (within headerLinesUp lines) whose value cells
 * are all years: as many as the row's cells, or more by as many as the row has wide gaps (an empty cell: 5.7 7   预期性
 * under 2015年 2020年 2018年11月 leaves the last column empty); null when there is none.
 */
export function columnYears(text: string, rowStart: number, row: Pick<TableRow, "cells" | "wideGaps">, rules: TableRowRules): number[] | null {
  let end = text.lastIndexOf("\n", rowStart - 1);
  for (let n = 0; n < rules.headerLinesUp && end > 0; n++) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const years = headerYears(text, start, end, rules);
    end = start - 1;
    if (!years) continue;
    if (years.length === row.cells.length) return years;
    const empty = years.length - row.cells.length;
    if (empty > 0 && row.wideGaps.filter(Boolean).length === empty) {
      // an empty column before each cell with a wide gap before it, and after the last one when its gap is wide
      const out: number[] = [];
      let col = 0;
      for (let i = 0; i < row.cells.length; i++) {
        if (row.wideGaps[i]) col++;
        out.push(years[col++]);
      }
      return out;
    }
  }
  return null;
}

/** The rules of data/reference/table-rows.json, checked (ingest reads the same rows, to keep their spacing). */
export function compileTableRows(r: { unitBrackets: unknown; percentUnits: unknown; maxLabel: unknown; maxUnit: unknown; notInLabel: unknown; headerYear: unknown; headerLinesUp: unknown; trailingCells?: unknown; trailingHeaderCells?: unknown }): TableRowRules {
  const where = "table-rows.json";
  const brackets = referenceWords(r.unitBrackets, where, "unitBrackets");
  if (brackets.some((b) => [...b].length !== 2)) throw new Error(`${where}: "unitBrackets" must list an opening and a closing bracket per entry`);
  const count = (x: unknown, name: string) => {
    if (typeof x !== "number" || !Number.isInteger(x) || x < 1) throw new Error(`${where}: "${name}" must be a whole number above 0`);
    return x;
  };
  return {
    open: brackets.map((b) => b[0]).join(""),
    close: brackets.map((b) => b[1]).join(""),
    percentUnits: new Set(referenceWords(r.percentUnits, where, "percentUnits")),
    maxLabel: count(r.maxLabel, "maxLabel"),
    maxUnit: count(r.maxUnit, "maxUnit"),
    notInLabel: referenceText(r.notInLabel, where, "notInLabel"),
    headerYear: referencePattern(r.headerYear, where, "headerYear"),
    headerLinesUp: count(r.headerLinesUp, "headerLinesUp"),
    trailingCells: r.trailingCells === undefined ? [] : referenceWords(r.trailingCells, where, "trailingCells"),
    trailingHeaderCells: r.trailingHeaderCells === undefined ? [] : referenceWords(r.trailingHeaderCells, where, "trailingHeaderCells"),
  };
}
