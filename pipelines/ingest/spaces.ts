// Spaces left by PDF conversion and viewers, removed with the offset map kept:
//   `56 张` → `56张`, `60 %` → `60%`, `1 234` → `1234`, `3 .5` → `3.5`, `1234人 次` → `1234人次` (split measure words
//   from data/reference/ingest-split-units.txt); runs of spaces → one space; blank lines collapsed to one.
// A space before a digit is kept: `总结 1.力求` uses it as a separator and the number must stay apart.
import { readTableRow, type TableRowRules } from "../extract/table-rows.ts";
import { rewrite, type Mapped } from "./offsets.ts";
import { unitReader } from "../text/chars.ts";

const readUnits = unitReader();

export interface SpaceReference {
  splitUnits: Set<string>;
  /** PDF font-map errors, wrong word → right word of the same length (data/reference/ingest-pdf-fixes.csv). */
  pdfFixes: Map<string, string>;
  /** One regex matching any wrong word (global), or null when the list is empty. */
  pdfFixRe: RegExp | null;
  /** A character every wrong word contains (or ""): a text without it needs no search. */
  pdfFixMark?: string;
  /**
   * The table rows of table-rows.json (a label with its unit in brackets, number cells, perhaps an attribute cell:
   * 城市低保享受人数(万人) 1.03 1 0.639 预期性), read as extract reads them. When a row ends in an attribute cell or its
   * gaps are uneven (an empty cell is a wider gap), its spacing sets its cells apart and is left as it is.
   */
  tableRows?: TableRowRules | null;
}

/**
 * [start, end) of the lines that are table rows (see tableRows). Only lines holding a trailing cell word or a run of
 * spaces are tested: the others lose nothing to the rewrites.
 */
function tableRowSpans(text: string, ref: SpaceReference): Array<[number, number]> {
  const rules = ref.tableRows;
  if (!rules) return [];
  const spans: Array<[number, number]> = [];
  const test = (at: number) => {
    const a = text.lastIndexOf("\n", at) + 1;
    if (spans.length && spans[spans.length - 1][0] === a) return;
    let b = text.indexOf("\n", at);
    if (b < 0) b = text.length;
    const line = text.slice(a, b);
    if (readTableRow(text, a, b, rules) !== null && (unevenGaps(line) || rules.trailingCells.some((w) => line.trimEnd().endsWith(w)))) spans.push([a, b]);
  };
  // each line with a run of spaces once (the search resumes at the next line)
  for (let p = text.indexOf("  "); p >= 0; ) {
    test(p);
    const next = text.indexOf("\n", p);
    p = next < 0 ? -1 : text.indexOf("  ", next);
  }
  for (const w of rules.trailingCells) for (let p = text.indexOf(w); p >= 0; p = text.indexOf(w, p + w.length)) test(p);
  return spans;
}

/** Are the runs of white space inside a line of unequal width (one at least twice another): an empty cell between? */
function unevenGaps(line: string): boolean {
  let min = Infinity;
  let max = 0;
  for (const m of line.trim().matchAll(/[ \t\u3000]+/g)) {
    min = Math.min(min, m[0].length);
    max = Math.max(max, m[0].length);
  }
  return max >= 2 && max >= 2 * min;
}

/** A rewrite's replacer that leaves matches inside the given line spans alone. */
function outside(spans: Array<[number, number]>, replace: (m: RegExpExecArray) => string | null): (m: RegExpExecArray) => string | null {
  if (!spans.length) return replace;
  return (m) => (spans.some(([a, b]) => m.index >= a && m.index < b) ? null : replace(m));
}

/** Same-length word replacements, map kept one to one. */
export function fixPdfWords(src: Mapped, ref: SpaceReference): Mapped {
  if (!ref.pdfFixRe || (ref.pdfFixMark && src.text.indexOf(ref.pdfFixMark) < 0)) return src;
  return rewrite(src, ref.pdfFixRe, (m) => ref.pdfFixes.get(m[0]) ?? null);
}

const HAN = "\\u3400-\\u9fff";
const DIGIT_SPACE_UNIT = new RegExp(`\\d +(?=[${HAN}%‰])`, "g");
// A decimal part may follow the last group when a unit follows it on the same line (1 234.5万元); a table row's
// cells (856 923.5 at a line's end) stay apart.
const THOUSANDS = /(?<![\d.])\d{1,3}(?: \d{3})+(?:(?=\.\d+ ?[\u4e00-\u9fff%％])|(?![\d.]| ?[\d]))/g;
const SPACE_DOT = /\d +\.(?=\d)/g;
/** `(?<=\d[万亿余多]?)([HAN]) +([HAN])` without its look-behind, which the regex engine would try at every position; tested by hand. */
const SPLIT_UNIT = new RegExp(`([${HAN}]) +([${HAN}])`, "g");
const DIGIT = /\d/;
/** The look-behind of a SPLIT_UNIT match: a digit right before it, or before a 万/亿/余/多 right before it. */
function afterNumber(text: string, at: number): boolean {
  if (at > 0 && DIGIT.test(text[at - 1])) return true;
  return at > 1 && "万亿余多".includes(text[at - 1]) && DIGIT.test(text[at - 2]);
}
const MULTI_SPACE = / {2,}/g;
const BLANK_LINES = /\n{3,}/g;
const LEADING = /^\n+/g;

const dropSpaces = (m: RegExpExecArray) => m[0].replace(/ +/g, "");

/** A single space between two visible characters; in letter-spaced text it is layout (English words keep theirs). */
const SPACED_PAIR = /(?<=\S) (?=\S)/g;
const LATIN = /[A-Za-z]/;

/** `2 0 2 3 年 工 作 总 结` → `2023年工作总结`, map kept. Call only when isLetterSpaced says so. */
export function removeLetterSpacing(src: Mapped): Mapped {
  const t = src.text;
  return rewrite(src, SPACED_PAIR, (m) => (LATIN.test(t[m.index - 1]) && LATIN.test(t[m.index + 1]) ? null : ""));
}

const SPACED_MIN_HAN = 20;
const SPACED_SHARE = 0.6;
/** spaced > SPACED_SHARE × han with han ≥ SPACED_MIN_HAN needs at least this many spaces. */
const SPACED_MIN_SPACES = Math.floor(SPACED_SHARE * SPACED_MIN_HAN) + 1;

/** Is most Chinese text here followed by a single space, as when PDF conversion spaces out every character? */
export function isLetterSpaced(text: string): boolean {
  let han = 0;
  let spaced = 0;
  const n = Math.min(text.length, 20000);
  // most texts have too few spaces to be letter-spaced at all: counted with indexOf, without reading every character
  let spaces = 0;
  for (let p = text.indexOf(" "); p >= 0 && p <= n && spaces < SPACED_MIN_SPACES; p = text.indexOf(" ", p + 1)) spaces++;
  if (spaces < SPACED_MIN_SPACES) return false;
  // two more units than scanned for the look-ahead; past the end charCodeAt gave NaN, here -1 stands for it
  const m = Math.min(text.length, n + 2);
  const u = readUnits(text, m);
  const at = (i: number) => (i < m ? u[i] : -1);
  for (let i = 0; i < n; i++) {
    const c = u[i];
    if (c >= 0x3400 && c <= 0x9fff) {
      han++;
      if (at(i + 1) === 0x20 && at(i + 2) !== 0x20) spaced++;
    }
    // stop once even all characters left being spaced Han could not lift spaced above SPACED_SHARE × han (margin 1 for rounding)
    if ((i & 255) === 255 && spaced - SPACED_SHARE * han + (1 - SPACED_SHARE) * (n - i - 1) < -1) return false;
  }
  return han >= SPACED_MIN_HAN && spaced > han * SPACED_SHARE;
}

/**
 * Does a space directly follow a digit / a Han character somewhere? The digit rewrites and SPLIT_UNIT each need one,
 * and removing a run of spaces (all they do) puts no new character before a space. Visits only the spaces.
 */
function spaceAfter(text: string): { digit: boolean; han: boolean } {
  let digit = false;
  let han = false;
  for (let p = text.indexOf(" ", 1); p > 0 && !(digit && han); p = text.indexOf(" ", p + 1)) {
    const c = text.charCodeAt(p - 1);
    if (c >= 0x30 && c <= 0x39) digit = true;
    else if (c >= 0x3400 && c <= 0x9fff) han = true;
  }
  return { digit, han };
}

export function fixSpaces(src: Mapped, ref: SpaceReference): Mapped {
  let t = src;
  // each rewrite only when the text holds what every match must contain (a quick indexOf instead of a regex scan)
  if (t.text.indexOf(" ") >= 0) {
    const after = spaceAfter(t.text);
    // table rows keep their spacing (100 100 100 约束性: three cells; 7   预期性: an empty one)
    let rows = tableRowSpans(t.text, ref);
    if (after.digit) {
      t = rewrite(t, DIGIT_SPACE_UNIT, outside(rows, dropSpaces));
      if (rows.length) rows = tableRowSpans(t.text, ref);
      t = rewrite(t, THOUSANDS, outside(rows, dropSpaces));
      if (rows.length) rows = tableRowSpans(t.text, ref);
      if (t.text.indexOf(" .") >= 0) t = rewrite(t, SPACE_DOT, dropSpaces);
    }
    // a candidate that fails the look-behind hides no match: after its first character come spaces, then a Han character preceded by a space
    if (after.han) t = rewrite(t, SPLIT_UNIT, (m) => (afterNumber(m.input, m.index) && ref.splitUnits.has(m[1] + m[2]) ? m[1] + m[2] : null));
    if (t.text.indexOf("  ") >= 0) {
      if (rows.length) rows = tableRowSpans(t.text, ref);
      t = rewrite(t, MULTI_SPACE, outside(rows, () => " "));
    }
  }
  if (t.text.indexOf("\n\n\n") >= 0) t = rewrite(t, BLANK_LINES, () => "\n\n");
  if (t.text.charCodeAt(0) === 0x0a) t = rewrite(t, LEADING, () => "");
  // trailing line breaks
  let end = t.text.length;
  while (end > 0 && t.text[end - 1] === "\n") end--;
  if (end < t.text.length) {
    const map = t.map.slice(0, end + 1);
    map[end] = t.map[t.text.length];
    t = { text: t.text.slice(0, end), map };
  }
  return t;
}
