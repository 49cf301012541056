// Reads a report's structure the way an analyst skims it: headings and their nesting
// (一、 / （一） / 1. / （1） / 一是), sentences, and for every part whether it records what was done
// or lays out what is planned (2024年工作思路, 重点工作计划, 下半年工作思路, a "2023年是…将…" opening).
// Linear in the text length: one pass over each line's characters (a table read each) finds its sentence
// ends, inline headings and, for extract, its candidate numerals; the marker regex runs only where one can start.
import type { Kind, Period } from "../types.ts";
import { CLAUSE_END, ENUMERATION_MARK, MASK_FILLER, type ExtractReference, type HeadingRules } from "../extract/reference.ts";
import { readNumeral, type Candidates, type NumeralRef } from "../extract/quantities.ts";
import { isDigitCode, isJsSpace } from "../text/chars.ts";
import { endsWithAny, includesAny, maskWords, startsWithAny } from "../text/words.ts";
import { trailingDateAt } from "../text/dates.ts";

export interface Heading {
  level: number;
  /** Heading text as written in the clean text (numbering included), trimmed. */
  text: string;
  start: number;
  end: number;
  /** What the heading says about its part: a plan, a record, or nothing. */
  plan: Kind | null;
  /** The year the part is about when the heading says (2024年工作思路 → 2024, 下半年 → report year). */
  year: number | null;
}

export interface Sentence {
  start: number;
  end: number;
  /** Outermost first. */
  headings: Heading[];
  /** Whether the part this sentence sits in is a plan, and for which year. */
  kind: Kind;
  year: number | null;
  /** Whether white space (a regex's \s) stands inside it; set by segment, so that a sentence without is not read again for it. */
  spaced?: boolean;
  /** Whether it opens on a plan word and an action (市民政局将持续加强…): a plan wherever a clause doesn't say done (classify). */
  planOpener: boolean;
}

export interface Segmented {
  sentences: Sentence[];
  /** The candidate numerals of the text (scanNumerals), read in the same pass when segment was given a NumeralRef. */
  numerals?: Candidates;
  reportYear: number | null;
  period: Period;
}

type PlanRef = Pick<ExtractReference, "plan" | "headings">;

/** Whether text[s, e) opens (within sentencePlanOpeners.within characters, before any figure) on a plan word followed by an action. */
function opensOnPlan(text: string, s: number, e: number, p: PlanRef["plan"]): boolean {
  const o = p.sentencePlanOpeners;
  const to = Math.min(e, s + o.within);
  for (let i = s; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c)) return false;
    if (!o.words.canStart(c) || (i > s && o.notAfter.includes(text[i - 1]))) continue;
    const w = o.words.at(text, i, e);
    const action = w ? startsWithAny(text, i + w.length, o.followedBy) : null;
    if (action === null || startsWithAny(text, i + w!.length + action.length, o.notBeforeAction) !== null) continue;
    // 今年以来…, 将…结合起来, …推进了: the sentence looks back on work done
    return !includesAny(text.slice(s, e), o.notInSentence);
  }
  return false;
}

/** The characters a heading marker can start with (for tests). */
export function markerStartChars(h: HeadingRules): string {
  let out = "";
  for (let c = 0; c < h.markerStart.length; c++) if (h.markerStart[c]) out += String.fromCharCode(c);
  return out;
}

/**
 * The heading marker at i of the line [a, b) of text, if one stands there (headings.json markers): at the line
 * start, after 。；！？ or a space, or as a topic right after a figure. The regex runs on the text itself (no copy of
 * the line), so match indices are text offsets.
 */
function markerAt(text: string, i: number, a: number, b: number, h: HeadingRules): RegExpExecArray | null {
  if (!h.markerStart[text.charCodeAt(i)]) return null;
  if (i > a) {
    const c = text.charCodeAt(i - 1);
    if (!(c === 0x3002 || c === 0xff1b || c === 59 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || isSpace(c) || topicAfterFigure(text, i, h))) return null;
  }
  const marker = h.marker;
  marker.lastIndex = i;
  const m = marker.exec(text);
  if (!m) return null;
  // Past the line there is only white space, which no marker reads, except the characters a style's lookahead
  // reads (二是… looks at two): they must be inside the line.
  const look = h.lookaheadInLine[markerStyle(m)];
  return look > 0 && i + m[0].length + look > b ? null : m;
}

/** Which marker style (headings.json markers, in order) a match is: each is a capturing group of its own. */
function markerStyle(m: RegExpExecArray): number {
  for (let k = 1; k < m.length; k++) if (m[k] !== undefined) return k - 1;
  return m.length - 2;
}

// What a character may start while a line is scanned: a sentence end, a heading marker, a numeral, or nothing (most).
const SENTENCE_END_CHAR = 1;
const MARKER_CHAR = 2;
const NUMERAL_CHAR = 4;
const SPACE_CHAR = 8;

/** The line-scan table of a reference's heading rules, and the same with each NumeralRef's numeral starts, made once each. */
const lineScans = new WeakMap<HeadingRules, { plain: Uint8Array; withNumerals: WeakMap<Uint8Array, Uint8Array> }>();
function lineScanFor(h: HeadingRules, numerals: NumeralRef | undefined): Uint8Array {
  let scans = lineScans.get(h);
  if (!scans) {
    const plain = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) plain[c] = (isSentenceEnd(c) ? SENTENCE_END_CHAR : 0) | (h.markerStart[c] ? MARKER_CHAR : 0) | (isJsSpace(c) ? SPACE_CHAR : 0);
    scans = { plain, withNumerals: new WeakMap() };
    lineScans.set(h, scans);
  }
  if (!numerals) return scans.plain;
  let t = scans.withNumerals.get(numerals.numeralStarts);
  if (!t) {
    t = new Uint8Array(65536);
    for (let c = 0; c < 65536; c++) t[c] = scans.plain[c] | (numerals.numeralStarts[c] ? NUMERAL_CHAR : 0);
    scans.withNumerals.set(numerals.numeralStarts, t);
  }
  return t;
}

// 共接收返通人员8033人三是…: a topic marker (二是…十是) right after a figure whose full stop was lost (headings.json topicAfterFigure).
// Read on the text, not the line: the characters just outside a line are white space, which none of these tests accepts.
function topicAfterFigure(text: string, i: number, h: HeadingRules): boolean {
  const t = h.topicAfterFigure;
  const c = text.charCodeAt(i);
  if (text.charCodeAt(i + 1) !== t.topicWord || t.notNumerals[c] || !h.numerals[c]) return false;
  if (!t.units[text.charCodeAt(i - 1)]) return false;
  return t.amountEnds[text.charCodeAt(i - 2)] === 1;
}

// 。！？!? and newline end a sentence.
function isSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 33 || c === 63 || c === 10;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0x3000 || c === 0xa0;
}

/** Longest sentence kept whole; longer stretches are cut at a clause mark. */
const MAX_SENTENCE = 400;

function isClauseMark(c: number): boolean {
  return c === 0xff0c || c === 0xff1b || c === 59 || c === 0x3001 || c === 44 || c === 32 || c === 0x3000;
}

function isHan(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}


/** Plan/record reading of a heading or title-like line. */
export function readHeadingPlan(text: string, ref: PlanRef, reportYear: number | null, period: Period, firstSection = false): { plan: Kind | null; year: number | null } {
  const p = ref.plan;
  text = maskWords(text, p.planMasks, MASK_FILLER, false);
  p.headingActual.re.lastIndex = 0;
  p.headingPlan.re.lastIndex = 0;
  p.headingPlanWithYear.re.lastIndex = 0;
  const ym = ref.headings.year.exec(text);
  let year: number | null = ym ? Number(ym[1]) : null;
  // A record heading is read no further.
  if (p.headingActual.re.test(text)) return { plan: "actual", year };
  // Strong plan phrases always; weak words (计划, 思路, 重点工作) only with a year (二、2024年重点工作) or ending a short heading.
  const strong = p.headingPlan.re.test(text);
  const isPlan = strong || (((ym !== null || ref.headings.placeholderYear.test(text)) && p.headingPlanWithYear.re.test(text)) || endsWithWeakPlanWord(text, ref));
  if (!isPlan) return { plan: null, year: null };
  if (year === null && reportYear !== null) {
    if (includesAny(text, p.headingSameYear)) year = reportYear;
    else if (includesAny(text, p.headingNextYear)) year = reportYear + 1;
    // 一、目标任务 … 二、完成情况: the targets a report states first, before any record, are its own year's
    else if (!strong && firstSection) year = reportYear;
    else year = period === "annual" || period === "" ? reportYear + 1 : reportYear;
  }
  return { plan: "target", year };
}

/** A short heading (10 characters at most, less its number and end marks) ending with a weak plan word: 二、重点工作. */
function endsWithWeakPlanWord(text: string, ref: PlanRef): boolean {
  const bare = text.replace(ref.headings.number, "").replace(ref.headings.endMarks, "");
  return bare.length <= 10 && endsWithAny(bare, bare.length, ref.plan.headingPlanWithYear.words) !== null;
}

/**
 * The year a report is about, when the describe stage did not say: its summary heading (2022年工作总结), else none.
 * Not the year its opening names most: describe weighed those and found none that says it (于2019年6月底竣工 is a
 * deadline, 2013年以来 a start), and the figures' years must agree with the documents table.
 */
export function inferReportYear(text: string, ref: PlanRef): number | null {
  const { fallback } = ref.headings;
  const summary = fallback.reportYearSummary.exec(text.slice(0, fallback.reportYearChars));
  return summary ? Number(summary[1]) : null;
}

/** The period a report covers, when the describe stage did not say: the first of headings.json's fallback periods its opening names. */
export function inferPeriod(text: string, ref: PlanRef): Period {
  const { fallback } = ref.headings;
  const head = text.slice(0, fallback.periodChars);
  for (const [re, period] of fallback.periods) if (re.test(head)) return period;
  return "annual";
}

/**
 * Splits clean text into sentences, each with its heading path and plan context. Given a NumeralRef, it also
 * reads the text's candidate numerals in the same pass (what scanNumerals finds), for extract.
 */
export function segment(text: string, ref: PlanRef, reportYearIn: number | null, periodIn: Period, numerals?: NumeralRef): Segmented {
  const reportYear = reportYearIn ?? inferReportYear(text, ref);
  const period: Period = periodIn || inferPeriod(text, ref);
  const seg = new Segmenter(text, ref, reportYear, period, numerals);
  seg.run();
  const { sentences } = seg;
  return numerals ? { sentences, reportYear, period, numerals: { starts: seg.numStarts, ends: seg.numEnds } } : { sentences, reportYear, period };
}

/**
 * One text being segmented: the state segment() reads it with, and the steps as methods. A class, not closures
 * made afresh for every document: those were compiled again for each new document's set (processLine called
 * another document's push), the pattern mended elsewhere too.
 */
class Segmenter {
  readonly p: PlanRef["plan"];
  readonly h: HeadingRules;
  readonly stack: Heading[] = [];
  readonly sentences: Sentence[] = [];
  /** A plan opening paragraph ("2023年是…，全市民政系统将…") switches the rest of the text to that plan. */
  docPlan: { start: number; year: number | null } | null = null;
  seenNumbered = false;
  /**
   * Has a numbered heading come yet? A weak plan heading that is the report's first numbered one (一、目标任务 … 二、完成
   *情况) states the year's own targets; further down (三、重点工作 after 一、工作开展情况) it is next year's.
   */
  seenSection = false;
  /** A table flattened one cell a line (`实施内容 |`): its header cells, and the column of the current cell. */
  table: { cols: string[]; kinds: ({ kind: Kind; year: number | null } | null)[]; col: number; data: boolean; used: number; bare?: boolean } | null = null;
  /** Short header-like lines just read (序号 / 重点工作任务 / … / 进展情况): the header of a table whose cells carry no ' |'. */
  bareHeader: string[] = [];
  cell: { kind: Kind; year: number | null } | null = null;
  /** The context changes only with the headings, the plan opening and the table cell: it is kept until one does. */
  current: { kind: Kind; year: number | null } | null = null;
  /** Sentences under the same headings share one snapshot of the heading path. */
  snapshot: Heading[] | null = null;
  /** Candidate numerals: every numeral start is inside a line (white space starts none), read left to right. */
  readonly scan: Uint8Array;
  readonly numStarts: number[] = [];
  readonly numEnds: number[] = [];
  numeralEnd = 0;

  constructor(
    readonly text: string,
    readonly ref: PlanRef,
    readonly reportYear: number | null,
    readonly period: Period,
    readonly numerals: NumeralRef | undefined,
  ) {
    this.p = ref.plan;
    this.h = ref.headings;
    this.scan = lineScanFor(ref.headings, numerals);
  }

  run(): void {
    const text = this.text;
    let lineStart = 0;
    while (lineStart <= text.length) {
      let lineEnd = text.indexOf("\n", lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      let a = lineStart;
      while (a < lineEnd && isSpace(text.charCodeAt(a))) a++;
      let b = lineEnd;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      if (b > a) {
        this.readTableCell(a, b);
        this.processLine(a, b);
      }
      lineStart = lineEnd + 1;
    }
  }

  context(): { kind: Kind; year: number | null } {
    return (this.current ??= this.readContext());
  }

  readContext(): { kind: Kind; year: number | null } {
    if (this.cell) return this.cell;
    const stack = this.stack;
    let best: { start: number; kind: Kind; year: number | null } | null = null;
    for (let i = stack.length - 1; i >= 0; i--) {
      const h = stack[i];
      if (h.plan) { best = { start: h.start, kind: h.plan, year: h.year ?? this.reportYear }; break; }
    }
    const docPlan = this.docPlan;
    if (docPlan && (!best || docPlan.start > best.start)) return { kind: "target", year: docPlan.year };
    return best ? { kind: best.kind, year: best.year } : { kind: "actual", year: this.reportYear };
  }

  headingsNow(): Heading[] {
    return (this.snapshot ??= this.stack.slice());
  }

  push(h: Heading): void {
    const stack = this.stack;
    while (stack.length && stack[stack.length - 1].level >= h.level) stack.pop();
    stack.push(h);
    this.snapshot = null;
    this.current = null;
  }

  /** A sentence [s, e) holding `spaces` white-space characters, less the white space around it, unless nothing is left. */
  addSentence(s: number, e: number, spaces: number): void {
    const text = this.text;
    let s2 = s;
    while (s2 < e && isSpace(text.charCodeAt(s2))) s2++;
    let e2 = e;
    while (e2 > s2 && isSpace(text.charCodeAt(e2 - 1))) e2--;
    if (e2 > s2) {
      const ctx = this.context();
      // What was trimmed is all white space: the rest stands inside.
      const spaced = spaces - (s2 - s) - (e - e2) > 0;
      this.sentences.push({ start: s2, end: e2, headings: this.headingsNow(), kind: ctx.kind, year: ctx.year, spaced, planOpener: ctx.kind === "actual" && opensOnPlan(text, s2, e2, this.p) });
    }
  }

  /** The numeral starting at i, unless i is inside the one before. */
  readNumeralAt(i: number): void {
    if (i < this.numeralEnd) return;
    const end = readNumeral(this.text, i, this.text.length, this.numerals!);
    if (end > 0) {
      this.numStarts.push(i);
      this.numEnds.push(end);
    }
    this.numeralEnd = Math.abs(end);
  }

  /**
   * Keeps count of a flattened table's cells: a header of short cells, then rows opening with a row number.
   * Empty cells leave no line, so a cell may sit further right than its count says: a cell holding a figure
   * is read under the first plan or progress column at or after its count, and right of the row's last one.
   */
  readTableCell(a: number, b: number): void {
    const text = this.text;
    if (this.cell) this.current = null;
    this.cell = null;
    const piped = text.charCodeAt(b - 1) === 124;
    if (!piped && !this.inBareTable(a, b)) {
      this.table = null;
      return;
    }
    const content = (piped ? text.slice(a, b - 1) : text.slice(a, b)).trim();
    const table = (this.table ??= { cols: [], kinds: [], col: -1, data: false, used: -1 });
    if (!table.data) {
      if (/^\d{1,3}$/.test(content) && table.cols.length >= 3) {
        table.data = true;
        // what each column records, read once for the table's rows
        table.kinds = table.cols.map((header) => this.columnKind(header));
        table.col = 0;
        table.used = 0;
      } else if (content.length <= 24 && !this.h.figureLike.test(content)) table.cols.push(content);
      else this.table = { cols: [], kinds: [], col: -1, data: false, used: -1 };
      return;
    }
    if (/^\d{1,3}$/.test(content)) {
      table.col = 0;
      table.used = 0;
      return;
    }
    table.col++;
    if (!this.h.figureLike.test(content)) return;
    for (let k = Math.max(table.col, table.used + 1); k < table.cols.length; k++) {
      const ck = table.kinds[k];
      if (ck) {
        this.cell = ck;
        this.current = null;
        table.used = k;
        return;
      }
    }
  }

  /**
   * Whether line [a, b) is a cell of a table laid out one cell a line without ' |' (a portal's task table pasted as
   * text): three or more short header-like lines opening on a row-number column (序号), at least one of them a plan or
   * progress column, then a line that is only a row number start it; a row holding more cells than the header has
   * columns ends it.
   */
  inBareTable(a: number, b: number): boolean {
    const text = this.text;
    const rowNumber = b - a <= 3 && isRowNumber(text, a, b);
    const table = this.table;
    if (table?.bare) {
      if (rowNumber || table.col + 1 < table.cols.length) return true;
      this.table = null;
    }
    if (rowNumber && this.bareHeader.length >= 3) {
      // the header opens on its row-number column (序号), so headings above a page number are no table
      let first = this.bareHeader.length - 1;
      while (first >= 0 && !this.h.bareHeaderFirst.includes(this.bareHeader[first])) first--;
      const cols = first >= 0 ? this.bareHeader.slice(first) : [];
      if (cols.length >= 3 && cols.some((header) => this.columnKind(header) !== null)) {
        this.table = { cols, kinds: [], col: -1, data: false, used: -1, bare: true };
        this.bareHeader = [];
        return true;
      }
    }
    const line = b - a <= this.h.bareHeaderMax ? text.slice(a, b) : "";
    if (line && !this.h.figureLike.test(line) && !this.h.notBareHeader.test(line)) this.bareHeader.push(line);
    else if (this.bareHeader.length) this.bareHeader = [];
    return false;
  }

  columnKind(header: string): { kind: Kind; year: number | null } | null {
    const p = this.p;
    if (includesAny(header, p.tableColumnNeither)) return null;
    if (includesAny(header, p.tableColumnActual)) return { kind: "actual", year: this.reportYear };
    if (includesAny(header, p.tableColumnPlan)) return { kind: "target", year: this.reportYear };
    return null;
  }

  processLine(a: number, b: number): void {
    const { text, p, h, reportYear, period, scan } = this;
    let line = text.slice(a, b);
    // A short line without sentence punctuation is a heading of its own (titles, 003-style headings).
    const numbered = markerAt(text, a, a, b, h);
    // …的通知 ( 2025-01-27 ): the page's date after a title
    if (!numbered) {
      const dated = trailingDateAt(line, h.pageDateLine);
      if (dated > 0) line = line.slice(0, dated).trimEnd();
    }
    if (!numbered && line.length <= 36 && !/[。；;]/.test(line) && !/[，,、：:]$/.test(line) && !h.figureLike.test(line)) {
      const hp = readHeadingPlan(line, this.ref, reportYear, period);
      // Once the report numbers its headings, a stray short line (a list item, 此件公开发布) sits below them
      // and never resets the part it is in.
      // A short line that names a part of the report (第二部分 2021年工作思路) stays a top heading.
      this.push({ level: this.seenNumbered && hp.plan === null ? h.belowDeepest : 1, text: line, start: a, end: b, plan: hp.plan, year: hp.year });
      const ctx = this.context();
      this.sentences.push({ start: a, end: b, headings: this.headingsNow(), kind: ctx.kind, year: ctx.year, spaced: /\s/.test(line), planOpener: false });
      if (this.numerals) for (let i = a; i < b; i++) if (scan[text.charCodeAt(i)] & NUMERAL_CHAR) this.readNumeralAt(i);
      return;
    }
    // A paragraph that opens a plan: starts with a later year or a plan word and uses a plan verb early on.
    if (!numbered) {
      const ym = h.yearAtStart.exec(line);
      const later = ym && reportYear !== null && Number(ym[1]) > reportYear;
      const starts = !later && p.planParagraphStarts.some((w) => line.startsWith(w));
      // The first sentence is cut out only for the few lines that open like a plan.
      const firstSentence = later || starts ? line.slice(0, Math.max(line.search(/[。！？]/), 0) || line.length) : "";
      if ((later || starts) && p.planParagraphVerbs.some((w) => firstSentence.includes(w))) {
        let year: number | null = later ? Number(ym![1]) : null;
        if (year === null && reportYear !== null) {
          if (p.headingSameYear.some((w) => line.startsWith(w))) year = reportYear;
          else year = period === "annual" || period === "" ? reportYear + 1 : reportYear;
        }
        this.docPlan = { start: a, year };
        this.current = null;
      }
    }
    // One pass over the line cuts its sentences and finds its inline numbered headings: text before a
    // marker belongs to the previous heading.
    let s = a;
    // White space since s: a sentence without any is not read again for it.
    let spaces = 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      const k = scan[c];
      if (k === 0 && i - s < MAX_SENTENCE) continue;
      if (k & SPACE_CHAR) spaces++;
      if (k & NUMERAL_CHAR) this.readNumeralAt(i);
      const m = k & MARKER_CHAR ? (i === a ? numbered : markerAt(text, i, a, b, h)) : null;
      if (m) {
        this.seenNumbered = true;
        if (i > s) this.addSentence(s, i, spaces);
        s = i;
        spaces = 0;
        this.pushMarker(m, i, b);
      }
      // Text without sentence punctuation (scraped documents) is cut into pieces of bounded length at a
      // clause mark, else between two Chinese characters, so that every later window stays small.
      const tooLong = i - s >= MAX_SENTENCE && (isClauseMark(c) || (i - s >= 2 * MAX_SENTENCE && isHan(c) && isHan(text.charCodeAt(i - 1)) && !h.numeralChars[c] && !h.numeralChars[text.charCodeAt(i - 1)]));
      if (k & SENTENCE_END_CHAR || tooLong) {
        this.addSentence(s, i + 1, spaces);
        s = i + 1;
        spaces = 0;
      }
    }
    if (s < b) this.addSentence(s, b, spaces);
  }

  /** A numbered heading at hs: it runs to the end of its first sentence (or a wide space after a short title), capped for display. */
  pushMarker(m: RegExpExecArray, hs: number, b: number): void {
    const text = this.text;
    const style = markerStyle(m);
    const level = this.h.levels[style];
    let he = hs;
    const limit = Math.min(b, hs + 80);
    while (he < limit && !(this.scan[text.charCodeAt(he)] & SENTENCE_END_CHAR) && !(level <= 2 && isSpace(text.charCodeAt(he)) && he > hs + 4)) he++;
    const htext = text.slice(hs, Math.min(he, hs + 40)).trim();
    // 一是/二是 topics (headings.json topic) are actions, not parts of the report: they never switch plan and record.
    const hp = this.h.topic[style] ? { plan: null, year: null } : readHeadingPlan(htext, this.ref, this.reportYear, this.period, !this.seenSection);
    if (!this.h.topic[style]) this.seenSection = true;
    this.push({ level, text: htext, start: hs, end: he, plan: hp.plan, year: hp.year });
  }
}

/** Whether the character at i ends a clause (seps: ExtractReference.clauseSeparators); 、 only when enumerations count. */
function isClauseSep(text: string, i: number, seps: Uint8Array, alsoEnumComma: boolean): boolean {
  const kind = seps[text.charCodeAt(i)];
  if (!kind) return false;
  if (kind === CLAUSE_END) return true;
  if (kind === ENUMERATION_MARK) return alsoEnumComma;
  // A comma between a digit and a group of three digits separates thousands (1,200).
  return !(isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)) && isDigit(text.charCodeAt(i + 2)) && isDigit(text.charCodeAt(i + 3)) && !isDigit(text.charCodeAt(i + 4)));
}

/** Whether text[a, b) is only ASCII digits: a table's row number. */
function isRowNumber(text: string, a: number, b: number): boolean {
  if (b <= a) return false;
  for (let i = a; i < b; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Longest stretch read on either side of a position when looking for its clause. */
const MAX_CLAUSE = 200;

/** Clause around position pos inside [lo, hi); seps: ExtractReference.clauseSeparators. */
export function clauseAround(text: string, lo: number, hi: number, pos: number, seps: Uint8Array, alsoEnumComma = false): [number, number] {
  let a = pos;
  const aMin = Math.max(lo, pos - MAX_CLAUSE);
  // Most characters separate nothing: one table read each.
  while (a > aMin && (!seps[text.charCodeAt(a - 1)] || !isClauseSep(text, a - 1, seps, alsoEnumComma))) a--;
  let b = pos;
  const bMax = Math.min(hi, pos + MAX_CLAUSE);
  while (b < bMax && (!seps[text.charCodeAt(b)] || !isClauseSep(text, b, seps, alsoEnumComma))) b++;
  return [a, b];
}

/**
 * The clause around pos and its enumeration item (clauseAround without and with 、), read in one scan each way:
 * [clause start, clause end, item start, item end]. Whatever ends a clause also ends an item.
 */
export function clauseAndItemAround(text: string, lo: number, hi: number, pos: number, seps: Uint8Array): [number, number, number, number] {
  let a = pos;
  let ia = -1;
  const aMin = Math.max(lo, pos - MAX_CLAUSE);
  for (; a > aMin; a--) {
    if (!seps[text.charCodeAt(a - 1)]) continue;
    if (ia < 0 && isClauseSep(text, a - 1, seps, true)) ia = a;
    if (isClauseSep(text, a - 1, seps, false)) break;
  }
  let b = pos;
  let ib = -1;
  const bMax = Math.min(hi, pos + MAX_CLAUSE);
  for (; b < bMax; b++) {
    if (!seps[text.charCodeAt(b)]) continue;
    if (ib < 0 && isClauseSep(text, b, seps, true)) ib = b;
    if (isClauseSep(text, b, seps, false)) break;
  }
  return [a, b, ia < 0 ? a : ia, ib < 0 ? b : ib];
}

/** The clauses of [lo, hi) in order (start, end pairs). */
export function clausesOf(text: string, lo: number, hi: number, seps: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  let a = lo;
  while (a < hi) {
    const [, b] = clauseAround(text, lo, hi, a, seps);
    if (b > a) out.push([a, b]);
    a = b + 1;
  }
  return out;
}

/**
 * Hard-wrapped text (PDF extraction, fixed-width exports) breaks sentences at line ends. A line break is a
 * soft wrap when the line before is long and ends without punctuation and the next line does not start a
 * heading (headings.json markers and partStart) and the line is not whole as it is (`wholeLine`: a table row): such
 * breaks are removed. Returns the unwrapped text and, when
 * anything was removed, the map from its indices back to the input's.
 */
export function unwrapLines(text: string, h: HeadingRules, minWrappedLine = 20, wholeLine?: (text: string, a: number, b: number) => boolean): { text: string; map: Int32Array | null } {
  const soft: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const nl = text.indexOf("\n", lineStart);
    if (nl < 0) break;
    let a = lineStart;
    while (a < nl && isSpace(text.charCodeAt(a))) a++;
    let b = nl;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    const next = nl + 1;
    const nextCh = text.charCodeAt(next);
    if (b - a >= minWrappedLine && !ENDS_BLOCK.test(text[b - 1]) && next < text.length && nextCh !== 10 && !isSpace(nextCh)) {
      h.marker.lastIndex = next;
      const m = h.marker.exec(text);
      // A line that is whole as it is (a table row: 救助资金（万元） 1,234.5 1500) ends where it ends, and a line before
      // one (a table's caption) does not run into it.
      if (!m && !h.partStart.test(text.slice(next, next + 6)) && !wholeLine?.(text, a, b) && !(wholeLine && wholeLine(text, next, lineEnd(text, next)))) soft.push(nl);
    }
    lineStart = nl + 1;
  }
  if (!soft.length) return { text, map: null };
  const map = new Int32Array(text.length - soft.length + 1);
  let out = "";
  let from = 0;
  let j = 0;
  for (const nl of soft) {
    out += text.slice(from, nl);
    for (let i = from; i < nl; i++) map[j++] = i;
    from = nl + 1;
  }
  out += text.slice(from);
  for (let i = from; i <= text.length; i++) map[j++] = i;
  return { text: out, map };
}

/** Where the line starting at i ends (its line break, or the text's end). */
function lineEnd(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl;
}

// A line ending in one of these closes a sentence, clause, block or table cell (`… |`): the break after it is real.
const ENDS_BLOCK = /[。！？!?；;：:…」』”"）)】>》\]|]/;
