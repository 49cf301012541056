// Loads the language knowledge extract/segment/classify use from data/reference (data, not code):
// measure words, numerals, qualifiers, exclusions, plan markers, measure markers, domain keywords,
// and the indicator catalog. Everything is compiled here once per worker; the per-document code
// only runs the compiled structures.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileReferenceJson, readReferenceJson, referencePattern, referenceText, referenceWords } from "../reference-json.ts";
import { parseCsv } from "../tables/csv.ts";
import { codeAt, codeFlags, isJsSpace } from "../text/chars.ts";
import { escapeRegExp } from "../text/words.ts";
import type { Domain, Measure, Period, Qualifier, Unit } from "../types.ts";
import { compileTableRows, headerYears, readTableRow, type TableRowRules } from "./table-rows.ts";

export const UNITS: readonly Unit[] = [
  "yuan", "person", "person_time", "household", "bed", "facility", "item", "meal", "copy",
  "couple", "percent", "sqm", "mu", "hour", "day", "event", "case", "dose", "other",
];
export const DOMAINS: readonly Domain[] = [
  "elderly_care", "social_assistance", "child_welfare", "disability", "charity", "welfare_lottery",
  "social_organizations", "social_work", "community_governance", "marriage", "funeral", "place_names",
  "veterans", "health", "disaster_relief", "resettlement", "admin_services", "other",
];
const MEASURES: readonly Measure[] = ["level", "rate", "change"];

export interface UnitRule {
  word: string;
  unit: Unit;
  /** When set, the rule applies only if one of these words is near the figure. */
  context: string[];
}

export interface Indicator {
  id: string;
  labelZh: string;
  labelEn: string;
  domain: Domain;
  unit: Unit;
  measure: Measure;
  /** Each alternative is a list of words that must all occur. */
  keywords: string[][];
}

/** Words sharing a first (or last) character, longest first, with the character next to it for a cheap test. */
interface Bucket {
  words: string[];
  /** Each word's length (read without touching the word). */
  lens: number[];
  /** Code of each word's second character (a first-character bucket) or second-to-last (a last-character one); -1 for one-character words. */
  inner: number[];
}

/** Longest word of a set starting at a position, looked up by first character (no regex alternation). */
export class WordMatcher {
  /** Index + 1 into its bucket list of the words starting (ending) with a char code, 0 when none: most positions are rejected with one array read. */
  private firstList = new Uint16Array(65536);
  private lastList = new Uint16Array(65536);
  private firstBuckets: Bucket[] = [];
  private lastBuckets: Bucket[] = [];
  /** The distinct characters the words end with. */
  private lastChars: string[] = [];
  readonly words: string[];
  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
    for (const w of this.words) {
      const n = w.length;
      const first = bucketFor(this.firstList, this.firstBuckets, w.charCodeAt(0));
      first.words.push(w);
      first.lens.push(n);
      first.inner.push(n > 1 ? w.charCodeAt(1) : -1);
      if (!this.lastList[w.charCodeAt(n - 1)]) this.lastChars.push(w[n - 1]);
      const last = bucketFor(this.lastList, this.lastBuckets, w.charCodeAt(n - 1));
      last.words.push(w);
      last.lens.push(n);
      last.inner.push(n > 1 ? w.charCodeAt(n - 2) : -1);
    }
  }
  /** Whether some word starts with char code c. */
  canStart(c: number): boolean {
    return this.firstList[c] !== 0;
  }
  /** Longest word starting at i (and ending at or before to). */
  at(s: string, i: number, to = s.length): string | null {
    if (i < 0 || i >= s.length) return null; // not charCodeAt's NaN: see codeAt
    const k = this.firstList[s.charCodeAt(i)];
    if (!k) return null;
    const { words, lens, inner } = this.firstBuckets[k - 1];
    // The second character rules out most words without comparing them.
    const c1 = codeAt(s, i + 1);
    for (let j = 0; j < lens.length; j++) {
      const n = lens[j];
      if (i + n > to) continue;
      if (n === 1) return words[j];
      if (inner[j] !== c1) continue;
      const w = words[j];
      let t = 2;
      while (t < n && s.charCodeAt(i + t) === w.charCodeAt(t)) t++;
      if (t === n) return w;
    }
    return null;
  }
  /** Longest word ending right before position end (and starting at or after lo). */
  endsAt(s: string, end: number, lo = 0): string | null {
    if (end < 1 || end > s.length) return null; // as in at()
    const k = this.lastList[s.charCodeAt(end - 1)];
    if (!k) return null;
    const { words, lens, inner } = this.lastBuckets[k - 1];
    const c1 = codeAt(s, end - 2);
    for (let j = 0; j < lens.length; j++) {
      const n = lens[j];
      const a = end - n;
      if (a < lo) continue;
      if (n === 1) return words[j];
      if (inner[j] !== c1) continue;
      const w = words[j];
      let t = 0;
      while (t < n - 2 && s.charCodeAt(a + t) === w.charCodeAt(t)) t++;
      if (t === n - 2) return w;
    }
    return null;
  }
  /** Every match in s[from, to), left to right (longest at each start). */
  all(s: string, from = 0, to = s.length): { index: number; word: string }[] {
    const out: { index: number; word: string }[] = [];
    for (let i = from; i < to; i++) {
      const w = this.at(s, i, to);
      if (w) out.push({ index: i, word: w });
    }
    return out;
  }
  /**
   * The match ending last in s[from, to) (longest on ties), with its start: the last of all(), without
   * building it. Read from the right, so the first end with a word is the answer.
   */
  last(s: string, from = 0, to = s.length): { index: number; word: string } | null {
    // Words ending in one or two characters (去年, 年内): the window is searched for those from the right
    // natively; the nearest end with a word, over both, is the answer.
    if (this.lastChars.length <= 2 && from >= 0) {
      // A copy of the window, not s.lastIndexOf(ch, to - 1): on s that search runs on past `from` to the start
      // of the text when the window lacks ch (quadratic on a long line; see the extract fuzz test).
      const win = s.slice(from, to);
      let best = -1;
      let bestWord = "";
      for (const ch of this.lastChars) {
        for (let p = win.lastIndexOf(ch); p >= 0; p = p > 0 ? win.lastIndexOf(ch, p - 1) : -1) {
          const e = from + p + 1;
          if (e <= best) break;
          const w = this.endsAt(s, e, from);
          if (w) {
            best = e;
            bestWord = w;
            break;
          }
        }
      }
      return best < 0 ? null : { index: best - bestWord.length, word: bestWord };
    }
    const ends = this.lastList;
    for (let e = to; e > from; e--) {
      if (!ends[s.charCodeAt(e - 1)]) continue;
      // The longest word ending at the last end is also the longest starting where it starts: all() has it.
      const w = this.endsAt(s, e, from);
      if (w) return { index: e - w.length, word: w };
    }
    return null;
  }
  /** Any word inside s[from, to)? */
  any(s: string, from = 0, to = s.length): boolean {
    for (let i = from; i < to; i++) if (this.at(s, i, to)) return true;
    return false;
  }
}

function bucketFor(table: Uint16Array, buckets: Bucket[], c: number): Bucket {
  if (!table[c]) {
    if (buckets.length >= 65535) throw new Error("WordMatcher: too many word lists");
    buckets.push({ words: [], lens: [], inner: [] });
    table[c] = buckets.length;
  }
  return buckets[table[c] - 1];
}

/** A set of words matched as a longest-first alternation. */
export interface WordSet {
  words: string[];
  re: RegExp;
}

export interface ExtractReference {
  /** table-rows.json compiled: rows of a table whose label names the unit (养老床位（张） 4500 4860). */
  tableRows: TableRowRules;
  /** Whether text[a, b) is a table row or a header of years: made once, so the line unwrapper always calls the same function. */
  isTableLine: (text: string, a: number, b: number) => boolean;
  /** Measure words, longest first; several rules per word are tried in file order. */
  unitRules: Map<string, UnitRule[]>;
  unitWordsLongestFirst: string[];
  /** Measure words, the longest at a position first. */
  unitWordMatcher: WordMatcher;
  /** 1 at the char code of every Chinese numeral character (digits, 十百千, 万亿). */
  chineseNumeralChars: Uint8Array;
  /** Char code of the Chinese decimal word (点), or -1: 五点五 is not read. */
  chineseDecimalCode: number;
  /** What a numeral may start with, by char code: ARABIC_DIGIT (0-9, full width too), CHINESE_NUMERAL, or 0. */
  numeralStarts: Uint8Array;
  digits: Record<string, number>;
  smallUnits: Record<string, number>;
  bigUnits: Record<string, number>;
  /** 万/亿 (and traditional forms) by char code. */
  bigUnitByCode: Map<number, number>;
  /** 余/多/来 by char code. */
  innerQualifierByCode: Map<number, Qualifier>;
  chineseNumeralUnits: Set<string>;
  /** Words before a number that make it a percent (百分之). */
  percentPrefix: WordMatcher;
  /** 1 at the char code of every one-character counter of chineseNumeralUnits. */
  chineseNumeralUnitCodes: Uint8Array;
  /** 百, 千, 万, 亿 (and their formal forms): what a round number written without a digit is made of (近万件, 百余份). */
  roundNumeralCodes: Uint8Array;
  /** First characters of every measure word (units.csv): what a round number may be followed by. */
  unitStartCodes: Uint8Array;
  chineseNumeralUnitsNeedingMoreThanOne: Set<string>;
  measurableNouns: string[];
  qualifierPrefix: [string, Qualifier][];
  /** Prefix qualifiers, matched by how they end (right before the number). */
  qualifierPrefixMatcher: WordMatcher;
  qualifierPrefixKind: Map<string, Qualifier>;
  /** Prefix qualifiers of a round numeral without a digit only (上千人): qualifiers.json roundPrefix. */
  roundPrefixKind: Map<number, Qualifier>;
  prefixInQuote: Set<Qualifier>;
  /** Words between a prefix qualifier and the number (约为15%), matched by how they end. */
  qualifierPrefixLinks: WordMatcher;
  /** Words a prefix qualifier's first character may end, making it no qualifier (最近 holds 近). */
  notPrefixInside: WordMatcher;
  qualifierInner: Record<string, Qualifier>;
  qualifierOuter: [string, Qualifier][];
  /** Outer qualifiers (以上, 左右), matched where the measure word ends, and what each means. */
  qualifierOuterMatcher: WordMatcher;
  qualifierOuterKind: Map<string, Qualifier>;
  exactWhenFollowedBy: string[];
  /** Opening brackets of a figure that restates the one before it (qualifiers.json restatementOpen). */
  restatementOpen: string[];
  restatementClose: string[];
  /** Characters that may stand between a restating figure and the bracket's close (/月/人). */
  restatementTail: string;
  rangeConnectors: string[];
  /** 1 at the first char code of every range connector: most figures are followed by none. */
  rangeConnectorStarts: Uint8Array;
  exclusions: {
    precededBy: string[];
    followedBy: WordMatcher;
    afterUnit: string[];
    afterUnitMatcher: WordMatcher;
    /** …and after a Chinese numeral's measure word only (三个一批). */
    afterChineseUnitMatcher: WordMatcher;
    afterUnitByWord: Map<string, string[]>;
    metadataLabels: string[];
    precededByMatcher: WordMatcher;
    /** Words pointing back (以上, 上述): a count in Chinese numerals right after one is not a figure (以上三个项目). */
    pointingBackMatcher: WordMatcher;
    /** Characters a clause opens after (a pointing word counts only there). */
    pointingBackOpens: string;
    metadataLabelsMatcher: WordMatcher;
    thresholdAfterQualifier: string[];
    /** After a figure (60岁及以上): a threshold, not a figure. */
    thresholdAfter: string[];
    /** After money with an at-least or at-most prefix: the people it sets apart, so a threshold (超万元的困难群众). */
    thresholdAfterPrefixedMoney: string[];
    brackets: [string, string][];
    shortQuotes: [string, string][];
    /** Any first character of an opening bracket or quote (a one-class regex): a figure with none before it is in no named span. */
    namedSpanOpener: RegExp;
    shortQuoteMax: number;
    bareNumberNouns: [string, string][];
    /** People a bare 万/亿 amount counts when they follow it right away (360多万困难群众), longest first. */
    nounsAfterMagnitude: [string, Unit][];
    nounsAfterMagnitudeNotBefore: string[];
    nounsAfterMagnitudeMoneyAfter: string[];
    nounsAfterMagnitudeMoneyWindow: number;
    nounsAfterMagnitudeVerbs: string[];
    bareNumberVerbs: string[];
    bareNumberStopNouns: string[];
    moneyContext: string[];
    /** Money words right after a bare amount, after one of the leads (5万的补助). */
    moneyAfterFigure: string[];
    moneyAfterFigureLeads: string[];
    /** What follows a number in the year range to make it a year (2023年). */
    yearMark: string;
  };
  plan: {
    headingPlan: WordSet;
    headingPlanWithYear: WordSet;
    planMasks: string[];
    targetBeforeIgnoredAfter: string[];
    targetBeforeIgnoredWhenPreceded: string[];
    /** A plan word that reads as done after these words or before these (共争取, 争取到): word → words. */
    pastWhenPreceded: Map<string, string[]>;
    pastWhenFollowed: Map<string, string[]>;
    completionShare: RegExp;
    headingActual: WordSet;
    headingNextYear: string[];
    headingSameYear: string[];
    planParagraphStarts: string[];
    /** Column headers of a flattened table whose cells are plans (实施内容) or records (最新进度). */
    tableColumnPlan: string[];
    tableColumnActual: string[];
    /** Column headers that record neither, whatever plan or progress word they hold (计划完成时间: a deadline). */
    tableColumnNeither: string[];
    planParagraphVerbs: string[];
    /** A sentence opening on a plan word and an action (市民政局将持续加强…) is a plan in every clause not done (plan-markers.json sentencePlanOpeners). */
    sentencePlanOpeners: { words: WordMatcher; within: number; followedBy: string[]; doneInClause: string[]; notAfter: string; notInSentence: string[]; notBeforeAction: string[] };
    targetBefore: string[];
    targetBeforeMatcher: WordMatcher;
    /** Whether a plan word holds the mask filler (＿): only then can masking make one appear. */
    targetBeforeHasFiller: boolean;
    targetBeforeWindow: number;
    targetAfter: string[];
    targetAfterMatcher: WordMatcher;
    /** A completion verb still to be done (为完成, 确保完成): plan-markers.json plannedCompletion. */
    plannedCompletion: string[];
    targetAfterNear: string[];
    targetAfterNearWindow: number;
    /** A count whose project is only launched (…创建工作已全面铺开): plan-markers.json launchedAfter. */
    launchedAfter: { words: string[]; window: number; projectWords: string[]; doneBefore: string[] };
    /** 计划新开的12家…已全部开业: a plan phrase ending in one of these right before the figure, done after it, is a record. */
    plannedAttributiveEnds: string[];
    doneAfterPlannedAttributive: string[];
    /** Words of an item that keep it from sharing the plan of the item before (实际新建620张). */
    listItemDoneWords: string[];
    baselineBefore: string[];
    baselineAfter: string[];
    plannedCapacityVerbs: string[];
    completedVerbs: string[];
    openedAfter: string[];
    relativeYearWords: WordMatcher;
    relativeYearDelta: Map<string, number>;
    /** Relative years that only say "the year in context" (全年, 当年, 年内): an earlier year in reach still speaks. */
    sameYearWords: Set<string>;
    /** Between an earlier year and 全年: that year is a base, and 全年 is the part's own year again (…的基础上). */
    sameYearBases: string[];
    /** A sentence opening on one of these, then one of relativeYearLeadInEnds, is framed by a relative year right after (据悉,去年,…). */
    relativeYearLeadIns: string[];
    relativeYearLeadInEnds: string;
    /** A first clause ending in one of these (记者从会议上获悉,) is a lead-in too, at most leadInClauseMax characters. */
    leadInClauseEnds: string[];
    leadInClauseMax: number;
    /** A sentence opening on a year and a comma (2020年,…): the year of all its figures with none nearer (sticky). */
    sentenceYearFrame: RegExp | null;
    /** A clause opening on one of these (in its first frameStopChars characters) ends a year's frame (截至目前, 下一步). */
    frameStops: string[];
    frameStopChars: number;
    /** After a plan word: the plan was met (完成率), or done (了); a plan word that is also a noun (计划) needs a pattern after it. */
    achievedAfterPlanWord: string[];
    doneRightAfterPlanWord: string[];
    nounUnlessFollowedBy: Map<string, RegExp>;
    /** Plan words that are also the object marker 把 (将…由…提高到). */
    objectMarkerPlanWords: string[];
    /** Verbs after 将 and its object that make 将 the 把 preposition (提高至, 调整为). */
    objectMarkerVerbs: string[];
    /** …unless 将 is followed by one of these (将把, 将使, 将于: will) or comes after one (年内将, 届时将). */
    objectMarkerNotFollowedBy: string[];
    objectMarkerNotAfter: string[];
    /** A year named before a figure (global: read with exec), and what makes it not the figure's year. */
    yearMention: RegExp;
    /** What every yearMention holds: the pattern is tried only on text holding it. */
    yearWord: string;
    yearStartsPeriodAfter: string[];
    yearRangeMarksAfter: string[];
    yearRangeMarksBefore: string[];
    comparisonBefore: string[];
    comparisonAfterYear: string[];
    comparisonAfterRelativeYear: string[];
    /** Opening and closing mark of a document's title (《》): a year inside names the document. */
    documentTitleBrackets: [string, string];
    skippedAfterFigure: string[];
    /** A month and day right after a year (2015年3月, 2022年12月份): the words after the date are read past it. */
    monthDayAfterYear: RegExp;
    /** Characters a relative year in an earlier clause does not reach across (；): unless it opens the sentence. */
    relativeYearStops: string;
    /** Most characters between a comparison year and the figure that is its base (同比2022年12月份的10706人). */
    comparisonBaseMaxChars: number;
    plannedCapacityAfter: string[];
    plannedCapacityChainEnd: string;
  };
  measure: {
    changeBefore: WordMatcher;
    changeWindow: number;
    notChangeIfFollowedBy: string[];
    changeUnits: string[];
    perCapitaBefore: string[];
    perCapitaMatcher: WordMatcher;
    perCapitaWindow: number;
    /** A standard named before a per-head figure (供养标准年人均2200元) makes it a standard amount (level). */
    standardBeforePerCapita: string[];
    standardWindow: number;
    /** Averages of an outcome (人均补差, 人均收入) stay rates even after a standard. */
    perCapitaAverageNouns: string[];
    rateNouns: string[];
    shareBefore: string[];
    /** All that may stand between a change word and its figure (longest first, "" always may). */
    changeGapWords: string[];
    periodComparisons: string[];
    /** A comparison with a named year (比2022年…): compares periods too. */
    yearComparison: RegExp;
    /** Verbs that link a rate word to its figure (覆盖率达95), longest first, and the rate words a bare number's clause may end in. */
    linkVerbs: string[];
    bareRateEnds: string[];
    /** What may join a figure to a change figure before it and make it a change too (30%和20%). */
    coordinatingWords: string[];
  };
  domains: {
    matcher: WordMatcher;
    byWord: Map<string, { domain: Domain; weight: number }>;
    masks: string[];
    masksMatcher: WordMatcher;
    /** By char code: MASK_START if a mask starts with it, WORD_START if a keyword does (both bits may be set). */
    starts: Uint8Array;
    weak: Set<string>;
    /** A clause naming who delivers a programme (由…承接): no domain evidence of its own. */
    agentClause: RegExp | null;
    /** Char code every agent clause starts with, when the pattern fixes one (a cheap test before the regex), else -1. */
    agentClauseFirst: number;
    /** A clause saying what a figure was for (用于, 主要用于): its words, and what may lead them. */
    purposeClauseStarts: string[];
    /** Verbs of money put in (投入, 拨付): the clause after such money says what it was for. */
    fundingVerbs: string[];
    /** What the clause after funded money must open with for that clause to name its domain (新建, 建成, 为). */
    fundedActionStarts: string[];
    /** Words opening a sentence that breaks down the figure before it (其中): its figures may take that one's domain. */
    continuationStarts: string[];
    /** Words opening a clause about another matter (同时, 另外): the weak-evidence look-ahead stops there. */
    otherMatterStarts: string[];
    purposeClauseLeads: string[];
  };
  indicators: Indicator[];
  /** What each char code does to a clause (clauses.json): 0 nothing, else CLAUSE_END, ENUMERATION_MARK or NUMBER_COMMA. */
  clauseSeparators: Uint8Array;
  /** Longest item of a list of names read with the figure's item (clauses.json nameItemMaxChars). */
  nameItemMaxChars: number;
  /** Words that open a list of the parts of one thing (分别为, 其中: clauses.json listLeads). */
  listLeads: string[];
  /** How an indicator label is cut from its clause and trimmed (indicator-labels.json). */
  labels: LabelRules;
  /** How segment finds numbered headings and the lines that are content (headings.json). */
  headings: HeadingRules;
}

/** headings.json, compiled. */
export interface HeadingRules {
  /** Every marker style as one sticky pattern, each style one capturing group, in the file's order. */
  marker: RegExp;
  /** Per style (capturing group 1, 2, …): its level, and how many characters after it its lookahead reads in the line (0: none). */
  levels: number[];
  lookaheadInLine: number[];
  /** Per style: a topic (一是), which never switches plan and record. */
  topic: boolean[];
  /** The level below every style's: a stray short line after numbered headings. */
  belowDeepest: number;
  /** By char code, 1 where a marker can start (read off the patterns; every code when they don't fix it). */
  markerStart: Uint8Array;
  /** By char code, 1 for the heading numerals. */
  numerals: Uint8Array;
  topicAfterFigure: { units: Uint8Array; amountEnds: Uint8Array; topicWord: number; notNumerals: Uint8Array };
  figureLike: RegExp;
  /** A line that is only a date (describe-metadata.json dates.date_line): in brackets ending a title line (…的通知 ( 2025-01-27 )), not part of the heading. */
  pageDateLine: RegExp;
  /** A table laid out one cell a line without ' |': its header cells' longest, and a pattern of lines that are no header cell. */
  bareHeaderMax: number;
  notBareHeader: RegExp;
  /** The header cells such a table opens on (序号). */
  bareHeaderFirst: string[];
  /** A heading's number (二、 （三） 4.), its end marks, the number an indicator label is trimmed of (also 一是, ①), and a placeholder year (20XX年). */
  number: RegExp;
  endMarks: RegExp;
  labelMark: StartPattern;
  placeholderYear: RegExp;
  /** By char code, 1 for the characters of a number written in Chinese (a long stretch is never cut between two). */
  numeralChars: Uint8Array;
  partStart: RegExp;
  /** A year anywhere (first match), and opening a string. */
  year: RegExp;
  yearAtStart: RegExp;
  fallback: { reportYearChars: number; reportYearSummary: RegExp; periodChars: number; periods: [RegExp, Period][] };
}

interface HeadingRulesFile {
  numerals: string;
  markers: { level: number; pattern: string; lookaheadInLine?: number; topic?: boolean }[];
  topicAfterFigure: { units: string; amountEnds: string; topicWord: string; notNumerals: string };
  figureLike: string;
  bareTableHeader?: { maxChars: number; notHeader: string; first?: string[] };
  number: string;
  endMarks: string;
  labelMark: string;
  placeholderYear: string;
  numeralChars: string;
  partStart: string;
  year: string;
  fallback: { reportYearChars: number; reportYearSummary: string; periodChars: number; periods: [string, string][] };
}

const PERIODS: readonly Period[] = ["annual", "H1", "H2", "Q1", "Q2", "Q3", "Q4"];

function compileHeadingRules(r: HeadingRulesFile): Omit<HeadingRules, "pageDateLine"> {
  const where = "headings.json";
  const text = (x: unknown, name: string) => referenceText(x, where, name);
  const chars = (x: unknown, name: string) => codeFlags([...text(x, name)].map((c) => c.charCodeAt(0)));
  const numerals = text(r.numerals, "numerals");
  // {numerals} stands for the heading numerals, to be put inside [...]
  const pattern = (x: unknown, name: string, flags = "") => referencePattern(text(x, name).split("{numerals}").join(numerals), where, name, flags);
  if (!Array.isArray(r.markers) || !r.markers.length) throw new Error(`${where}: "markers" must be a list of marker styles`);
  const styles = r.markers.map((m, i) => {
    const name = `markers[${i}]`;
    const re = pattern(m?.pattern, `${name}.pattern`);
    // The styles are told apart by which group matched, so a style may not hold groups of its own.
    if (new RegExp(`${re.source}|`).exec("")!.length !== 1) throw new Error(`${where} ${name}.pattern: use (?:…), not a capturing group`);
    if (!Number.isInteger(m.level) || m.level < 1) throw new Error(`${where} ${name}.level: must be a whole number from 1`);
    return { source: re.source, level: m.level, lookahead: m.lookaheadInLine ?? 0, topic: m.topic === true };
  });
  const marker = new RegExp(`(?:${styles.map((x) => `(${x.source})`).join("|")})`, "y");
  const starts = leadingChars(marker.source);
  const t = r.topicAfterFigure ?? ({} as HeadingRulesFile["topicAfterFigure"]);
  const topicWord = text(t.topicWord, "topicAfterFigure.topicWord");
  if ([...topicWord].length !== 1) throw new Error(`${where}: "topicAfterFigure.topicWord" must be one character`);
  const year = text(r.year, "year");
  const f = r.fallback ?? ({} as HeadingRulesFile["fallback"]);
  const periods = (f.periods ?? []).map(([re, period], i): [RegExp, Period] => {
    if (!(PERIODS as readonly string[]).includes(period)) throw new Error(`${where} fallback.periods[${i}]: unknown period "${period}"`);
    return [pattern(re, `fallback.periods[${i}]`), period as Period];
  });
  return {
    marker,
    levels: styles.map((x) => x.level),
    lookaheadInLine: styles.map((x) => x.lookahead),
    topic: styles.map((x) => x.topic),
    belowDeepest: Math.max(...styles.map((x) => x.level)) + 1,
    markerStart: starts ? codeFlags(starts) : new Uint8Array(65536).fill(1),
    numerals: chars(numerals, "numerals"),
    topicAfterFigure: { units: chars(t.units, "topicAfterFigure.units"), amountEnds: chars(t.amountEnds, "topicAfterFigure.amountEnds"), topicWord: topicWord.charCodeAt(0), notNumerals: chars(t.notNumerals ?? "", "topicAfterFigure.notNumerals") },
    figureLike: pattern(r.figureLike, "figureLike"),
    bareHeaderMax: r.bareTableHeader?.maxChars ?? 0,
    notBareHeader: pattern(r.bareTableHeader?.notHeader ?? "(?!)", "bareTableHeader.notHeader"),
    bareHeaderFirst: r.bareTableHeader?.first ?? [],
    number: pattern(r.number, "number"),
    endMarks: pattern(r.endMarks, "endMarks"),
    labelMark: startPattern(pattern(r.labelMark, "labelMark")),
    placeholderYear: pattern(r.placeholderYear, "placeholderYear"),
    numeralChars: chars(r.numeralChars, "numeralChars"),
    partStart: pattern(r.partStart, "partStart"),
    year: pattern(year, "year"),
    yearAtStart: pattern(`^(?:${year})`, "year"),
    fallback: {
      reportYearChars: f.reportYearChars ?? 0,
      reportYearSummary: pattern(f.reportYearSummary, "fallback.reportYearSummary"),
      periodChars: f.periodChars ?? 0,
      periods,
    },
  };
}

/** A start-anchored pattern, with the characters its matches can begin with (null: any), so most strings skip the regex. */
export interface StartPattern {
  re: RegExp;
  first: Uint8Array | null;
}

/** An end-anchored pattern, with the characters its matches can end with. */
export interface EndPattern {
  re: RegExp;
  last: Set<number>;
}

/** indicator-labels.json compiled: what classify's indicatorLabel trims a phrase with. */
export interface LabelRules {
  fillerStart: StartPattern;
  fillerEnd: EndPattern;
  leadingBrackets: StartPattern;
  leadingUnitTail: StartPattern;
  /**
   * Opening and closing brackets (bracketPairs) as char codes: a phrase opening inside a bracket keeps only what follows
   * its close.
   */
  openBracketCodes: number[];
  closeBracketCodes: number[];
  /** Verbs after a counted noun whose phrase names the count (697名老年人享受居家养老服务补贴). */
  receivingVerbs: WordMatcher;
  /** The units of counts the receiving verbs name (people, households, visits). */
  receivingUnits: Set<string>;
  /** Verbs of what a count's people are given (发放, 提供), naming the count when a recipient word (givenAfter: 为, 向) stands right before the figure. */
  givenVerbs: WordMatcher;
  givenAfter: WordMatcher;
  /** Lead-in endings (如下, 决定) that keep the words before a colon from naming the figure after it. */
  colonLeadStops: string[];
  /** Counts of the same people in two units (14035户25559人): the units, and what may stand between the two figures. */
  pairedCounts: { units: Set<string>; links: string[] };
  /** A phrase that is only per-head and per-period words (每人每月): it names no thing. */
  onlyPerWords: RegExp;
  /** Words after a figure that name a mark it reached, not a thing (突破1亿元大关): indicator-labels.json markWords. */
  markWords: Set<string>;
  /** The from-words of a raise (由, 从): a year right after one is the starting figure's. */
  raisedFromWords: WordMatcher;
  /** A raise verb with its to-word anywhere (提升至, 提高到): a year before it is the starting figure's. */
  raisedToWords: WordMatcher;
  /** …(拟分别)提高到 (不低于) (每人每月) at a phrase's end; group 1 (the per-head and per-period words) is kept. */
  raisedTo: EndPattern;
  /** 由 (每人每月) (不低于) at a phrase's end; group 1 (the per-head and per-period words) is kept. */
  raisedFrom: EndPattern;
  /** A built verb at a phrase's end, as group 1. */
  builtVerb: EndPattern;
  /**
   * Where the words after a figure stop naming it: `sticky` is tried only at characters of `first` (null: anywhere, with
   * `re`); not inside a word of `notInside` (不达标 is not cut at 达).
   */
  cutBefore: { re: RegExp; sticky: RegExp; first: Uint8Array | null; notInside: string[] };
  /** An attribute before a figure (床位数, 建筑面积) whose owner follows it after `link` (床位数500张的养老综合体), up to an action (建设). */
  owners: { link: string; attributes: string[]; actions: WordMatcher; ofCounts: string[]; notOwners: string[] };
  /** Money named only by its funding (投入42万元) and the purpose words dropped from what it paid for (用于): see fundedMoneyLabel. */
  fundedMoney: { bare: string[]; dropStart: StartPattern; thingUnits: string[] };
  /** A place's or level's share of a total named just before (其中市本级23502户): its openers, the endings of such words, and their longest. */
  shares: { openers: string[]; placeEndings: string[]; maxChars: number; partEnds: number[] };
  /** Every change or rate word (global), and the characters they start with. */
  changeOrRate: { re: RegExp; first: Uint8Array | null };
  genericNoun: RegExp;
  shortenAfter: string;
  shortenDropLead: RegExp;
  /** Dates (global). */
  datesInLabel: RegExp;
  /** Digits and dashes opening a label, unless a word they belong to follows (0-3岁). */
  leadingNumber: RegExp;
  /** What a label gets at its end: for a change, by the figure's unit, or otherwise. */
  suffixes: { change: LabelSuffix; byUnit: Map<string, LabelSuffix>; other: LabelSuffix };
}

/** A label is kept as it is when it holds a word of keepIfContains or ends with one of keepIfEndsWith; else completed or extended. */
export interface LabelSuffix {
  keepIfContains: string[];
  keepIfEndsWith: string[];
  /** Ending → what completes it (床位 → 数), longer endings first. */
  complete: [string, string][];
  add: string;
}

interface LabelRulesFile {
  fillerStart: string[];
  fillerEnd: string[];
  leadingUnitTail: string;
  afterFigureWords?: string[];
  markWords?: string[];
  bracketPairs: string[];
  receivingVerbs?: { verbs: string[]; units: string[]; givenVerbs?: string[]; givenAfter?: string[] };
  pairedCounts?: { units: string[]; links: string[] };
  colonLeadStops?: string[];
  raised: { from: string[]; since?: string[]; perLinks?: string[]; adverbs?: string[]; verbs: string[]; to: string[]; floors: string[]; perHead: string[]; perPeriod: string[] };
  builtVerbs: string[];
  cutBefore: { chars: string; words: string[]; notInside?: string[] };
  owners?: { link: string; attributes: string[]; actions: string[]; ofCounts?: string[]; notOwners?: string[] };
  shares?: { openers: string[]; placeEndings: string[]; maxChars: number; partEnds?: string };
  fundedMoney?: { bare: string[]; dropStart: string[]; thingUnits?: string[] };
  changeOrRateWords: string[];
  genericNouns: string[];
  shortenAfter: string;
  shortenDropLead: string;
  datesInLabel: string;
  keepLeadingNumberBefore: string[];
  suffixes: { change: SuffixFile; units: Record<string, SuffixFile>; other: SuffixFile };
}

interface SuffixFile {
  keepIfContains?: string[];
  keepIfEndsWith?: string[];
  complete?: Record<string, string>;
  add: string;
}

/** The characters leadingChars finds for a pattern as a table, or null (try every string). */
export function startTable(re: RegExp): Uint8Array | null {
  const codes = re.flags.includes("i") ? null : leadingChars(re.source);
  return codes ? codeFlags(codes) : null;
}

const startPattern = (re: RegExp): StartPattern => ({ re, first: startTable(re) });

/** The distinct non-empty words, longer first (an alternation of them then never lets a word lose to its own prefix). */
function longestFirstUnique(words: string[]): string[] {
  return [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
}

/** Words as one regex alternation, longer words first; a list of none never matches. */
function alternation(words: string[]): string {
  return alternationOfSorted(longestFirstUnique(words));
}

/** alternation() of words already distinct and longest first. */
function alternationOfSorted(sorted: string[]): string {
  return sorted.length ? sorted.map(escapeRegExp).join("|") : "(?!)";
}

const lastCodes = (words: string[]): Set<number> => new Set(words.filter(Boolean).map((w) => w.charCodeAt(w.length - 1)));

/** A regex class of the characters of `chars`, written as \uXXXX escapes, plus `more` (class syntax such as \s or 0-9). */
function classOf(chars: string, more = ""): string {
  return classSource([...chars].map((c) => c.charCodeAt(0)), more);
}

/** The source of a regex class of these char codes (distinct, as \uXXXX escapes), plus `more`. */
function classSource(codes: number[], more = ""): string {
  return `[${[...new Set(codes)].map((c) => "\\u" + c.toString(16).padStart(4, "0")).join("")}${more}]`;
}

function compileLabelRules(r: LabelRulesFile): LabelRules {
  const where = "indicator-labels.json";
  const words = (x: unknown, name: string) => referenceWords(x, where, name);
  const text = (x: unknown, name: string) => referenceText(x, where, name);
  const raised = r.raised ?? ({} as LabelRulesFile["raised"]);
  const [from, verbs, to, floors, perHead, perPeriod] = (["from", "verbs", "to", "floors", "perHead", "perPeriod"] as const).map((k) => words(raised[k], `raised.${k}`));
  const adverbs = words(raised.adverbs ?? [], "raised.adverbs");
  const since = words(raised.since ?? [], "raised.since");
  const perLinks = words(raised.perLinks ?? [], "raised.perLinks");
  const bracketPairs = words(r.bracketPairs ?? [], "bracketPairs");
  if (bracketPairs.some((p) => [...p].length !== 2)) throw new Error(`${where}: "bracketPairs" must list an opening and a closing bracket per entry`);
  const per = `((?:${alternation(perHead)})?(?:${alternation(perPeriod)})?)`;
  const cutWords = words(r.cutBefore?.words, "cutBefore.words");
  // a receiving verb is read where the noun's words are cut, so each must be a cut word too
  const receivingVerbs = words(r.receivingVerbs?.verbs ?? [], "receivingVerbs.verbs");
  const givenVerbs = words(r.receivingVerbs?.givenVerbs ?? [], "receivingVerbs.givenVerbs");
  const notCut = [...receivingVerbs, ...givenVerbs].filter((v) => !cutWords.includes(v));
  if (notCut.length) throw new Error(`${where}: receivingVerbs verbs ${notCut.join(", ")} must also be cutBefore words`);
  // Any space or digit ends the words after a figure too.
  const cutBefore = new RegExp(`${classOf(text(r.cutBefore?.chars, "cutBefore.chars"), "\\s0-9０-９")}|${alternation(cutWords)}`);
  const changeOrRate = new RegExp(alternation(words(r.changeOrRateWords, "changeOrRateWords")), "g");
  const builtVerbs = words(r.builtVerbs, "builtVerbs");
  const fillerEnd = words(r.fillerEnd, "fillerEnd");
  const suffix = (x: SuffixFile | undefined, name: string): LabelSuffix => {
    const complete = x?.complete ?? {};
    if (typeof complete !== "object" || Object.values(complete).some((v) => typeof v !== "string")) throw new Error(`${where}: "${name}.complete" must map endings to what completes them`);
    return {
      keepIfContains: words(x?.keepIfContains ?? [], `${name}.keepIfContains`),
      keepIfEndsWith: words(x?.keepIfEndsWith ?? [], `${name}.keepIfEndsWith`),
      complete: longestFirst(Object.entries(complete)),
      add: text(x?.add, `${name}.add`),
    };
  };
  const units = r.suffixes?.units ?? {};
  for (const u of Object.keys(units)) asUnit(u, `${where} suffixes.units`);
  return {
    fillerStart: startPattern(new RegExp(`^(?:${alternation(words(r.fillerStart, "fillerStart"))})+`)),
    fillerEnd: { re: new RegExp(`(?:${alternation(fillerEnd)})+$`), last: lastCodes(fillerEnd) },
    leadingBrackets: startPattern(new RegExp(`^${classOf(bracketPairs.join(""))}+`)),
    leadingUnitTail: startPattern(new RegExp(`^(?:${[...words(r.afterFigureWords ?? [], "afterFigureWords").map(escapeRegExp), classOf(text(r.leadingUnitTail, "leadingUnitTail"))].join("|")})+`)),
    onlyPerWords: new RegExp(`^${per}$`),
    markWords: new Set(words(r.markWords ?? [], "markWords")),
    receivingVerbs: new WordMatcher(receivingVerbs),
    givenVerbs: new WordMatcher(givenVerbs),
    givenAfter: new WordMatcher(words(r.receivingVerbs?.givenAfter ?? [], "receivingVerbs.givenAfter")),
    receivingUnits: new Set(words(r.receivingVerbs?.units ?? [], "receivingVerbs.units").map((u) => asUnit(u, `${where} receivingVerbs.units`))),
    colonLeadStops: r.colonLeadStops ?? [],
    pairedCounts: {
      units: new Set(words(r.pairedCounts?.units ?? [], "pairedCounts.units").map((u) => asUnit(u, `${where} pairedCounts.units`))),
      links: r.pairedCounts?.links ?? [],
    },
    raisedFromWords: new WordMatcher(from),
    raisedToWords: new WordMatcher(verbs.flatMap((v) => to.map((t) => v + t))),
    openBracketCodes: bracketPairs.map((p) => p.charCodeAt(0)),
    closeBracketCodes: bracketPairs.map((p) => p.charCodeAt(1)),
    raisedTo: {
      re: new RegExp(`(?:${alternation(from)})?${adverbs.length ? `(?:${alternation(adverbs)})*` : ""}(?:${alternation(verbs)})(?:${alternation(to)})(?:${alternation(floors)})?${per}(?:${alternation(floors)})?$`),
      last: lastCodes([...to, ...floors, ...perHead, ...perPeriod]),
    },
    raisedFrom: {
      re: new RegExp(`(?:(?:${alternation(from)})${since.length ? `(?:${alternation(since)})?` : ""}${perLinks.length ? `|${alternation(perLinks)}` : ""})${per}(?:${alternation(floors)})?$`),
      last: lastCodes([...from, ...since, ...perLinks, ...perHead, ...perPeriod, ...floors]),
    },
    builtVerb: { re: new RegExp(`(${alternation(builtVerbs)})$`), last: lastCodes(builtVerbs) },
    cutBefore: { re: cutBefore, sticky: new RegExp(cutBefore.source, "y"), first: startTable(cutBefore), notInside: words(r.cutBefore?.notInside ?? [], "cutBefore.notInside") },
    owners: {
      link: r.owners ? text(r.owners.link, "owners.link") : "",
      attributes: longestFirstUnique(words(r.owners?.attributes ?? [], "owners.attributes")),
      actions: new WordMatcher(words(r.owners?.actions ?? [], "owners.actions")),
      ofCounts: words(r.owners?.ofCounts ?? [], "owners.ofCounts").map((u) => asUnit(u, `${where} owners.ofCounts`)),
      notOwners: words(r.owners?.notOwners ?? [], "owners.notOwners"),
    },
    fundedMoney: {
      bare: words(r.fundedMoney?.bare ?? [], "fundedMoney.bare"),
      dropStart: startPattern(new RegExp(`^(?:${alternation(words(r.fundedMoney?.dropStart ?? [], "fundedMoney.dropStart"))})`)),
      thingUnits: words(r.fundedMoney?.thingUnits ?? [], "fundedMoney.thingUnits").map((u) => asUnit(u, `${where} fundedMoney.thingUnits`)),
    },
    shares: {
      openers: words(r.shares?.openers ?? [], "shares.openers"),
      placeEndings: longestFirstUnique(words(r.shares?.placeEndings ?? [], "shares.placeEndings")),
      maxChars: typeof r.shares?.maxChars === "number" ? r.shares.maxChars : 0,
      partEnds: [...(r.shares?.partEnds ?? "")].map((c) => c.charCodeAt(0)),
    },
    changeOrRate: { re: changeOrRate, first: startTable(changeOrRate) },
    genericNoun: new RegExp(`^(?:${alternation(words(r.genericNouns, "genericNouns"))})$`),
    shortenAfter: text(r.shortenAfter, "shortenAfter"),
    shortenDropLead: new RegExp(`^${classOf(text(r.shortenDropLead, "shortenDropLead"))}`),
    datesInLabel: new RegExp(text(r.datesInLabel, "datesInLabel"), "g"),
    leadingNumber: new RegExp(`^[\\d\\-]+(?![\\d\\-]*(?:${alternation(words(r.keepLeadingNumberBefore ?? [], "keepLeadingNumberBefore"))}))`),
    suffixes: {
      change: suffix(r.suffixes?.change, "suffixes.change"),
      byUnit: new Map(Object.entries(units).map(([u, x]) => [u, suffix(x, `suffixes.units.${u}`)])),
      other: suffix(r.suffixes?.other, "suffixes.other"),
    },
  };
}

export const ARABIC_DIGIT = 1;
export const CHINESE_NUMERAL = 2;

function numeralStarts(chinese: Uint8Array): Uint8Array {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) if (chinese[c]) t[c] = CHINESE_NUMERAL;
  // A digit is read as an Arabic number even if the numerals list it too.
  for (let c = 48; c <= 57; c++) t[c] = ARABIC_DIGIT;
  for (let c = 0xff10; c <= 0xff19; c++) t[c] = ARABIC_DIGIT;
  return t;
}

export const MASK_START = 1;
export const WORD_START = 2;

function domainStarts(masks: WordMatcher, words: WordMatcher): Uint8Array {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = (masks.canStart(c) ? MASK_START : 0) | (words.canStart(c) ? WORD_START : 0);
  return t;
}

/** What a masked phrase (planMasks) is replaced with before plan words are looked for. */
export const MASK_FILLER = "＿";

/** Kinds of clause separator in ExtractReference.clauseSeparators. */
export const CLAUSE_END = 1;
export const ENUMERATION_MARK = 2;
export const NUMBER_COMMA = 3;

function clauseSeparators(c: { clauseEnds: string[]; enumerationMarks: string[]; numberCommas: string[] }): Uint8Array {
  const t = new Uint8Array(65536);
  for (const [kind, chars] of [[CLAUSE_END, c.clauseEnds], [ENUMERATION_MARK, c.enumerationMarks], [NUMBER_COMMA, c.numberCommas]] as const) {
    for (const ch of chars) {
      if (ch.length !== 1) throw new Error(`clauses.json: "${ch}" is not one character`);
      t[ch.charCodeAt(0)] = kind;
    }
  }
  return t;
}

/**
 * The char code every match of an anchored pattern starts with ("^由[^，]…" → 由), or -1 when the pattern
 * doesn't fix one (no ^, a class or group first, a quantifier on it, or a top-level alternative).
 */
export function fixedFirstChar(pattern: string): number {
  const m = /^\^([^\\[\](){}.*+?|^$])(?![?*{])/.exec(pattern);
  if (!m) return -1;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return -1;
  }
  return m[1].charCodeAt(0);
}

/**
 * The char codes a match of a pattern can start with, read off the pattern's first atom in each top-level
 * alternative (groups are followed, [classes] and \d, \s, \uXXXX expanded), or null when the pattern doesn't
 * fix them: a branch that may start empty, or starts with ., \w, a negated class, $ or a lookaround (a leading
 * ^ asserts and consumes nothing: the atom after it counts).
 * A cheap first-character test before a sticky regex then skips no position the regex could match at.
 */
export function leadingChars(pattern: string): Set<number> | null {
  const out = new Set<number>();
  return branchesLead(pattern, 0, pattern.length, out) ? out : null;
}

/** Adds the leading chars of every |-separated branch of pattern[from, to); false when one is not fixed. */
function branchesLead(p: string, from: number, to: number, out: Set<number>): boolean {
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i < to && p[i] !== "|") {
      i = atomEnd(p, i) - 1;
      continue;
    }
    if (!branchLead(p, start, i, out)) return false;
    start = i + 1;
  }
  return true;
}

/** End of the atom (escape, class, group or single character) starting at i. */
function atomEnd(p: string, i: number): number {
  if (p[i] === "\\") return p[i + 1] === "u" ? i + 6 : i + 2;
  if (p[i] === "[") {
    let j = i + 1;
    while (j < p.length && p[j] !== "]") j += p[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  if (p[i] === "(") {
    let depth = 0;
    for (let j = i; j < p.length; ) {
      if (p[j] === "(") depth++;
      else if (p[j] === ")" && --depth === 0) return j + 1;
      j = p[j] === "(" || p[j] === ")" ? j + 1 : atomEnd(p, j);
    }
    return p.length;
  }
  return i + 1;
}

/** Leading chars of one branch pattern[from, to): its first atom's, when a quantifier doesn't make it optional. */
function branchLead(p: string, from: number, to: number, out: Set<number>): boolean {
  if (from >= to) return false;
  if (p[from] === "^") return branchLead(p, from + 1, to, out);
  const end = atomEnd(p, from);
  const q = p[end];
  if (q === "?" || q === "*" || (q === "{" && /^\{0[,}]/.test(p.slice(end, end + 3)))) return false;
  const c = p[from];
  if (c === "(") {
    if (p[from + 1] !== "?") return branchesLead(p, from + 1, end - 1, out);
    if (p[from + 2] === ":") return branchesLead(p, from + 3, end - 1, out);
    return false; // lookaround or named group
  }
  if (c === "[") {
    if (p[from + 1] === "^") return false;
    for (let i = from + 1; i < end - 1; ) {
      const [lo, next] = classChar(p, i);
      if (lo === null) return false;
      if (p[next] === "-" && next + 1 < end - 1) {
        const [hi, after] = classChar(p, next + 1);
        if (hi === null || typeof lo !== "number" || typeof hi !== "number") return false;
        for (let k = lo; k <= hi; k++) out.add(k);
        i = after;
      } else {
        if (typeof lo === "number") out.add(lo);
        else for (const k of lo) out.add(k);
        i = next;
      }
    }
    return true;
  }
  const [ch] = classChar(p, from);
  if (ch === null || c === "." || c === "^" || c === "$" || c === ")" || c === "|") return false;
  if (typeof ch === "number") out.add(ch);
  else for (const k of ch) out.add(k);
  return true;
}

const DIGIT_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57];

/** What \s matches, as char codes. */
const SPACE_CODES = Array.from({ length: 65536 }, (_, c) => c).filter(isJsSpace);

/** One character (or \d, \s) of a pattern at i: its code(s) and where the next begins; null for what isn't read here (\w, \b…). */
function classChar(p: string, i: number): [number | number[] | null, number] {
  if (p[i] !== "\\") return [p.charCodeAt(i), i + 1];
  const e = p[i + 1];
  if (e === "d") return [DIGIT_CODES, i + 2];
  if (e === "s") return [SPACE_CODES, i + 2];
  if (e === "u" && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) return [parseInt(p.slice(i + 2, i + 6), 16), i + 6];
  // An escaped punctuation mark stands for itself.
  if (/[\\^$.*+?()[\]{}|\/-]/.test(e)) return [e.charCodeAt(0), i + 2];
  return [null, i + 2];
}

export function readCsvObjects(path: string): Record<string, string>[] {
  const [head = [], ...body] = parseCsv(readFileSync(path, "utf8")).filter((r) => r.length > 1 || r[0] !== "");
  const cols = head.map((h) => h.trim());
  return body.map((r) => Object.fromEntries(cols.map((c, i) => [c, (r[i] ?? "").trim()])));
}



export function wordSet(words: string[], flags = "g"): WordSet {
  const sorted = longestFirstUnique(words);
  const re = sorted.length ? new RegExp(alternationOfSorted(sorted), flags) : /(?!)/g;
  return { words: sorted, re };
}

const longestFirst = <T>(entries: [string, T][]) => [...entries].sort((a, b) => b[0].length - a[0].length);

function asUnit(u: string, where: string): Unit {
  if (!(UNITS as readonly string[]).includes(u)) throw new Error(`${where}: unknown unit "${u}"`);
  return u as Unit;
}

export function loadIndicators(path: string): Indicator[] {
  if (!existsSync(path)) return [];
  return readCsvObjects(path).map((r, i) => {
    const where = `indicators.csv row ${i + 2}`;
    if (!(DOMAINS as readonly string[]).includes(r.domain)) throw new Error(`${where}: unknown domain "${r.domain}"`);
    if (!(MEASURES as readonly string[]).includes(r.measure || "level")) throw new Error(`${where}: unknown measure "${r.measure}"`);
    return {
      id: r.id,
      labelZh: r.label_zh,
      labelEn: r.label_en,
      domain: r.domain as Domain,
      unit: asUnit(r.unit, where),
      measure: (r.measure || "level") as Measure,
      keywords: (r.keywords ?? "").split("|").map((k) => k.split("&").map((w) => w.trim()).filter(Boolean)).filter((k) => k.length),
    };
  });
}

/** A regex matching any one of the char codes (NaN, from an empty string, ignored; none: never matches). */
function charClass(codes: number[]): RegExp {
  const known = codes.filter((c) => c >= 0);
  return known.length ? new RegExp(classSource(known)) : /(?!)/;
}

function codeTable(chars: string[]): Uint8Array {
  return codeFlags(chars.map((ch) => ch.charCodeAt(0)));
}

export function loadExtractReference(dir: string): ExtractReference {
  const clauses = readReferenceJson<{ clauseEnds: string[]; enumerationMarks: string[]; numberCommas: string[]; nameItemMaxChars?: number; listLeads?: string[] }>(dir, "clauses.json");
  const unitRules = new Map<string, UnitRule[]>();
  for (const r of readCsvObjects(join(dir, "units.csv"))) {
    const rule: UnitRule = { word: r.measure_word, unit: asUnit(r.unit, `units.csv ${r.measure_word}`), context: r.context ? r.context.split("|") : [] };
    const list = unitRules.get(rule.word) ?? [];
    list.push(rule);
    unitRules.set(rule.word, list);
  }
  const unitWordsLongestFirst = [...unitRules.keys()].sort((a, b) => b.length - a.length);
  const tableRows = compileReferenceJson(dir, "table-rows.json", compileTableRows);

  const num = readReferenceJson<{ digits: Record<string, number>; smallUnits: Record<string, number>; bigUnits: Record<string, number>; chineseNumeralUnits: string[]; chineseNumeralUnitsNeedingMoreThanOne: string[]; measurableNouns?: string[]; percentPrefix?: string[]; decimalWord?: string }>(dir, "numerals.json");
  const q = readReferenceJson<{ prefix: Record<string, Qualifier>; prefixLinks?: string[]; notPrefixInside?: string[]; prefixInQuote: Qualifier[]; roundPrefix?: Record<string, Qualifier>; inner: Record<string, Qualifier>; outer: Record<string, Qualifier>; exactWhenFollowedBy: string[]; restatementOpen?: string[]; restatementClose?: string[]; restatementTail?: string; rangeConnectors: string[] }>(dir, "qualifiers.json");
  const ex = readReferenceJson<{
    precededBy: string[]; pointingBack?: string[]; pointingBackOpens?: string; followedBy: string[]; afterUnit: string[]; afterChineseUnit?: string[]; afterUnitByWord?: Record<string, string[]>; metadataLabels?: string[]; thresholdAfterQualifier: string[];
    insideBrackets: [string, string][]; shortQuotes: [string, string][]; shortQuoteMax: number;
    bareNumberNouns: Record<string, string>; nounsAfterMagnitude?: Record<string, string>; nounsAfterMagnitudeNotBefore?: string[]; nounsAfterMagnitudeMoneyAfter?: string[]; nounsAfterMagnitudeMoneyWindow?: number; nounsAfterMagnitudeVerbs?: string[]; bareNumberVerbs: string[]; bareNumberStopNouns: string[]; moneyContext: string[];
    thresholdAfter?: string[]; thresholdAfterPrefixedMoney?: string[]; moneyAfterFigure?: string[]; moneyAfterFigureLeads?: string[]; yearMark?: string;
  }>(dir, "exclusions.json");
  const p = readReferenceJson<{
    headingPlan: string[]; headingPlanWithYear?: string[]; planMasks?: string[]; targetBeforeIgnoredAfter?: string[];
    targetBeforeIgnoredWhenPreceded?: string[]; pastWhenPreceded?: Record<string, string[]>; pastWhenFollowed?: Record<string, string[]>; completionShare?: string; headingActual: string[]; headingNextYear: string[]; headingSameYear: string[];
    planParagraphStarts: string[]; planParagraphVerbs: string[]; sentencePlanOpeners?: { words: string[]; within: number; followedBy: string[]; doneInClause: string[]; notAfter?: string; notInSentence?: string[]; notBeforeAction?: string[] }; targetBefore: string[]; targetBeforeWindow: number;
    tableColumnPlan?: string[]; tableColumnActual?: string[]; tableColumnNeither?: string[];
    targetAfter: string[]; plannedCompletion?: string[]; targetAfterNear?: string[]; targetAfterNearWindow?: number; launchedAfter?: { words: string[]; window: number; projectWords: string[]; doneBefore: string[] }; plannedAttributiveEnds?: string[]; doneAfterPlannedAttributive?: string[]; listItemDoneWords?: string[]; baselineBefore: string[]; baselineAfter: string[]; plannedCapacityVerbs: string[];
    completedVerbs: string[]; openedAfter?: string[]; relativeYears: Record<string, number>; sameYearWords?: string[]; sameYearBases?: string[]; relativeYearLeadIns?: string[]; relativeYearLeadInEnds?: string; leadInClauseEnds?: string[]; leadInClauseMax?: number; sentenceYearFrame?: string; frameStops?: string[]; frameStopChars?: number;
    achievedAfterPlanWord?: string[]; doneRightAfterPlanWord?: string[]; nounUnlessFollowedBy?: Record<string, string>; objectMarkerPlanWords?: string[]; objectMarkerVerbs?: string[]; objectMarkerNotFollowedBy?: string[]; objectMarkerNotAfter?: string[];
    yearMention: string; yearWord?: string; yearStartsPeriodAfter?: string[]; yearRangeMarksAfter?: string[]; yearRangeMarksBefore?: string[]; comparisonBefore?: string[];
    comparisonAfterYear?: string[]; comparisonAfterRelativeYear?: string[]; documentTitleBrackets?: [string, string]; skippedAfterFigure?: string[]; monthDayAfterYear?: string; relativeYearStops?: string; comparisonBaseMaxChars?: number;
    plannedCapacityAfter?: string[]; plannedCapacityChainEnd?: string;
  }>(dir, "plan-markers.json");
  const m = readReferenceJson<{
    changeBefore: string[]; changeWindow: number; notChangeIfFollowedBy: string[]; changeUnits: string[];
    perCapitaBefore: string[]; perCapitaWindow: number; rateNouns: string[]; shareBefore: string[];
    standardBeforePerCapita?: string[]; standardWindow?: number; perCapitaAverageNouns?: string[];
    changeGapWords?: string[]; periodComparisons?: string[]; yearComparison?: string; comparedAmount?: string[]; linkVerbs?: string[]; bareRateEnds?: string[]; coordinatingWords?: string[];
  }>(dir, "measure-markers.json");
  const d = readReferenceJson<{ masks: string[]; weak?: string[]; domains: Record<string, string[]>; agentClause?: string; purposeClauseStarts?: string[]; purposeClauseLeads?: string[]; fundingVerbs?: string[]; fundedActionStarts?: string[]; continuationStarts?: string[]; otherMatterStarts?: string[] }>(dir, "domains.json");
  const agentClause = d.agentClause ? referencePattern(d.agentClause, "domains.json", "agentClause") : null;
  const agentLead = d.agentClause ? fixedFirstChar(d.agentClause) : -1;

  const byWord = new Map<string, { domain: Domain; weight: number }>();
  for (const [domain, words] of Object.entries(d.domains)) {
    if (!(DOMAINS as readonly string[]).includes(domain)) throw new Error(`domains.json: unknown domain "${domain}"`);
    for (const entry of words) {
      const [word, w] = entry.split(":");
      if (!byWord.has(word)) byWord.set(word, { domain: domain as Domain, weight: w ? Number(w) : word.length });
    }
  }

  const sortLong = (a: string[]) => [...a].sort((x, y) => y.length - x.length);
  const matcher = new WordMatcher(byWord.keys());
  const masksMatcher = new WordMatcher(d.masks);
  const chineseNumeralChars = codeTable([...Object.keys(num.digits), ...Object.keys(num.smallUnits), ...Object.keys(num.bigUnits)]);
  return {
    unitRules,
    unitWordsLongestFirst,
    unitWordMatcher: new WordMatcher(unitWordsLongestFirst),
    tableRows,
    isTableLine: (t: string, a: number, b: number) => readTableRow(t, a, b, tableRows) !== null || headerYears(t, a, b, tableRows) !== null,
    chineseNumeralChars,
    chineseDecimalCode: num.decimalWord ? num.decimalWord.charCodeAt(0) : -1,
    numeralStarts: numeralStarts(chineseNumeralChars),
    digits: num.digits,
    smallUnits: num.smallUnits,
    bigUnits: num.bigUnits,
    bigUnitByCode: new Map(Object.entries(num.bigUnits).map(([ch, v]) => [ch.charCodeAt(0), v])),
    innerQualifierByCode: new Map(Object.entries(q.inner).map(([ch, v]) => [ch.charCodeAt(0), v])),
    chineseNumeralUnits: new Set(num.chineseNumeralUnits),
    percentPrefix: new WordMatcher(num.percentPrefix ?? []),
    chineseNumeralUnitCodes: codeTable(num.chineseNumeralUnits.filter((w) => w.length === 1)),
    roundNumeralCodes: codeTable([...Object.keys(num.smallUnits).filter((ch) => num.smallUnits[ch] >= 100), ...Object.keys(num.bigUnits)]),
    unitStartCodes: codeTable(unitWordsLongestFirst.map((w) => w[0])),
    chineseNumeralUnitsNeedingMoreThanOne: new Set(num.chineseNumeralUnitsNeedingMoreThanOne),
    measurableNouns: num.measurableNouns ?? [],
    qualifierPrefix: longestFirst(Object.entries(q.prefix)),
    qualifierPrefixMatcher: new WordMatcher(Object.keys(q.prefix)),
    qualifierPrefixKind: new Map(Object.entries(q.prefix)),
    roundPrefixKind: new Map(Object.entries(q.roundPrefix ?? {}).map(([ch, v]) => [ch.charCodeAt(0), v])),
    prefixInQuote: new Set(q.prefixInQuote),
    qualifierPrefixLinks: new WordMatcher(q.prefixLinks ?? []),
    notPrefixInside: new WordMatcher(q.notPrefixInside ?? []),
    qualifierInner: q.inner,
    qualifierOuter: longestFirst(Object.entries(q.outer)),
    qualifierOuterMatcher: new WordMatcher(Object.keys(q.outer)),
    qualifierOuterKind: new Map(Object.entries(q.outer)),
    exactWhenFollowedBy: sortLong(q.exactWhenFollowedBy),
    restatementOpen: sortLong(q.restatementOpen ?? []),
    restatementClose: sortLong(q.restatementClose ?? []),
    restatementTail: q.restatementTail ?? "",
    rangeConnectors: q.rangeConnectors,
    rangeConnectorStarts: codeTable(q.rangeConnectors.map((w) => w[0] ?? "")),
    exclusions: {
      precededBy: sortLong(ex.precededBy),
      followedBy: new WordMatcher(ex.followedBy),
      afterUnit: sortLong(ex.afterUnit),
      afterUnitMatcher: new WordMatcher(ex.afterUnit),
      afterChineseUnitMatcher: new WordMatcher(ex.afterChineseUnit ?? []),
      afterUnitByWord: new Map(Object.entries(ex.afterUnitByWord ?? {})),
      metadataLabels: sortLong(ex.metadataLabels ?? []),
      precededByMatcher: new WordMatcher(ex.precededBy),
      pointingBackMatcher: new WordMatcher(ex.pointingBack ?? []),
      pointingBackOpens: ex.pointingBackOpens ?? "",
      metadataLabelsMatcher: new WordMatcher(ex.metadataLabels ?? []),
      thresholdAfterQualifier: sortLong(ex.thresholdAfterQualifier),
      brackets: ex.insideBrackets,
      shortQuotes: ex.shortQuotes,
      namedSpanOpener: charClass([...ex.insideBrackets, ...ex.shortQuotes].map(([open]) => open.charCodeAt(0))),
      shortQuoteMax: ex.shortQuoteMax,
      bareNumberNouns: longestFirst(Object.entries(ex.bareNumberNouns)),
      nounsAfterMagnitude: longestFirst(Object.entries(ex.nounsAfterMagnitude ?? {})) as [string, Unit][],
      nounsAfterMagnitudeNotBefore: ex.nounsAfterMagnitudeNotBefore ?? [],
      nounsAfterMagnitudeMoneyAfter: ex.nounsAfterMagnitudeMoneyAfter ?? [],
      nounsAfterMagnitudeMoneyWindow: ex.nounsAfterMagnitudeMoneyWindow ?? 0,
      nounsAfterMagnitudeVerbs: ex.nounsAfterMagnitudeVerbs ?? [],
      bareNumberVerbs: sortLong(ex.bareNumberVerbs),
      bareNumberStopNouns: sortLong(ex.bareNumberStopNouns),
      moneyContext: ex.moneyContext,
      thresholdAfter: sortLong(ex.thresholdAfter ?? []),
      thresholdAfterPrefixedMoney: sortLong(ex.thresholdAfterPrefixedMoney ?? []),
      moneyAfterFigure: sortLong(ex.moneyAfterFigure ?? []),
      moneyAfterFigureLeads: sortLong(ex.moneyAfterFigureLeads ?? []),
      yearMark: ex.yearMark || "\uFFFF",
    },
    plan: {
      headingPlan: wordSet(p.headingPlan),
      headingPlanWithYear: wordSet(p.headingPlanWithYear ?? []),
      planMasks: p.planMasks ?? [],
      targetBeforeIgnoredAfter: p.targetBeforeIgnoredAfter ?? [],
      targetBeforeIgnoredWhenPreceded: p.targetBeforeIgnoredWhenPreceded ?? [],
      pastWhenPreceded: new Map(Object.entries(p.pastWhenPreceded ?? {})),
      pastWhenFollowed: new Map(Object.entries(p.pastWhenFollowed ?? {})),
      completionShare: new RegExp(p.completionShare ?? "(?!)"),
      headingActual: wordSet(p.headingActual),
      headingNextYear: p.headingNextYear,
      headingSameYear: p.headingSameYear,
      planParagraphStarts: p.planParagraphStarts,
      tableColumnPlan: p.tableColumnPlan ?? [],
      tableColumnActual: p.tableColumnActual ?? [],
      tableColumnNeither: p.tableColumnNeither ?? [],
      planParagraphVerbs: p.planParagraphVerbs,
      sentencePlanOpeners: {
        words: new WordMatcher(p.sentencePlanOpeners?.words ?? []),
        within: p.sentencePlanOpeners?.within ?? 0,
        followedBy: sortLong(p.sentencePlanOpeners?.followedBy ?? []),
        doneInClause: p.sentencePlanOpeners?.doneInClause ?? [],
        notAfter: p.sentencePlanOpeners?.notAfter ?? "",
        notInSentence: p.sentencePlanOpeners?.notInSentence ?? [],
        notBeforeAction: p.sentencePlanOpeners?.notBeforeAction ?? [],
      },
      targetBefore: sortLong(p.targetBefore),
      targetBeforeMatcher: new WordMatcher(p.targetBefore),
      targetBeforeHasFiller: p.targetBefore.some((w) => w.includes(MASK_FILLER)),
      targetBeforeWindow: p.targetBeforeWindow,
      targetAfter: sortLong(p.targetAfter),
      targetAfterMatcher: new WordMatcher(p.targetAfter),
      plannedCompletion: p.plannedCompletion ?? [],
      targetAfterNear: p.targetAfterNear ?? [],
      targetAfterNearWindow: p.targetAfterNearWindow ?? 12,
      launchedAfter: p.launchedAfter ?? { words: [], window: 0, projectWords: [], doneBefore: [] },
      plannedAttributiveEnds: p.plannedAttributiveEnds ?? [],
      doneAfterPlannedAttributive: p.doneAfterPlannedAttributive ?? [],
      listItemDoneWords: p.listItemDoneWords ?? [],
      baselineBefore: p.baselineBefore,
      baselineAfter: sortLong(p.baselineAfter),
      plannedCapacityVerbs: p.plannedCapacityVerbs,
      completedVerbs: p.completedVerbs,
      openedAfter: p.openedAfter ?? [],
      relativeYearWords: new WordMatcher(Object.keys(p.relativeYears)),
      relativeYearDelta: new Map(Object.entries(p.relativeYears)),
      sameYearWords: new Set(p.sameYearWords ?? []),
      sameYearBases: p.sameYearBases ?? [],
      relativeYearLeadIns: sortLong(p.relativeYearLeadIns ?? []),
      relativeYearLeadInEnds: p.relativeYearLeadInEnds ?? "",
      leadInClauseEnds: p.leadInClauseEnds ?? [],
      leadInClauseMax: p.leadInClauseMax ?? 0,
      sentenceYearFrame: p.sentenceYearFrame ? referencePattern(p.sentenceYearFrame, "plan-markers.json", "sentenceYearFrame", "y") : null,
      frameStops: p.frameStops ?? [],
      frameStopChars: p.frameStopChars ?? 0,
      achievedAfterPlanWord: p.achievedAfterPlanWord ?? [],
      doneRightAfterPlanWord: p.doneRightAfterPlanWord ?? [],
      nounUnlessFollowedBy: new Map(Object.entries(p.nounUnlessFollowedBy ?? {}).map(([w, re]) => [w, referencePattern(re, "plan-markers.json", `nounUnlessFollowedBy.${w}`)])),
      objectMarkerPlanWords: p.objectMarkerPlanWords ?? [],
      objectMarkerVerbs: p.objectMarkerVerbs ?? [],
      objectMarkerNotFollowedBy: p.objectMarkerNotFollowedBy ?? [],
      objectMarkerNotAfter: p.objectMarkerNotAfter ?? [],
      yearMention: referencePattern(p.yearMention, "plan-markers.json", "yearMention", "g"),
      yearWord: p.yearWord ?? "",
      yearStartsPeriodAfter: p.yearStartsPeriodAfter ?? [],
      yearRangeMarksAfter: p.yearRangeMarksAfter ?? [],
      yearRangeMarksBefore: p.yearRangeMarksBefore ?? [],
      comparisonBefore: p.comparisonBefore ?? [],
      comparisonAfterYear: p.comparisonAfterYear ?? [],
      comparisonAfterRelativeYear: p.comparisonAfterRelativeYear ?? [],
      documentTitleBrackets: p.documentTitleBrackets ?? ["\uFFFF", "\uFFFF"],
      // an empty word would never move the reader on
      skippedAfterFigure: (p.skippedAfterFigure ?? []).filter(Boolean),
      monthDayAfterYear: referencePattern(`^(?:${p.monthDayAfterYear ?? "(?!)"})`, "plan-markers.json", "monthDayAfterYear"),
      relativeYearStops: p.relativeYearStops ?? "",
      comparisonBaseMaxChars: p.comparisonBaseMaxChars ?? 0,
      plannedCapacityAfter: p.plannedCapacityAfter ?? [],
      plannedCapacityChainEnd: p.plannedCapacityChainEnd ?? "\uFFFF",
    },
    measure: {
      // 比上年多50张: each period comparison with each compared-amount word, spelled once in the file each
      changeBefore: new WordMatcher([...m.changeBefore, ...(m.periodComparisons ?? []).flatMap((c) => (m.comparedAmount ?? []).map((w) => c + w))]),
      changeWindow: m.changeWindow,
      notChangeIfFollowedBy: m.notChangeIfFollowedBy,
      changeUnits: sortLong(m.changeUnits),
      perCapitaBefore: sortLong(m.perCapitaBefore),
      perCapitaMatcher: new WordMatcher(m.perCapitaBefore),
      perCapitaWindow: m.perCapitaWindow,
      standardBeforePerCapita: m.standardBeforePerCapita ?? [],
      standardWindow: m.standardWindow ?? 0,
      perCapitaAverageNouns: m.perCapitaAverageNouns ?? [],
      rateNouns: m.rateNouns,
      shareBefore: m.shareBefore,
      changeGapWords: sortLong(m.changeGapWords ?? []),
      periodComparisons: m.periodComparisons ?? [],
      yearComparison: referencePattern(m.yearComparison ?? "(?!)", "measure-markers.json", "yearComparison"),
      linkVerbs: sortLong(m.linkVerbs ?? []),
      bareRateEnds: sortLong(m.bareRateEnds ?? []),
      coordinatingWords: m.coordinatingWords ?? [],
    },
    domains: { matcher, byWord, masks: sortLong(d.masks), masksMatcher, starts: domainStarts(masksMatcher, matcher), weak: new Set(d.weak ?? []), agentClause, agentClauseFirst: agentLead, purposeClauseStarts: sortLong(d.purposeClauseStarts ?? []), purposeClauseLeads: sortLong(d.purposeClauseLeads ?? []), fundingVerbs: d.fundingVerbs ?? [], fundedActionStarts: sortLong(d.fundedActionStarts ?? []), continuationStarts: d.continuationStarts ?? [], otherMatterStarts: d.otherMatterStarts ?? [] },
    indicators: loadIndicators(join(dir, "indicators.csv")),
    clauseSeparators: clauseSeparators(clauses),
    nameItemMaxChars: Number(clauses.nameItemMaxChars ?? 0),
    listLeads: clauses.listLeads ?? [],
    headings: {
      ...compileReferenceJson(dir, "headings.json", compileHeadingRules),
      // the describe stage's date line, so both stages read a title's trailing date alike
      pageDateLine: referencePattern(readReferenceJson<{ dates: { date_line: string } }>(dir, "describe-metadata.json").dates?.date_line, "describe-metadata.json", "dates.date_line"),
    },
    labels: compileReferenceJson(dir, "indicator-labels.json", compileLabelRules),
  };
}
