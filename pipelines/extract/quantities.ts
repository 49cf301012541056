// Finds the quantities in a sentence: number (+ 万/亿) (+ 余/多) + measure word or %, with its qualifier,
// range ends and canonical unit; drops what GOLD.md says is not a metric (dates, ordinals, document
// numbers, plan names, age limits, thresholds, page furniture, rhetoric). Each candidate is judged on a
// bounded window around it, so the scan stays linear in the text length.
import { codeAt, holdsCode, isAsciiDigit, isDigitCode, isJsSpace } from "../text/chars.ts";
import { endsWithAny, includesAny, startsWithAny } from "../text/words.ts";
import type { Qualifier, Unit } from "../types.ts";
import { hasChineseDigit, isArabic, parseArabic, parseChinese } from "./numbers.ts";
import { ARABIC_DIGIT, CLAUSE_END, ENUMERATION_MARK, NUMBER_COMMA, type ExtractReference } from "./reference.ts";
import { columnYears, readTableRow, type TableRow } from "./table-rows.ts";

export interface Quantity {
  /** Clean-text span of the quote (qualifier words included where GOLD.md's quotes include them). */
  start: number;
  end: number;
  /** Span of the numeral itself (first number of a range). */
  numStart: number;
  numEnd: number;
  /** End of the measure word (or of the number when there is none). */
  unitEnd: number;
  value: number;
  low: number | null;
  high: number | null;
  unit: Unit;
  measureWord: string;
  qualifier: Qualifier;
  /** 个百分点: a change in percentage points. */
  pointChange: boolean;
  /** Clause [a, b) around the figure (，；：-bounded) and its enumeration item (also 、-bounded); set by extract. */
  clause?: [number, number];
  item?: [number, number];
  /** No measure word: the unit was read from the noun before (人次超7000) or from money words (金额48.14万). */
  bare: boolean;
  chinese: boolean;
  /** A table row's cell: the row's label names what is counted (table-rows.ts); null elsewhere. */
  rowLabel: string | null;
  /** A table cell under a header year (项目 2022年 2023年); null elsewhere. */
  columnYear: number | null;
}

const SPACE = /[ \u00a0\u3000\t]/;

/** The longest measure word starting at pos. */
function unitWordAt(text: string, pos: number, ref: ExtractReference): string | null {
  return ref.unitWordMatcher.at(text, pos);
}


/** The range connector (-, 至, ～) at pos, if any: the list is read only when one starts with that character. */
function rangeConnectorAt(text: string, pos: number, ref: ExtractReference): string | null {
  return ref.rangeConnectorStarts[text.charCodeAt(pos)] ? startsWithAny(text, pos, ref.rangeConnectors) : null;
}

function skipSpaces(text: string, pos: number, limit: number): number {
  let p = pos;
  while (p < limit && p - pos < 2 && isSpaceCode(text.charCodeAt(p))) p++;
  return p;
}

/** The first of ，,。；;、 in [a, b), else b. */
function clauseMarkIn(text: string, a: number, b: number): number {
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff0c || c === 44 || c === 0x3002 || c === 0xff1b || c === 59 || c === 0x3001) return i;
  }
  return b;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x3000 || c === 9;
}

/**
 * A figure's value as written, without the binary noise of scaling it (610.3亿 = 610.3 × 1e8 comes out as
 * 61029999999.99999): six decimals at most, then 15 significant digits, more than any report writes. A whole number
 * of up to 15 digits, most figures, is already that (formatting and parsing it again cost ~2% of a worker).
 */
export function roundFigure(v: number): number {
  if (Number.isInteger(v) && v < 1e15 && v > -1e15) return v === 0 ? 0 : v; // -0 as 0, as toPrecision reads it
  return Number((Math.round(v * 1e6) / 1e6).toPrecision(15));
}

/**
 * A round number written without a digit, as a figure: 百 or 千 (or either times 万/亿: 近百万元, 超千万元), or 万/亿
 * alone, with a qualifier right after (余, 多), before it (近, 约) or, for these alone, a round-number prefix (上千人,
 * 上万人: qualifiers.json roundPrefix). Without one, 百家, 千家万户, 万人 are words.
 */
function qualifiedRound(text: string, numStart: number, numEnd: number, ref: ExtractReference): boolean {
  if (!isRoundRun(text, numStart, numEnd, ref)) return false;
  return ref.innerQualifierByCode.has(text.charCodeAt(numEnd)) || ref.qualifierPrefixMatcher.endsAt(text, numStart) !== null || roundPrefixAt(text, numStart, ref) !== undefined;
}

/** Every character a plain Chinese digit (六〇二, 三四): read positionally, not as a count. */
function isPositionalChinese(raw: string, ref: ExtractReference): boolean {
  for (let k = 0; k < raw.length; k++) if (ref.digits[raw[k]] === undefined) return false;
  return true;
}

/** The round-number prefix (上) right before `numStart`, unless it ends a word (线上, 以上: notPrefixInside). */
function roundPrefixAt(text: string, numStart: number, ref: ExtractReference): Qualifier | undefined {
  const kind = ref.roundPrefixKind.get(text.charCodeAt(numStart - 1));
  return kind && !ref.notPrefixInside.endsAt(text, numStart) ? kind : undefined;
}

/** Whether a word pointing back (以上, 上述: exclusions.json pointingBack) ends at `at` and opens its clause. */
function pointsBack(text: string, at: number, lo: number, ex: ExtractReference["exclusions"]): boolean {
  const w = ex.pointingBackMatcher.endsAt(text, at);
  if (w === null) return false;
  const before = at - w.length - 1;
  return before < lo || isJsSpace(text.charCodeAt(before)) || holdsCode(ex.pointingBackOpens, text.charCodeAt(before));
}

/** A whole number from 1900 to 2100 without a multiplier (every operation done whatever the value: see findQuantities). */
function isPlainYear(v: number, mult: number): boolean {
  const whole = v % 1 === 0;
  const inRange = v >= 1900 && v <= 2100;
  return whole && inRange && mult === 1;
}

/** The year mark (年: exclusions.json yearMark) from p, after at most two white-space characters. */
function yearMarkAt(text: string, p: number, mark: string): boolean {
  const end = Math.min(p + 3, text.length);
  for (let k = p; k < end; k++) {
    if (text.startsWith(mark, k)) return true;
    if (!isJsSpace(text.charCodeAt(k))) return false;
  }
  return false;
}

/**
 * The unit of the people right after a bare 万/亿 amount (360多万困难群众): exclusions.json nounsAfterMagnitude; else
 * null, also when the noun heads a compound (志愿者家庭) or money follows in the clause (12万群众文化活动专项经费).
 */
function peopleAfter(text: string, p: number, hi: number, ex: ExtractReference["exclusions"]): Unit | null {
  for (const [noun, u] of ex.nounsAfterMagnitude) {
    if (!text.startsWith(noun, p)) continue;
    const after = p + noun.length;
    if (startsWithAny(text, after, ex.nounsAfterMagnitudeNotBefore) !== null) return null;
    const rest = text.slice(after, clauseMarkIn(text, after, Math.min(hi, after + ex.nounsAfterMagnitudeMoneyWindow)));
    // money or a facility right after the noun is what the amount is (1.6亿困难群众救助资金); after a verb (补发救助资金), not
    let money = -1;
    for (const w of ex.nounsAfterMagnitudeMoneyAfter) {
      const k = rest.indexOf(w);
      if (k >= 0 && (money < 0 || k < money)) money = k;
    }
    return money < 0 || includesAny(rest.slice(0, money), ex.nounsAfterMagnitudeVerbs) ? u : null;
  }
  return null;
}

/** Index of the last mark in s that ends a clause or may (clauses.json: a comma, not 、; a space between a headline's clauses), or -1. */
function lastClauseMark(s: string, ref: ExtractReference): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    const kind = ref.clauseSeparators[c];
    if (kind === CLAUSE_END || kind === NUMBER_COMMA || isJsSpace(c)) return i;
  }
  return -1;
}

/** A money word right after a bare amount, or after one lead word (5万的补助): exclusions.json moneyAfterFigure. */
function moneyWordAfter(text: string, p: number, ex: ExtractReference["exclusions"]): boolean {
  if (startsWithAny(text, p, ex.moneyAfterFigure) !== null) return true;
  const lead = startsWithAny(text, p, ex.moneyAfterFigureLeads);
  return lead !== null && startsWithAny(text, p + lead.length, ex.moneyAfterFigure) !== null;
}

function isLatinLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** [\s:：] of a regex: JavaScript white space and line terminators, or a colon. */
function isSpaceOrColon(c: number): boolean {
  return c === 58 || c === 0xff1a || isJsSpace(c);
}

/** Inside 《…》 or a short “…” (plan names, slogans: “1+8+X”, “9028”, “520”)? */
function insideNamedSpan(text: string, lo: number, hi: number, a: number, b: number, ref: ExtractReference): boolean {
  const ex = ref.exclusions;
  // Bounded windows on both sides: never scan past the sentence or 60 characters.
  const leftStart = Math.max(lo, a - 60);
  const left = text.slice(leftStart, a);
  // Every named span opens inside the left window: without an opening mark there, the figure is in none.
  if (!ex.namedSpanOpener.test(left)) return false;
  const right = text.slice(b, Math.min(hi, b + 60));
  for (const [open, close] of ex.brackets) {
    const o = left.lastIndexOf(open);
    if (o >= 0 && left.lastIndexOf(close) < o && right.includes(close)) return true;
  }
  for (const [open, close] of ex.shortQuotes) {
    if (open === close) continue;
    const o = left.lastIndexOf(open);
    if (o < 0 || left.length - o > ex.shortQuoteMax) continue;
    if (left.lastIndexOf(close) > o) continue;
    const c2 = right.indexOf(close);
    if (c2 >= 0 && left.length - o - 1 + (b - a) + c2 <= ex.shortQuoteMax) return true;
  }
  return false;
}

function resolveUnit(word: string, text: string, lo: number, hi: number, a: number, b: number, ref: ExtractReference): Unit {
  const rules = ref.unitRules.get(word) ?? [];
  return (rules[applyingRule(rules, text, lo, hi, a, b, ref.clauseSeparators)] ?? rules[rules.length - 1])?.unit ?? "other";
}

type UnitRule = { unit: Unit; context: readonly string[] };

/**
 * Index of the first rule of a measure word that applies to the figure at [a, b): its context words are near (in its own
 * enumeration item: 发放慰问卡200张、新增床位15张 counts cards, then beds), or it has none; -1 if none applies.
 */
function applyingRule(rules: readonly UnitRule[], text: string, lo: number, hi: number, a: number, b: number, seps: Uint8Array): number {
  // The words around the figure are copied only for a rule that needs them.
  let win: string | null = null;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (!r.context.length) return i;
    win ??= unitWindow(text, lo, hi, a, b, seps);
    if (r.context.some((w) => win!.includes(w))) return i;
  }
  return -1;
}

/**
 * The words a measure word's context is read in: up to 12 characters before the figure and 8 after, within its own
 * enumeration item; the whole stretch when the item holds no words before the figure (养老机构、床位分别为35家、2800张:
 * the things counted stand before the list of figures).
 */
function unitWindow(text: string, lo: number, hi: number, a: number, b: number, seps: Uint8Array): string {
  const from = Math.max(lo, a - 12);
  const itemStart = itemStartBefore(text, from, a, seps);
  if (a - itemStart < 2) return text.slice(from, Math.min(hi, b + 8));
  return text.slice(itemStart, itemEndAfter(text, b, Math.min(hi, b + 8), seps));
}

/** Where the enumeration item holding `at` starts, looking back no further than `from`. */
function itemStartBefore(text: string, from: number, at: number, seps: Uint8Array): number {
  for (let i = at - 1; i >= from; i--) if (seps[text.charCodeAt(i)] === ENUMERATION_MARK) return i + 1;
  return from;
}

/** Where the enumeration item holding `at` ends, looking no further than `to`. */
function itemEndAfter(text: string, at: number, to: number, seps: Uint8Array): number {
  for (let i = at; i < to; i++) if (seps[text.charCodeAt(i)] === ENUMERATION_MARK) return i;
  return to;
}

/** The unit the words near a figure settle (a rule with context words applies), or null when only the default would. */
function unitFromContext(rules: readonly UnitRule[], text: string, lo: number, hi: number, a: number, b: number, seps: Uint8Array): Unit | null {
  const i = applyingRule(rules, text, lo, hi, a, b, seps);
  return i >= 0 && rules[i].context.length ? rules[i].unit : null;
}

/**
 * 分别为金秋钱塘老年公寓40张、福寿康助老为老服务中心20张: the items of one enumeration a list lead opens (、 between
 * them, no clause mark) counted with the same measure word count the same thing. An item whose own words settle nothing (服务中心20张
 * is no bed word) takes the unit its neighbours' words settled, read along the list both ways.
 */
function shareListUnits(text: string, out: Quantity[], lo: number, hi: number, ref: ExtractReference): void {
  if (out.length < 2) return;
  // Neighbours in one led list, counted with the same measure word (the text between them is checked only then).
  const joined = (p: Quantity, q: Quantity) =>
    p.measureWord !== "" && p.measureWord === q.measureWord && p.rowLabel === null && q.rowLabel === null &&
    (ref.unitRules.get(p.measureWord)?.length ?? 0) > 1 && listedAfter(text, p.unitEnd, q.numStart, ref) && ledList(text, lo, p.numStart, ref);
  let settled: (Unit | null)[] | null = null;
  const settledAt = (k: number) => {
    settled ??= out.map((x) => unitFromContext(ref.unitRules.get(x.measureWord) ?? [], text, lo, hi, x.numStart, x.unitEnd, ref.clauseSeparators));
    return settled[k];
  };
  // forwards, then backwards, so a settled item at either end of the list reaches the others
  for (let k = 1; k < out.length; k++) {
    if (!joined(out[k - 1], out[k]) || settledAt(k) !== null || settledAt(k - 1) === null) continue;
    out[k].unit = settled![k] = settled![k - 1]!;
  }
  for (let k = out.length - 2; k >= 0; k--) {
    if (!joined(out[k], out[k + 1]) || settledAt(k) !== null || settledAt(k + 1) === null) continue;
    out[k].unit = settled![k] = settled![k + 1]!;
  }
}

/**
 * Does a list lead (分别为, 其中: clauses.json listLeads) open the enumeration the figure at `at` stands in, after the
 * last clause mark before it? Items of a led list name the parts of one thing; a bare 、 also joins different acts
 * (办理低保申请320件、为困难群众发放棉衣500件).
 */
function ledList(text: string, lo: number, at: number, ref: ExtractReference): boolean {
  let a = at;
  while (a > lo) {
    const kind = ref.clauseSeparators[text.charCodeAt(a - 1)];
    if (kind && kind !== ENUMERATION_MARK) break;
    a--;
  }
  const clause = text.slice(a, at);
  return ref.listLeads.some((w) => clause.includes(w));
}

/** Is the text between two figures [a, b) a list separator and the next item's words, with no clause mark? */
function listedAfter(text: string, a: number, b: number, ref: ExtractReference): boolean {
  let separated = false;
  for (let i = a; i < b; i++) {
    const kind = ref.clauseSeparators[text.charCodeAt(i)];
    if (kind === ENUMERATION_MARK) separated = true;
    else if (kind) return false;
  }
  return separated;
}

interface Suffix {
  mult: number;
  inner: Qualifier | null;
  pos: number;
}

function readMultipliers(text: string, pos: number, hi: number, ref: ExtractReference, allowInner: boolean): Suffix {
  let mult = 1;
  let inner: Qualifier | null = null;
  let p = pos;
  for (let k = 0; k < 4 && p < hi; k++) {
    const q = skipSpaces(text, p, hi);
    const code = text.charCodeAt(q);
    const big = ref.bigUnitByCode.get(code);
    if (big !== undefined) { mult *= big; p = q + 1; continue; }
    // 5千余人: 千 as a multiplier right after Arabic digits.
    if ((code === 0x5343 || code === 0x4edf) && k === 0 && mult === 1 && isDigitCode(text.charCodeAt(pos - 1))) { mult = 1000; p = q + 1; continue; }
    const innerQ: Qualifier | undefined = allowInner && !inner ? ref.innerQualifierByCode.get(code) : undefined;
    if (innerQ) { inner = innerQ; p = q + 1; continue; }
    break;
  }
  return { mult, inner, pos: p };
}

/** Candidate numerals of a whole text, in order: one linear regex pass. */
export interface Candidates {
  starts: number[];
  ends: number[];
}

export function scanNumerals(text: string, ref: NumeralRef, lo = 0, hi = text.length): Candidates {
  const starts: number[] = [];
  const ends: number[] = [];
  // One table read a character: most start no numeral.
  const kinds = ref.numeralStarts;
  let i = lo;
  while (i < hi) {
    if (!kinds[text.charCodeAt(i)]) {
      i++;
      continue;
    }
    const end = readNumeral(text, i, hi, ref);
    if (end > 0) {
      starts.push(i);
      ends.push(end);
    }
    i = Math.abs(end);
  }
  return { starts, ends };
}

/** What reading numerals needs from the reference. */
export type NumeralRef = Pick<ExtractReference, "numeralStarts" | "chineseNumeralChars" | "innerQualifierByCode" | "chineseNumeralUnitCodes" | "percentPrefix" | "chineseDecimalCode" | "roundNumeralCodes" | "unitStartCodes">;

/**
 * The numeral starting at i (where numeralStarts is set), read up to hi: its end, or its end negated when it
 * is no candidate (a run of Chinese numeral characters that no counter follows, read past all the same).
 */
export function readNumeral(text: string, i: number, hi: number, ref: NumeralRef): number {
  if (ref.numeralStarts[text.charCodeAt(i)] === ARABIC_DIGIT) {
    // Arabic: digits, thousands groups (1,200), decimals (10.78).
    while (i < hi && isDigitCode(text.charCodeAt(i))) i++;
    while (i + 3 < hi + 1 && text.charCodeAt(i) === 44 && isAsciiDigit(text.charCodeAt(i + 1)) && isAsciiDigit(text.charCodeAt(i + 2)) && isAsciiDigit(text.charCodeAt(i + 3)) && !isAsciiDigit(text.charCodeAt(i + 4))) i += 4;
    const d = text.charCodeAt(i);
    if ((d === 46 || d === 0xff0e) && isDigitCode(text.charCodeAt(i + 1))) {
      i++;
      while (i < hi && isDigitCode(text.charCodeAt(i))) i++;
    }
    return i;
  }
  // Chinese: a run of numeral characters, kept only when a counter it may carry follows (余/多 allowed), or
  // a percent word comes before it (百分之九十五).
  const cn = ref.chineseNumeralChars;
  const start = i;
  while (i < hi && cn[text.charCodeAt(i)]) i++;
  // 五点五: a fraction this reader does not parse; read past it, as no candidate.
  if (text.charCodeAt(i) === ref.chineseDecimalCode && i + 1 < hi && cn[text.charCodeAt(i + 1)]) {
    i++;
    while (i < hi && cn[text.charCodeAt(i)]) i++;
    return -i;
  }
  let k = i;
  if (ref.innerQualifierByCode.has(text.charCodeAt(k))) k++;
  if (ref.chineseNumeralUnitCodes[text.charCodeAt(k)] || ref.percentPrefix.endsAt(text, start) !== null) return i;
  // A round number (百, 千, 万, 百万 …) may carry any measure word (近万件, 千余份): findQuantities asks for its qualifier.
  return isRoundRun(text, start, i, ref) && ref.unitStartCodes[text.charCodeAt(k)] ? i : -i;
}

/** Whether text[a, b) is a round number written without a digit: at most three of 百千万亿. */
function isRoundRun(text: string, a: number, b: number, ref: NumeralRef): boolean {
  if (b - a > 3) return false;
  for (let i = a; i < b; i++) if (!ref.roundNumeralCodes[text.charCodeAt(i)]) return false;
  return true;
}

/** First candidate index whose start is at or after pos. */
function firstAtOrAfter(c: Candidates, pos: number): number {
  let a = 0;
  let b = c.starts.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (c.starts[mid] < pos) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** The numeral starting exactly at pos, if any (for the second end of a range). */
function numeralAt(c: Candidates, pos: number): [number, number] | null {
  const i = firstAtOrAfter(c, pos);
  return i < c.starts.length && c.starts[i] === pos ? [c.starts[i], c.ends[i]] : null;
}

/** All quantities of one sentence [lo, hi) of the clean text (cands: scanNumerals of the whole text, if at hand). */
export function findQuantities(text: string, lo: number, hi: number, ref: ExtractReference, cands?: Candidates): Quantity[] {
  const row = readTableRow(text, lo, hi, ref.tableRows);
  if (row) {
    const cells = tableRowQuantities(text, lo, hi, row, ref);
    if (cells) return cells;
  }
  const out: Quantity[] = [];
  const ex = ref.exclusions;
  const c = cands ?? scanNumerals(text, ref, lo, hi);
  let consumed = lo;
  for (let ci = firstAtOrAfter(c, lo); ci < c.starts.length && c.starts[ci] < hi; ci++) {
    const numStart = c.starts[ci];
    let numEnd = c.ends[ci];
    if (numEnd > hi) break;
    if (numStart < consumed) continue;
    const chinese = !isDigitCode(text.charCodeAt(numStart));
    // 百分之九十五: a percent written out, its word before the number (numerals.json percentPrefix).
    const percentWord = ref.percentPrefix.endsAt(text, numStart, lo);
    const lead = percentWord ? numStart - percentWord.length : numStart;
    if (chinese && !percentWord) {
      // Quick reject: a Chinese numeral counts only with one of a few counters right after it (余/多 allowed).
      let k = numEnd;
      if (ref.innerQualifierByCode.has(text.charCodeAt(k))) k++;
      if (!ref.chineseNumeralUnitCodes[text.charCodeAt(k)] && !(isRoundRun(text, numStart, numEnd, ref) && ref.unitStartCodes[text.charCodeAt(k)])) continue;
    }
    const raw = text.slice(numStart, numEnd);
    let v1 = chinese ? parseChinese(raw, ref) : parseArabic(raw);
    if (!Number.isFinite(v1)) continue;
    // 百分之百: the one number written without a digit; and a round hundred or thousand with a qualifier (百余家,
    // 千余名, 近百名), where 百家/千家万户 alone are words.
    const round = chinese && !hasChineseDigit(raw, ref) && !percentWord;
    // Chinese digits side by side with no 十/百/千 between name a number (六〇二所社区, 二〇二三年) or give a rough
    // count (三四个: three or four), never a figure as counted.
    if (chinese && !percentWord && raw.length > 1 && isPositionalChinese(raw, ref)) continue;
    if (round && !qualifiedRound(text, numStart, numEnd, ref)) continue;

    // Not metrics: ordinals, per-N ratios' denominators, document numbers, codes, dates.
    const beforeCode = codeAt(text, numStart - 1);
    if (isLatinLetter(beforeCode) || (!chinese && ((beforeCode >= 48 && beforeCode <= 57) || beforeCode === 46 || beforeCode === 0xff0e))) continue;
    if (ex.precededByMatcher.endsAt(text, numStart)) continue;
    // 以上三个项目, 上述两项: a count written out after a word pointing back, at a clause's start, names what was just
    // counted, not a new figure (70周岁以上三千余名老年人 still counts the people).
    if (chinese && pointsBack(text, numStart, lo, ex)) continue;
    // Dates, years, ages, grades, document numbers, page furniture: 2023年, 65周岁, 20212号, 第1页.
    if (ex.followedBy.at(text, numEnd)) continue;
    // Page furniture: 浏览次数：1234, 访问量 5678次.
    {
      let k = numStart;
      while (k > lo && isSpaceOrColon(text.charCodeAt(k - 1)) && numStart - k < 3) k--;
      if (ex.metadataLabelsMatcher.endsAt(text, k)) continue;
    }
    // Digits split by single spaces (1 2 5 6户) are a broken number: its pieces are not figures.
    if (!chinese && isSpaceCode(beforeCode) && isDigitCode(text.charCodeAt(numStart - 2))) continue;

    // Range: 16-45万元, 4至16小时, 16万-45万元.
    let low: number | null = null;
    let high: number | null = null;
    let afterFirst = readMultipliers(text, numEnd, hi, ref, false);
    let p = afterFirst.pos;
    const conn = rangeConnectorAt(text, p, ref);
    if (conn) {
      const m2 = numeralAt(c, p + conn.length);
      const raw2 = m2 ? text.slice(m2[0], m2[1]) : "";
      if (m2 && m2[1] <= hi && isArabic(raw2) === !chinese) {
        const v2 = chinese ? parseChinese(raw2, ref) : parseArabic(raw2);
        if (Number.isFinite(v2) && v2 > v1) {
          low = v1;
          high = v2;
          numEnd = m2[1];
          p = numEnd;
        }
      }
      if (low === null) p = afterFirst.pos;
    }
    if (low === null) {
      afterFirst = { mult: 1, inner: null, pos: numEnd };
      p = numEnd;
    }
    const suf = readMultipliers(text, p, hi, ref, true);
    p = suf.pos;
    const mult1 = low !== null && afterFirst.mult !== 1 ? afterFirst.mult : suf.mult;
    const mult2 = suf.mult;

    // Measure word or percent.
    let unit: Unit | null = null;
    let measureWord = "";
    let pointChange = false;
    let bare = false;
    const q = skipSpaces(text, p, hi);
    const atUnit = text.charCodeAt(q);
    if (percentWord) {
      unit = "percent";
      measureWord = percentWord;
    } else if (atUnit === 37 /* % */ || atUnit === 0xff05 /* ％ */) {
      unit = "percent"; measureWord = text[q]; p = q + 1;
      // 5%-10%: a range written with the sign on both ends.
      const c2 = low === null ? rangeConnectorAt(text, p, ref) : null;
      const m2 = c2 ? numeralAt(c, p + c2.length) : null;
      if (c2 && m2 && m2[1] < hi && isArabic(text.slice(m2[0], m2[1])) && !chinese && (text[m2[1]] === "%" || text[m2[1]] === "％")) {
        const v2 = parseArabic(text.slice(m2[0], m2[1]));
        if (v2 > v1) { low = v1; high = v2; p = m2[1] + 1; }
      }
    }
    else {
      const pc = startsWithAny(text, q, ref.measure.changeUnits);
      if (pc) { unit = "percent"; measureWord = pc; pointChange = true; p = q + pc.length; }
      else {
        const w = unitWordAt(text, q, ref);
        if (w) { measureWord = w; unit = resolveUnit(w, text, lo, hi, numStart, q + w.length, ref); p = q + w.length; }
      }
    }

    // Chinese numerals are figures only with a counter that counts something (两家, 一千张), never alone.
    if (chinese && !percentWord) {
      // (a round number with its qualifier, 近万件, 千余份, carries any measure word)
      if (!unit || !(ref.chineseNumeralUnits.has(measureWord) || round)) continue;
      const value = v1 * mult2;
      if (value < 2) continue;
      if (ref.chineseNumeralUnitsNeedingMoreThanOne.has(measureWord) && value < 10) {
        const follow = text.slice(p, clauseMarkIn(text, p, Math.min(hi, p + 10)));
        if (!ref.measurableNouns.some((w) => follow.includes(w))) continue;
      }
    }

    if (!unit) {
      // Bare numbers: money by context (金额48.14万, 5万补助), or the unit named by the noun before (日助餐人次超7000).
      const nextCh = text[p] ?? "";
      let clauseBefore = text.slice(Math.max(lo, numStart - 16), numStart);
      // 360多万困难群众: people right after (then only money words in the figure's own clause say money)
      const people = suf.mult >= 10000 ? peopleAfter(text, p, hi, ex) : null;
      if (people !== null) clauseBefore = clauseBefore.slice(lastClauseMark(clauseBefore, ref) + 1);
      // Money words matter only for 万/亿 amounts.
      const moneyNear = suf.mult >= 10000 && (ex.moneyContext.some((w) => clauseBefore.includes(w)) || ex.moneyContext.some((w) => text.startsWith(w, p)) || moneyWordAfter(text, p, ex));
      if (moneyNear) { unit = "yuan"; bare = true; }
      else if (people !== null) { unit = people; bare = true; }
      else if (!/[\u4e00-\u9fffA-Za-z0-9]/.test(nextCh) && !(SPACE.test(nextCh) && isDigitCode(text.charCodeAt(p + 1)))) {
        let b0 = numStart;
        const pre = ref.qualifierPrefixMatcher.endsAt(text, b0);
        if (pre) b0 -= pre.length;
        const verb = endsWithAny(text, b0, ex.bareNumberVerbs);
        if (verb) b0 -= verb.length;
        if (!endsWithAny(text, b0, ex.bareNumberStopNouns)) {
          for (const [noun, u] of ex.bareNumberNouns) {
            if (b0 - noun.length >= lo && text.startsWith(noun, b0 - noun.length)) {
              unit = (u === "percent_missing" ? "other" : u) as Unit;
              bare = true;
              break;
            }
          }
        }
      }
      if (!unit) continue;
      if (bare && !chinese) {
        // A bare year (2023 年). Both halves are worked out for every bare number: a test reached only for the
        // rare number between 1900 and 2100 would find no type feedback there and throw this function's
        // optimised code away the first time, in every worker.
        const year = isPlainYear(v1, suf.mult);
        const nian = yearMarkAt(text, p, ex.yearMark);
        if (year && nian) continue;
      }
    }
    const unitEnd = p;

    // After the measure word: rhetoric and policy devices (3张清单, 一次性), outer qualifiers, thresholds.
    if (!bare && (ex.afterUnitMatcher.at(text, p) || (chinese && ex.afterChineseUnitMatcher.at(text, p)))) continue;
    const byWord = ex.afterUnitByWord.get(measureWord);
    if (byWord && startsWithAny(text, p, byWord)) continue;
    let qualifier: Qualifier = suf.inner ?? "exact";
    const outer = ref.qualifierOuterMatcher.at(text, p);
    let end = p;
    if (outer) {
      const after = p + outer.length;
      if (startsWithAny(text, after, ex.thresholdAfterQualifier)) continue;
      qualifier = ref.qualifierOuterKind.get(outer)!;
      end = after;
    }
    if (startsWithAny(text, p, ex.thresholdAfter) !== null) continue;

    // Prefix qualifiers: 约 近 超 不足 …; a figure right before 目标/任务 is the target itself (超过86%既定任务目标).
    let start = lead;
    // A connector may sit between the qualifier and the number: 约为15%, 超过了2000人, 近达8万.
    // Spaces kept from PDF text may sit there too: 不低于 3060 元.
    let numLead = lead;
    while (numLead > lo && lead - numLead < 2 && isSpaceCode(text.charCodeAt(numLead - 1))) numLead--;
    const link = ref.qualifierPrefixLinks.endsAt(text, numLead, lo);
    const qEnd = link && ref.qualifierPrefixMatcher.endsAt(text, numLead - link.length, lo) ? numLead - link.length : numLead;
    const preWord = ref.qualifierPrefixMatcher.endsAt(text, qEnd, lo);
    if (preWord && !ref.notPrefixInside.endsAt(text, qEnd - preWord.length + 1)) {
      const kind = ref.qualifierPrefixKind.get(preWord)!;
      if (!startsWithAny(text, end, ref.exactWhenFollowedBy) && qualifier === "exact") qualifier = kind;
      if (ref.prefixInQuote.has(kind) && qEnd === lead) start = lead - preWord.length;
    } else if (round && qualifier === "exact") {
      const kind = roundPrefixAt(text, numStart, ref);
      if (kind) {
        qualifier = kind;
        start = numStart - 1;
      }
    }

    // 自付费用超万元的困难群众: money with an at-least or at-most prefix and 的 before the people it sets apart is a threshold.
    if (unit === "yuan" && low === null && (qualifier === "at_least" || qualifier === "at_most") && suf.inner === null && !outer && startsWithAny(text, end, ex.thresholdAfterPrefixedMoney) !== null) continue;
    if (insideNamedSpan(text, lo, hi, numStart, unitEnd, ref)) continue;

    let value: number;
    if (low !== null && high !== null) {
      low *= mult1;
      high *= mult2;
      value = (low + high) / 2;
      qualifier = "range";
    } else value = v1 * mult2;
    value = roundFigure(value);

    out.push({
      start, end, numStart, numEnd, unitEnd, value,
      low: low !== null ? roundFigure(low) : null,
      high: high !== null ? roundFigure(high) : null,
      unit, measureWord, qualifier, pointChange, bare, chinese, rowLabel: null, columnYear: null,
    });
    consumed = Math.max(end, unitEnd);
  }
  inheritRestatedQualifiers(text, out, ref);
  shareListUnits(text, out, lo, hi, ref);
  return out;
}

/**
 * The cells of a table row as figures in the unit its label names (养老床位（张）: beds; 资金（万元）: yuan × 10⁴),
 * each under its column's year when a header line gives one; null when the bracket holds no unit.
 */
function tableRowQuantities(text: string, lo: number, hi: number, row: TableRow, ref: ExtractReference): Quantity[] | null {
  let word = row.unitWord;
  let mult = 1;
  let unit: Unit | null = null;
  if (ref.tableRows.percentUnits.has(word)) unit = "percent";
  else {
    const big = ref.bigUnitByCode.get(word.charCodeAt(0));
    if (big !== undefined && word.length > 1) {
      mult = big;
      word = word.slice(1);
    }
    if (!ref.unitRules.has(word)) return null;
  }
  const years = columnYears(text, lo, row, ref.tableRows);
  // Several columns with no header of years: what each column is (a year, a place, a category) is unknown.
  if (!years && row.cells.length > 1) return null;
  // One unit for the row, read at its first cell, where the label is near (养老床位（张）: beds in every column).
  const rowUnit = unit ?? resolveUnit(word, text, lo, hi, row.cells[0][0], row.cells[0][1], ref);
  const out: Quantity[] = [];
  for (let i = 0; i < row.cells.length; i++) {
    const [a, b] = row.cells[i];
    const value = parseArabic(text.slice(a, b)) * mult;
    if (!Number.isFinite(value)) continue;
    out.push({
      start: a, end: b, numStart: a, numEnd: b, unitEnd: b, value: roundFigure(value), low: null, high: null,
      unit: rowUnit, measureWord: row.unitWord, qualifier: "exact",
      pointChange: false, bare: false, chinese: false, rowLabel: row.label, columnYear: years ? years[i] : null,
    });
  }
  return out;
}

/**
 * 不低于3960元(330元/月/人): the bracketed figure is the same amount per month, so it is at least that too. A figure
 * opening a bracket (qualifiers.json restatementOpen) right after another, with no qualifier of its own, takes the
 * other's when it is in the same unit and the bracket holds nothing else; a range, a bracket with words before its figure
 * (其中…, 占…) or after it (120万元用于医疗救助) is something else.
 */
function inheritRestatedQualifiers(text: string, out: Quantity[], ref: ExtractReference): void {
  for (let k = 1; k < out.length; k++) {
    const q = out[k];
    const before = out[k - 1].qualifier;
    if (q.qualifier !== "exact" || before === "exact" || before === "range") continue;
    let a = out[k - 1].end;
    while (a < q.start && isSpaceCode(text.charCodeAt(a))) a++;
    const open = startsWithAny(text, a, ref.restatementOpen);
    if (open === null) continue;
    let b = a + open.length;
    while (b < q.start && isSpaceCode(text.charCodeAt(b))) b++;
    if (b !== q.start || q.unit !== out[k - 1].unit) continue;
    // the bracket closes right after the figure and its per-period marks: nothing else is said in it
    let c = q.end;
    while (c < text.length && ref.restatementTail.includes(text[c])) c++;
    if (startsWithAny(text, c, ref.restatementClose) !== null) q.qualifier = before;
  }
}
