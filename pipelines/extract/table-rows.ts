// Table rows in report text: 养老床位（张） 4500 4860 under 项目 2022年 2023年. An HTML table or a PDF table laid out
// on one line comes through ingest as such lines; their numbers carry no measure word of their own, so the sentence
// reader passes them by. Here the row label's bracketed unit gives each cell its unit, and a header line of years
// above gives each column its year (data/reference/table-rows.json).
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
}

/** A row: its label (without the unit), the unit as written, and each number cell's span, in column order. */
export interface TableRow {
  label: string;
  unitWord: string;
  cells: [number, number][];
}

const isCellDigit = (c: number) => isAsciiDigit(c) || c === 46 || c === 44;

/** The table row that the line [lo, hi) is, or null. */
export function readTableRow(text: string, lo: number, hi: number, rules: TableRowRules): TableRow | null {
  let b = hi;
  while (b > lo && isJsSpace(text.charCodeAt(b - 1))) b--;
  // Most lines end in a stop, not a number: nothing to read.
  if (b === lo || !isAsciiDigit(text.charCodeAt(b - 1))) return null;
  // Number cells from the end, each set apart by white space.
  const cells: [number, number][] = [];
  let e = b;
  for (;;) {
    let s = e;
    while (s > lo && isCellDigit(text.charCodeAt(s - 1))) s--;
    if (s === e || !isAsciiDigit(text.charCodeAt(s)) || !isAsciiDigit(text.charCodeAt(e - 1))) break;
    let gap = s;
    while (gap > lo && isJsSpace(text.charCodeAt(gap - 1))) gap--;
    if (gap === s) break;
    cells.unshift([s, e]);
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
  const label = text.slice(a, openAt).trim();
  if (label.length < 2 || label.length > rules.maxLabel) return null;
  for (const c of label) if (rules.notInLabel.includes(c)) return null;
  return { label, unitWord: text.slice(openAt + 1, closeAt), cells };
}

/** The years of the header line [a, b) (项目 2022年 2023年: its cells after the first are all years), or null. */
export function headerYears(text: string, a: number, b: number, rules: TableRowRules): number[] | null {
  // The last cell first: most lines end in no year, and are rejected without being split.
  let e = b;
  while (e > a && isJsSpace(text.charCodeAt(e - 1))) e--;
  let s = e;
  while (s > a && !isJsSpace(text.charCodeAt(s - 1))) s--;
  if (s === a || !rules.headerYear.test(text.slice(s, e))) return null;
  const cells = text.slice(a, b).trim().split(/\s+/);
  if (cells.length < 2) return null;
  const years: number[] = [];
  for (let i = 1; i < cells.length; i++) {
    const y = rules.headerYear.exec(cells[i]);
    if (!y) return null;
    years.push(Number(y[1]));
  }
  return years;
}

/**
 * The years of a row's columns, from the nearest header line above (within headerLinesUp lines) whose value cells
 * are all years and as many as the row's; null when there is none.
 */
export function columnYears(text: string, rowStart: number, columns: number, rules: TableRowRules): number[] | null {
  let end = text.lastIndexOf("\n", rowStart - 1);
  for (let n = 0; n < rules.headerLinesUp && end > 0; n++) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const years = headerYears(text, start, end, rules);
    end = start - 1;
    if (years && years.length === columns) return years;
  }
  return null;
}
