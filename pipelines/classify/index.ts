// Reads what a quantity means: kind (done or planned) and year, measure (level, rate, change),
// domain (from the figure's own phrase, then its clause, then its sentence, then its headings),
// a short Chinese indicator label, and the catalog indicator it maps to.
import type { Domain, Kind, Measure, Unit } from "../types.ts";
import { CLAUSE_END, ENUMERATION_MARK, MASK_FILLER, NUMBER_COMMA, MASK_START, WORD_START, type EndPattern, type ExtractReference, type Indicator, type LabelRules, type StartPattern } from "../extract/reference.ts";
import type { Quantity } from "../extract/quantities.ts";
import { clauseAndItemAround, clauseAround, type Heading, type Sentence } from "../segment/index.ts";
import { codeAt, holdsCode, isDigitCode, isJsSpace } from "../text/chars.ts";
import { endsWithAny, includesAny, maskWords, startsWithAny } from "../text/words.ts";

function clauseOf(text: string, sent: Sentence, q: Quantity, ref: ExtractReference): [number, number] {
  if (!q.clause) readClauses(text, sent, q, ref);
  return q.clause!;
}

function hasDigitBetween(text: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) if (isDigitCode(text.charCodeAt(i))) return true;
  return false;
}

/** `s` with every occurrence of `words` blanked (MASK_FILLER), so the words inside them are not read. */
const withoutWords = (s: string, words: readonly string[]) => maskWords(s, words, MASK_FILLER);

/**
 * Back from an item starting at `ia` over the items before it in the clause that are short names (no digit,
 * nameItemMaxChars at most), when the list is what is given to (its first item holds 为/向/对/给: receivingVerbs.
 * givenAfter). A list of channels or partners (依托敬老院、福利院、救助站等为孤儿…) is not the beneficiary.
 */
function nameListStart(text: string, ca: number, ia: number, ref: ExtractReference): number {
  let a = ia;
  while (a > ca && ref.clauseSeparators[text.charCodeAt(a - 1)] === ENUMERATION_MARK) {
    let s = a - 1;
    while (s > ca && ref.clauseSeparators[text.charCodeAt(s - 1)] !== ENUMERATION_MARK) s--;
    if (a - 1 - s > ref.nameItemMaxChars || hasDigitBetween(text, s, a - 1)) break;
    a = s;
  }
  if (a === ia) return ia;
  // the first item holds the recipient word (按时足额为低保户、特困、…)
  let firstEnd = a;
  while (firstEnd < ia && ref.clauseSeparators[text.charCodeAt(firstEnd)] !== ENUMERATION_MARK) firstEnd++;
  for (let f = a; f < firstEnd; f++) if (ref.labels.givenAfter.at(text, f) !== null) return a;
  return ia;
}

function itemOf(text: string, sent: Sentence, q: Quantity, ref: ExtractReference): [number, number] {
  if (!q.item) readClauses(text, sent, q, ref);
  return q.item!;
}

/** A figure's clause and enumeration item, read together (most figures need both). */
function readClauses(text: string, sent: Sentence, q: Quantity, ref: ExtractReference): void {
  const [ca, cb, ia, ib] = clauseAndItemAround(text, sent.start, sent.end, q.numStart, ref.clauseSeparators);
  q.clause ??= [ca, cb];
  q.item ??= [ia, ib];
}

/** Whether a launch word ends the figure's clause soon after it, with the project launched between (plan-markers launchedAfter). */
function launchedAfter(text: string, ca: number, q: Quantity, lb: number, ref: ExtractReference): boolean {
  const L = ref.plan.launchedAfter;
  const end = Math.min(lb, q.end + L.window);
  const near = text.slice(q.end, end);
  for (const w of L.words) {
    const at = near.indexOf(w);
    if (at < 0) continue;
    const k = q.end + at;
    // the launch ends the clause (启动运营, 全面铺开助餐服务: a service started, not a project)
    const after = k + w.length;
    if (after < lb && ref.clauseSeparators[text.charCodeAt(after)] === 0) continue;
    if (!includesAny(text.slice(q.end, k), L.projectWords) || includesAny(text.slice(ca, q.start), L.doneBefore)) continue;
    return true;
  }
  return false;
}

/** A plan word before the figure (计划新增, 力争, 拟, 将), unless it is 将 as a preposition (将…纳入) or a completion share (完成目标任务的120%). */
function plannedBefore(before: string, after: string, p: ExtractReference["plan"]): boolean {
  // Most figures have no plan word before them; masking only takes words away (unless one holds the filler).
  if (!p.targetBeforeHasFiller && !p.targetBeforeMatcher.any(before)) return false;
  if (p.completionShare.test(before)) return false;
  const masked = withoutWords(before, p.planMasks);
  const hits = p.targetBeforeMatcher.all(masked);
  for (let h = hits.length - 1; h >= 0; h--) {
    const { index: i, word: w } = hits[h];
    // 目标任务完成率105%, 计划任务已完成80%: what was achieved against the plan.
    if (includesAny(masked.slice(i + w.length), p.achievedAfterPlanWord)) continue;
    // 确保了, 计划了: done.
    if (startsWithAny(masked, i + w.length, p.doneRightAfterPlanWord) !== null) continue;
    // 计划 as a noun names a programme (助餐服务倍增计划): planning only when an action or amount follows.
    const asNoun = p.nounUnlessFollowedBy.get(w);
    if (asNoun && !asNoun.test(masked.slice(i + w.length))) continue;
    // 计划新开的12家社区食堂已全部开业运营: the planned things, then done
    if (endsWithAny(masked, masked.length, p.plannedAttributiveEnds) !== null && includesAny(after, p.doneAfterPlannedAttributive)) continue;
    // 共争取上级资金103万元, 争取到: funds obtained, not sought.
    if (p.pastWhenPreceded.get(w)?.some((x) => masked.startsWith(x, i - x.length))) continue;
    if (p.pastWhenFollowed.get(w)?.some((x) => masked.startsWith(x, i + w.length))) continue;
    if (p.objectMarkerPlanWords.includes(w)) {
      if (p.targetBeforeIgnoredWhenPreceded.includes(masked[i - 1] ?? "")) continue;
      if (p.targetBeforeIgnoredAfter.some((x) => after.includes(x))) continue;
      // 将封顶线由8万元提高到12万元, 将低保标准提高至850元: 将 with an object, then 由/从… or a verb of setting a level,
      // is the 把 preposition, not "will".
      const rest = masked.slice(i + w.length);
      const from = firstAfterObject(rest, p.baselineBefore) ?? firstAfterObject(rest, p.objectMarkerVerbs);
      // (将把…, 将于2024年起将…, 年内将…: "will" all the same)
      const willStill = startsWithAny(rest, 0, p.objectMarkerNotFollowedBy) !== null || endsWithAny(masked, i, p.objectMarkerNotAfter) !== null;
      if (from !== null && !willStill && !/[，,；;]/.test(rest.slice(0, from))) continue;
    }
    return true;
  }
  return false;
}

/** Where the first of `words` stands in `rest`, after at least one character (an object) before it; null when none does. */
function firstAfterObject(rest: string, words: readonly string[]): number | null {
  let first: number | null = null;
  for (const x of words) {
    const k = rest.indexOf(x);
    if (k > 0 && (first === null || k < first)) first = k;
  }
  return first;
}

/** Whether what follows a comparison year up to the figure is a short 的-phrase (同期的): the figure is the base compared with. */
function isComparisonBase(head: string, after: number, p: ExtractReference["plan"]): boolean {
  const rest = head.length - after;
  return rest > 0 && rest <= p.comparisonBaseMaxChars && endsWithAny(head, head.length, p.skippedAfterFigure) !== null && !CLAUSE_MARK.test(head.slice(after));
}

/** Past a month and day written after a year (2015年3月, 2022年12月份, 2023年6月30日): where the words after the date start. */
function afterMonthDay(s: string, at: number, p: ExtractReference["plan"]): number {
  const m = p.monthDayAfterYear.exec(s.slice(at, at + 12));
  return m ? at + m[0].length : at;
}

/** A clause mark: where an earlier or later clause of a sentence begins or ends. */
const CLAUSE_MARK = /[，,；;：:、]/;

/** kind and year of one figure: its part of the report, then the words right around it. */
export function kindAndYear(text: string, sent: Sentence, q: Quantity, ref: ExtractReference, reportYear: number | null): { kind: Kind; year: number | null } {
  const p = ref.plan;
  let kind: Kind = sent.kind;
  // 市民政局将持续加强…,新增…服务点60个以上: a sentence that opens on a plan, unless the figure's own clause says done.
  if (sent.planOpener && !includesAny(text.slice(clauseOf(text, sent, q, ref)[0], q.start), p.sentencePlanOpeners.doneInClause)) kind = "target";
  const ctxYear = sent.year ?? reportYear;
  let year = ctxYear;

  // A year named earlier in the sentence (2023年计划新增…, 2021年上半年共支出…) or a relative one (去年年底投入…).
  // Only a year close to the figure (same stretch of text, 60 characters at most) speaks for it.
  const headFrom = Math.max(sent.start, q.numStart - 60);
  const head = text.slice(headFrom, q.numStart);
  let yearPos = -1;
  let yearStart = -1;
  let yearEnd = -1;
  // Most figures have no year before them: the regex runs only when a 年 is there (exec, not matchAll,
  // which copies the regex on every call).
  const yearMention = p.yearMention;
  yearMention.lastIndex = 0;
  for (let m = head.includes(p.yearWord) ? yearMention.exec(head) : null; m !== null; m = yearMention.exec(head)) {
    const i = m.index;
    // 2015年3月后, 2022年12月份的: what follows the year is read after its month and day
    const after = afterMonthDay(head, i + m[0].length, p);
    // 2019年以来累计…: the start of a period that runs to the report's year.
    if (startsWithAny(head, after, p.yearStartsPeriodAfter) !== null) continue;
    if (startsWithAny(head, after, p.yearRangeMarksAfter) !== null || endsWithAny(head, i, p.yearRangeMarksBefore) !== null) continue;
    // 较2022年增长15%, 与2022年同期相比: a comparison base, not the year the figure is about.
    // Unless the figure is that base itself (同比2022年12月份的10706人增加316人: 10706人 is 2022's).
    if ((endsWithAny(head, i, p.comparisonBefore) !== null || startsWithAny(head, after, p.comparisonAfterYear) !== null) && !isComparisonBase(head, after, p)) continue;
    // Inside 《…》 (a document's title) the year names the document, not the figure.
    const [titleOpen, titleClose] = p.documentTitleBrackets;
    if (head.lastIndexOf(titleOpen, i) > head.lastIndexOf(titleClose, i)) continue;
    yearPos = i;
    yearStart = headFrom + i;
    yearEnd = headFrom + after;
    year = Number(m[1]);
  }
  // 2020年,全省城乡低保…;…;建成养老床位50万张: a year opening a clause frames the clauses after it, past semicolons
  // (one within the 60 characters before the figure was weighed above)
  // where the sentence's own words start, after a lead-in (据悉, 记者从会议上获悉,)
  const own = afterLeadIn(text, sent.start, ref);
  let frameYear: number | null = null;
  if (yearPos < 0 && headFrom > sent.start) {
    frameYear = frameYearBefore(text, sent, own, q.numStart, headFrom, ref);
    if (frameYear !== null) year = frameYear;
  }
  const [ca, lb] = clauseOf(text, sent, q, ref);
  // Back into the clauses before, but not past a semicolon (不低于上年度…增幅;…新增服务点60个 is this year's), unless
  // the sentence opens on the relative year: then it frames the whole sentence (去年底,…120个;养老机构45家).
  const framed = p.relativeYearWords.at(text, own) !== null;
  let relFrom = framed ? sent.start : Math.max(sent.start, ca - 40);
  for (let i = ca - 1; i >= relFrom && !framed; i--) {
    if (holdsCode(p.relativeYearStops, text.charCodeAt(i))) {
      relFrom = i + 1;
      break;
    }
  }
  let rel = p.relativeYearWords.last(text, relFrom, q.numStart);
  // 去年,…带动了全年募集…9400余万元: 全年 (当年, 年内) is the year in context, not a year of its own…
  const inContext = rel && p.sameYearWords.has(rel.word) ? rel : null;
  while (rel && p.sameYearWords.has(rel.word)) rel = p.relativeYearWords.last(text, relFrom, rel.index);
  // …unless the year before it is a base the figure is measured from (在2022年建成120张的基础上,全年新增…)
  if (inContext) {
    const anchor = Math.max(rel ? rel.index : -1, yearPos >= 0 ? headFrom + yearPos : -1);
    if (anchor >= 0 && includesAny(text.slice(Math.max(relFrom, anchor - 4), inContext.index), p.sameYearBases)) rel = inContext;
  }
  // 比上年增加, 较去年同期: a comparison base, not the figure's year.
  if (rel && (yearPos < 0 || rel.index > headFrom + yearPos) && ctxYear !== null && endsWithAny(text, rel.index, p.comparisonBefore) === null && startsWithAny(text, rel.index + rel.word.length, p.comparisonAfterRelativeYear) === null) {
    // 今年/全年/年内 are the part's own year; 去年/明年 count from the year the report was written about.
    const delta = p.relativeYearDelta.get(rel.word) ?? 0;
    year = delta === 0 ? ctxYear : (reportYear ?? ctxYear) + delta;
    yearStart = rel.index;
    yearEnd = rel.index + rel.word.length;
  }
  // 入住率由去年的45%提升至58%: the year is the figure raised from (由/从 right before it); the one raised to is
  // the part's own. Without 由 the year is the raise's (力争2025年占比提高到60%).
  if (yearEnd > ca && year !== ctxYear && ref.labels.raisedFromWords.endsAt(text, yearStart) !== null && ref.labels.raisedToWords.last(text, yearEnd, q.numStart)) {
    year = ctxYear;
    yearPos = -1;
  }
  // A table cell under a header year (项目 2022年 2023年) is that year's.
  if (q.columnYear !== null) year = q.columnYear;
  if (year !== null && reportYear !== null && year > reportYear && sent.kind === "actual" && year !== ctxYear) kind = "target";
  const explicitPast = yearPos >= 0 && year !== null && ctxYear !== null && year < ctxYear;

  // Words right around the figure.
  const [la] = itemOf(text, sent, q, ref);
  // The next words (8 characters at most), less white space and particles (的: skippedAfterFigure), read in place.
  const afterEnd = Math.min(sent.end, q.end + 8);
  let afterStart = q.end;
  while (afterStart < afterEnd) {
    if (isJsSpace(text.charCodeAt(afterStart))) {
      afterStart++;
      continue;
    }
    const skipped = startsWithAny(text, afterStart, p.skippedAfterFigure);
    if (skipped === null) break;
    afterStart += skipped.length;
  }
  const before = text.slice(Math.max(la, q.start - p.targetBeforeWindow), q.start);
  const baseline = p.baselineBefore.some((w) => text.startsWith(w, q.start - w.length)) && p.baselineAfter.some((w) => text.startsWith(w, q.end));
  const near = text.slice(q.end, Math.min(lb, q.end + p.targetAfterNearWindow));
  // 安排我县110户建设任务: a task number; 完成110户建设任务 is what was done.
  if (p.targetAfterMatcher.at(text, afterStart, afterEnd) && !includesAny(withoutWords(text.slice(ca, q.start), p.plannedCompletion), p.completedVerbs)) kind = "target";
  // A project just being approved or tendered (…万元工程进入立项程序) is a plan, not a result.
  else if (p.targetAfterNear.some((w) => near.includes(w))) kind = "target";
  // 200个老年宜居社区创建工作已全面铺开: only launched
  else if (launchedAfter(text, ca, q, lb, ref)) kind = "target";
  else if (baseline) kind = "actual";
  else if (plannedBefore(before, text.slice(q.end, lb), p)) kind = "target";
  // Background in a plan (2023年，全区共有…) is a record of that earlier year.
  else if (explicitPast && kind === "target" && !plannedBefore(text.slice(headFrom + yearPos, q.start), "", p)) kind = "actual";
  else if (startsWithAny(text, q.end, p.plannedCapacityAfter) !== null) {
    // Capacity of a facility still being built: 床位数500张的养老综合体建设.
    const tail = text.slice(q.end, Math.min(sent.end, q.end + 24));
    const clauseHead = text.slice(ca, q.start);
    if (p.plannedCapacityVerbs.some((w) => tail.includes(w)) && !p.completedVerbs.some((w) => clauseHead.includes(w)) && !p.openedAfter.some((w) => tail.includes(w))) kind = "target";
  } else {
    // Part of an attributive chain ending in a planned-capacity phrase: 占地71亩床位数1800余张的…建设.
    const tail = text.slice(q.end, Math.min(sent.end, q.end + 14));
    const de = tail.indexOf(p.plannedCapacityChainEnd);
    if (de >= 0 && !/[，,。；、]/.test(tail.slice(0, de)) && p.plannedCapacityVerbs.some((w) => text.slice(q.end + de, q.end + de + 30).includes(w))) kind = "target";
  }
  // a frame earlier than the report's year is a record's; it never dates a plan (2022年,…;下一步,…新建20个)
  if (frameYear !== null && kind === "target" && reportYear !== null && frameYear < reportYear && year === frameYear) year = ctxYear;
  return { kind, year };
}

/** measure of one figure. */
export function measureOf(text: string, sent: Sentence, q: Quantity, ref: ExtractReference): Measure {
  const m = ref.measure;
  if (q.pointChange) return "change";
  const [ca] = clauseOf(text, sent, q, ref);
  const hit = m.changeBefore.last(text, Math.max(ca, q.start - m.changeWindow - 6), q.start);
  let change = false;
  if (hit) {
    const gap = text.slice(hit.index + hit.word.length, q.start);
    if (gap === "" || m.changeGapWords.includes(gap)) change = true;
  }
  if (q.unit === "percent") return change ? "change" : "rate";
  if (change) {
    const clauseBefore = text.slice(ca, q.start);
    if (includesAny(clauseBefore, m.periodComparisons) || m.yearComparison.test(clauseBefore)) return "change";
  }
  const perHead = m.perCapitaMatcher.last(text, Math.max(ca, q.start - m.perCapitaWindow), q.start);
  if (perHead) {
    // 分散供养标准年人均2200元, 集中供养年人均3000元: the value of a standard paid to each person is a level, like 每人每月530元.
    const from = Math.max(sent.start, perHead.index - m.standardWindow);
    const lead = text.slice(from, perHead.index);
    const own = text.slice(perHead.index, q.start);
    if (!m.standardBeforePerCapita.some((w) => lead.includes(w)) || m.perCapitaAverageNouns.some((w) => own.includes(w))) return "rate";
  }
  if (q.bare && endsInRateWord(text.slice(ca, q.start), m)) return "rate";
  return "level";
}

/** Whether a clause ends in a rate word (覆盖率), less one linking verb (覆盖率达). */
function endsInRateWord(s: string, m: ExtractReference["measure"]): boolean {
  const link = endsWithAny(s, s.length, m.linkVerbs);
  return endsWithAny(s, s.length - (link?.length ?? 0), m.bareRateEnds) !== null;
}

/**
 * What classify remembers while it reads one document: figures of a sentence share clauses, clauses share
 * domain keywords, and headings are read for many figures. Keys are positions in the (unwrapped) text.
 */
export interface DocumentMemo {
  headingDomains: Map<Heading, Domain | null>;
  /** Domain keywords of a span [a, b), keyed by spanKey(a, b). */
  domainHits: Map<number, DomainHit[]>;
  /** What the clauses before a clause say, keyed by clause start × 2 + (weak evidence found nearby ? 1 : 0). */
  earlierClauses: Map<number, Domain | null>;
}

export function newDocumentMemo(): DocumentMemo {
  return { headingDomains: new Map(), domainHits: new Map(), earlierClauses: new Map() };
}

/** One number per span of a text shorter than 2^26 characters (longer texts are not memoised). */
const SPAN_KEY_LIMIT = 2 ** 26;
function spanKey(a: number, b: number): number {
  return a * SPAN_KEY_LIMIT + b;
}

interface DomainHit {
  start: number;
  end: number;
  domain: Domain;
  weight: number;
  weak: boolean;
}

const NO_HITS: DomainHit[] = [];

/** Domain keywords of [a, b), left to right, longest at each position, after masking the phrases that say nothing. */
function findDomainHits(text: string, a: number, b: number, ref: ExtractReference): DomainHit[] {
  const d = ref.domains;
  let hits = NO_HITS;
  // Masks are rare: the span is read in place, and copied and masked (same length, so offsets stay) only
  // when one turns up.
  for (let i = a, next = a; i < b; i++) {
    // Most characters start neither a mask nor a keyword: one table read.
    const k = d.starts[text.charCodeAt(i)];
    if (k === 0) continue;
    if (k & MASK_START && d.masksMatcher.at(text, i, b)) return maskedDomainHits(text, a, b, ref);
    // A keyword is looked for only after the one before it ends.
    if (i < next || !(k & WORD_START)) continue;
    const word = d.matcher.at(text, i, b);
    if (!word) continue;
    if (hits === NO_HITS) hits = [];
    hits.push(domainHit(d.byWord.get(word)!, word, i, d.weak));
    next = i + word.length;
  }
  return hits;
}

function maskedDomainHits(text: string, a: number, b: number, ref: ExtractReference): DomainHit[] {
  const d = ref.domains;
  let s = text.slice(a, b);
  for (const w of d.masks) if (s.includes(w)) s = s.split(w).join("＿".repeat(w.length));
  const hits: DomainHit[] = [];
  for (let i = 0; i < s.length; ) {
    const word = d.matcher.at(s, i);
    if (!word) { i++; continue; }
    hits.push(domainHit(d.byWord.get(word)!, word, a + i, d.weak));
    i += word.length;
  }
  return hits;
}

function domainHit(info: { domain: Domain; weight: number }, word: string, start: number, weak: Set<string>): DomainHit {
  return { start, end: start + word.length, domain: info.domain, weight: info.weight, weak: weak.has(word) };
}

function domainHitsOf(text: string, a: number, b: number, ref: ExtractReference, memo: DocumentMemo): DomainHit[] {
  if (text.length >= SPAN_KEY_LIMIT) return findDomainHits(text, a, b, ref);
  const key = spanKey(a, b);
  let hits = memo.domainHits.get(key);
  if (!hits) {
    hits = findDomainHits(text, a, b, ref);
    memo.domainHits.set(key, hits);
  }
  return hits;
}

interface DomainScore {
  domain: Domain;
  score: number;
  distance: number;
  /** Some evidence beyond weak words (社区). */
  strong: boolean;
}

const NO_SCORES: DomainScore[] = [];

/** Keyword scores of the domains in [a, b), with each domain's nearest distance to the figure. */
function scoreDomains(text: string, a: number, b: number, figA: number, figB: number, ref: ExtractReference, memo: DocumentMemo): DomainScore[] {
  const hits = domainHitsOf(text, a, b, ref, memo);
  if (!hits.length) return NO_SCORES;
  // Domains in order of their first keyword (a sort is stable: ties keep that order).
  const scores: DomainScore[] = [];
  for (const h of hits) {
    const distance = h.end <= figA ? figA - h.end : h.start >= figB ? h.start - figB + 0.5 : 0;
    let cur: DomainScore | undefined;
    for (const x of scores) if (x.domain === h.domain) { cur = x; break; }
    if (!cur) {
      cur = { domain: h.domain, score: 0, distance: Infinity, strong: false };
      scores.push(cur);
    }
    if (!h.weak) cur.strong = true;
    cur.score += h.weight;
    cur.distance = Math.min(cur.distance, distance);
  }
  if (scores.length > 1) sortScores(scores);
  return scores;
}

/**
 * Highest score first, then nearest; ties keep their order. An insertion sort: the lists are a few domains
 * long, and this is Array.prototype.sort's (stable) order without its call overhead.
 */
function sortScores(scores: DomainScore[]): void {
  for (let i = 1; i < scores.length; i++) {
    const x = scores[i];
    let j = i - 1;
    while (j >= 0 && (scores[j].score < x.score || (scores[j].score === x.score && scores[j].distance > x.distance))) {
      scores[j + 1] = scores[j];
      j--;
    }
    scores[j + 1] = x;
  }
}

function pick(scores: DomainScore[], dominant: boolean): Domain | null {
  if (!scores.length) return null;
  if (!dominant || scores.length === 1) return scores[0].domain;
  // Weak words (社区 in 人民社区现有低保户) do not stand against strong ones: only the strong domains compete.
  let first = -1;
  let second = -1;
  for (let i = 0; i < scores.length; i++) {
    if (!scores[i].strong) continue;
    if (first < 0) first = i;
    else if (second < 0) second = i;
  }
  if (first < 0) return scores[0].score >= 1.5 * scores[1].score ? scores[0].domain : null;
  if (second < 0) return scores[first].domain;
  return scores[first].score >= 1.5 * scores[second].score ? scores[first].domain : null;
}

/** Domain of a heading chain: innermost heading that clearly says one. */
export function headingDomain(text: string, headings: Heading[], ref: ExtractReference, memo: DocumentMemo): Domain | null {
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i];
    let d = memo.headingDomains.get(h);
    if (d === undefined) {
      // The title's weak word names whose report it is (社区年民政工作总结), not a domain; a section's is its topic
      // (理顺社区管理体制机制).
      const scores = scoreDomains(text, h.start, h.start + h.text.length, h.start, h.start, ref, memo);
      const isTitle = i === 0 && text.slice(0, h.start).trim() === "";
      d = !isTitle || scores.some((x) => x.strong) ? pick(scores, true) : null;
      memo.headingDomains.set(h, d);
    }
    if (d) return d;
  }
  return null;
}

// 由69家社会组织承接: who delivers the programme just named, not a programme of its own (domains.json agentClause).
function isAgentClause(text: string, a: number, b: number, ref: ExtractReference): boolean {
  const { agentClause, agentClauseFirst } = ref.domains;
  if (!agentClause || a >= b) return false;
  // The clause is copied for the regex only when it starts with the pattern's fixed first character.
  if (agentClauseFirst >= 0 && text.charCodeAt(a) !== agentClauseFirst) return false;
  return agentClause.test(text.slice(a, b));
}

/** Where a sentence's own words start after a lead-in and the mark closing it (据悉,去年,… → 去年); else `start`. */
function afterLeadIn(text: string, start: number, ref: ExtractReference): number {
  const p = ref.plan;
  const lead = startsWithAny(text, start, p.relativeYearLeadIns);
  if (lead !== null) return holdsCode(p.relativeYearLeadInEnds, text.charCodeAt(start + lead.length)) ? start + lead.length + 1 : start;
  // 记者从会议上获悉, …: a first clause that ends in a word of hearing
  const end = Math.min(text.length, start + p.leadInClauseMax + 1);
  for (let i = start + 2; i < end; i++) {
    const c = text.charCodeAt(i);
    if (holdsCode(p.relativeYearLeadInEnds, c)) return endsWithAny(text, i, p.leadInClauseEnds) !== null ? i + 1 : start;
    if (ref.clauseSeparators[c] === CLAUSE_END) break;
  }
  return start;
}

/** The year a clause starting at `at` opens on when a comma closes it (2020年,…: plan-markers sentenceYearFrame); else null. */
function frameYearAt(text: string, at: number, end: number, re: RegExp): number | null {
  const c = text.charCodeAt(at);
  if (c !== 0x31 && c !== 0x32) return null; // 1… or 2…
  re.lastIndex = at;
  const m = re.exec(text);
  return m !== null && m.index + m[0].length <= end ? Number(m[1]) : null;
}

/**
 * The year that frames the clauses before `before` (a figure): the last clause opening on a year and a comma, at the
 * sentence's start after any lead-in (`own`) or after a clause mark (2020年,…;…;建成养老床位50万张), when it starts before
 * `within` (nearer years were weighed already); null when a clause between opens on a stop (截至目前, 下一步, 将) or
 * none opens on a year.
 */
function frameYearBefore(text: string, sent: Sentence, own: number, before: number, within: number, ref: ExtractReference): number | null {
  const p = ref.plan;
  const re = p.sentenceYearFrame;
  // read back FRAME_REACH characters at most: a sentence may be a page long (a table or list without stops)
  const from = Math.max(sent.start, before - FRAME_REACH);
  if (re === null || from >= within || !holdsCodeIn(text, from, within, p.yearWord.charCodeAt(0))) return null;
  const first = from === sent.start ? own : from + 1;
  for (let i = before - 1; i >= first - 1; i--) {
    const at = i < first ? first : i + 1;
    // a clause starts after a clause end or a comma (an ASCII one too: 1,200 has no year after it)
    const mark = i >= first ? ref.clauseSeparators[text.charCodeAt(i)] : CLAUSE_END;
    if (mark !== CLAUSE_END && mark !== NUMBER_COMMA) continue;
    if (at === first && from !== sent.start) break; // the reach ends mid-clause
    const y = frameYearAt(text, at, sent.end, re);
    if (y !== null) return at < within ? y : null;
    const head = text.slice(at, Math.min(before, at + p.frameStopChars));
    if (includesAny(head, p.frameStops)) return null;
    if (at === first) break;
  }
  return null;
}

/** How far back a frame is looked for. */
const FRAME_REACH = 600;

/** Whether text[a, b) holds the char code c (read in place: this runs per figure). */
function holdsCodeIn(text: string, a: number, b: number, c: number): boolean {
  for (let i = a; i < b; i++) if (text.charCodeAt(i) === c) return true;
  return false;
}

export function domainOf(text: string, sent: Sentence, q: Quantity, ref: ExtractReference, memo: DocumentMemo, carried: Domain | null = null): Domain {
  const [ca, cb] = clauseOf(text, sent, q, ref);
  const agent = isAgentClause(text, ca, cb, ref);
  // Only weak evidence nearby (社区) is kept as a fallback while the sentence is read for something stronger.
  let weak: Domain | null = null;
  if (!agent) {
    const [ia, sb] = itemOf(text, sent, q, ref);
    // The last item of a list of short names (向低保对象、特困人员、孤儿等发放物价临时补贴636.03万元): read with the list.
    // (Not when the item holds a figure before this one: 等27家…和13家殡葬服务机构 is that figure's list.)
    const sa = hasDigitBetween(text, ia, q.start) ? ia : nameListStart(text, ca, ia, ref);
    for (let k = 0; k < 2; k++) {
      const a = k === 0 ? sa : ca;
      const b2 = k === 0 ? sb : cb;
      // The clause is read again only when it is wider than the item (same span, same scores).
      if (k === 1 && a === sa && b2 === sb) break;
      const scores = scoreDomains(text, a, b2, q.start, q.end, ref, memo);
      const strong = scores.find((x) => x.strong);
      if (strong) return strong.domain;
      weak ??= pick(scores, false);
    }
  }
  // Earlier clauses of the same sentence, nearest first, when one domain clearly leads (agent clauses skipped).
  // They are the same for every figure of the clause.
  const earlierKey = ca * 2 + (weak ? 1 : 0);
  let earlier = memo.earlierClauses.get(earlierKey);
  if (earlier === undefined) {
    earlier = earlierClausesDomain(text, sent, ca, weak !== null, ref, memo);
    memo.earlierClauses.set(earlierKey, earlier);
  }
  if (earlier) return earlier;
  // Only weak evidence so far: strong evidence in the clauses after it (…4场民主评议会,对267户申请低保户…) wins.
  if (weak) return laterClausesDomain(text, sent, cb, ref, memo) ?? weak;
  // A following clause that says what the money or count was for: …1200万元,用于困难群众临时救助.
  if (cb < sent.end && /[，,；;]/.test(text[cb] ?? "")) {
    const [na, nb] = clauseAround(text, sent.start, sent.end, cb + 1, ref.clauseSeparators);
    // The same for money a funding verb put in (投入42万元,新建成8个居家养老服务站): the next clause says what for.
    const funded = q.unit === "yuan" && includesAny(text.slice(ca, q.start), ref.domains.fundingVerbs) && startsWithAny(text, na, ref.domains.fundedActionStarts) !== null;
    if (funded || startsPurposeClause(text, na, ref.domains)) {
      const d = pick(scoreDomains(text, na, nb, na, na, ref, memo), true);
      if (d) return d;
    }
  }
  // 其中北山街道1个,…: a breakdown of the figure before, in the previous sentence
  if (carried && carried !== "other" && startsWithAny(text, sent.start, ref.domains.continuationStarts) !== null) return carried;
  return headingDomain(text, sent.headings, ref, memo) ?? "other";
}

/**
 * Money whose own words are only the funding (投入, 投入资金: indicator-labels.json fundedMoney.bare), followed straight
 * by a clause saying what it paid for (投入42万元,新建成8个居家养老服务站; 投入资金120万元，用于改造提升敬老院3所):
 * named after that clause's figure (its base) when that counts things built or bought (fundedMoney.thingUnits), less a
 * purpose word (用于), then the funding words. `moneyEnd` is
 * where the money's clause ends, `next` where the next figure's clause starts; null when the words do not read so.
 */
export function fundedMoneyLabel(text: string, moneyBase: string, moneyEnd: number, next: number, nextBase: string, nextUnit: Unit, measure: Measure, ref: ExtractReference): { label: string; base: string } | null {
  const L = ref.labels;
  if (!L.fundedMoney.bare.includes(moneyBase) || next <= moneyEnd || next - moneyEnd > 2) return null;
  // only what was built or bought (新建成8个…, 改造敬老院3所), not a rate or a count of people
  if (!L.fundedMoney.thingUnits.includes(nextUnit)) return null;
  if (startsWithAny(text, next, ref.domains.fundedActionStarts) === null && !startsPurposeClause(text, next, ref.domains)) return null;
  const thing = replaceAtStart(nextBase, L.fundedMoney.dropStart);
  // 完成全县42个村(社区)换届选举: a label that ends on a place names no thing
  if (thing.length < 2 || endsWithAny(thing, thing.length, L.shares.placeEndings) !== null) return null;
  const base = thing.slice(-14) + moneyBase;
  return { label: unitSuffix(base, "yuan", measure, L), base };
}

/** Whether the clause at `a` says what a figure was for (用于…, 主要用于…). */
function startsPurposeClause(text: string, a: number, d: ExtractReference["domains"]): boolean {
  if (startsWithAny(text, a, d.purposeClauseStarts) !== null) return true;
  const lead = startsWithAny(text, a, d.purposeClauseLeads);
  return lead !== null && startsWithAny(text, a + lead.length, d.purposeClauseStarts) !== null;
}

/** The domain the clauses after the clause ending at cb clearly name with strong evidence, nearest first (agent clauses skipped). */
function laterClausesDomain(text: string, sent: Sentence, cb: number, ref: ExtractReference, memo: DocumentMemo): Domain | null {
  let a = cb + 1;
  for (let k = 0; k < 5 && a < sent.end && CLAUSE_MARK.test(text[a - 1] ?? ""); k++) {
    const [, b] = clauseAround(text, sent.start, sent.end, a, ref.clauseSeparators);
    if (startsWithAny(text, a, ref.domains.otherMatterStarts) !== null) break;
    if (b > a && !isAgentClause(text, a, b, ref)) {
      const scores = scoreDomains(text, a, b, a, a, ref, memo);
      const d = pick(scores, true);
      if (d && scores.some((x) => x.strong && x.domain === d)) return d;
    }
    a = b + 1;
  }
  return null;
}

/** The domain the clauses before the clause at ca clearly name, nearest first; with weak evidence nearby, only strong evidence counts. */
function earlierClausesDomain(text: string, sent: Sentence, ca: number, haveWeak: boolean, ref: ExtractReference, memo: DocumentMemo): Domain | null {
  let b = ca - 1;
  // Only across real clause marks: a clause cut by the window bound has no earlier clause to read.
  for (let k = 0; k < 5 && b > sent.start && CLAUSE_MARK.test(text[b] ?? ""); k++) {
    const [a] = clauseAround(text, sent.start, sent.end, b - 1, ref.clauseSeparators);
    if (b - 1 >= a && !isAgentClause(text, a, b, ref)) {
      const scores = scoreDomains(text, a, b, b, b, ref, memo);
      const d = pick(scores, true);
      if (d && (scores[0].strong || !haveWeak)) return d;
    }
    b = a - 1;
  }
  return null;
}

/** The label with its unit's ending (indicator-labels.json suffixes): 低保对象 → 低保对象人数, 老年人 → 老年人数, 床位 → 床位数. */
function unitSuffix(base: string, unit: Unit, measure: Measure, L: LabelRules): string {
  const rule = measure === "change" ? L.suffixes.change : (L.suffixes.byUnit.get(unit) ?? L.suffixes.other);
  if (includesAny(base, rule.keepIfContains) || endsWithAny(base, base.length, rule.keepIfEndsWith) !== null) return base;
  for (const [end, more] of rule.complete) if (base.endsWith(end)) return base + more;
  return base + rule.add;
}

/** s.replace(p.re, by) for an end-anchored pattern, tried only on a string ending with one of p.last. */
function replaceAtEnd(s: string, p: EndPattern, by = ""): string {
  return s.length && p.last.has(s.charCodeAt(s.length - 1)) ? s.replace(p.re, by) : s;
}

/** s.replace(p.re, by) for a start-anchored pattern, tried only on a string starting with one of p.first. */
function replaceAtStart(s: string, p: StartPattern, by = ""): string {
  return p.first && (s.length === 0 || !p.first[s.charCodeAt(0)]) ? s : s.replace(p.re, by);
}

/**
 * Where the words after a figure stop naming it: the first match of cut.re (tried only where a match can start)
 * that is not inside a word of cut.notInside.
 */
function cutIn(s: string, cut: LabelRules["cutBefore"]): number {
  if (!cut.first) {
    // one search, and again past a match inside a word of notInside (rare)
    for (let from = 0; ; ) {
      const rest = from ? s.slice(from) : s;
      const at = rest.search(cut.re);
      if (at < 0) return -1;
      if (!insideWordOf(s, from + at, cut.notInside)) return from + at;
      from += at + 1;
    }
  }
  for (let i = 0; i < s.length; i++) {
    if (!cut.first[s.charCodeAt(i)]) continue;
    cut.sticky.lastIndex = i;
    if (cut.sticky.test(s) && !insideWordOf(s, i, cut.notInside)) return i;
  }
  return -1;
}

/** Whether position i of s lies inside one of `words` as s holds it (达 of 不达标 inside 达标). */
function insideWordOf(s: string, i: number, words: readonly string[]): boolean {
  for (const w of words) {
    for (let k = 0; k < w.length; k++) if (i - k >= 0 && s.startsWith(w, i - k)) return true;
  }
  return false;
}

/** Whether the sentence says 其中 (shares.openers) before `at`. */
function afterShareOpener(text: string, sent: Sentence, at: number, L: LabelRules): boolean {
  // within the sentence only: lastIndexOf would read back through the whole text when there is none
  for (const o of L.shares.openers) for (let i = sent.start; i + o.length <= at; i++) if (text.startsWith(o, i)) return true;
  return false;
}

/**
 * Whether the words before a figure (pre) name a place or level (shares.placeEndings: 市本级, 保华镇, 城区) whose
 * share of the total just named (total) the figure is: the sentence says 其中 (shares.openers) before it, the words
 * are short and say nothing of the total's thing themselves (双矿集团低保对象6273户 names it already), and the total
 * is not a place itself.
 */
function isShareOfTotal(text: string, sent: Sentence, at: number, pre: string, total: string, L: LabelRules): boolean {
  const { placeEndings, maxChars } = L.shares;
  if (pre.length > maxChars || endsWithAny(pre, pre.length, placeEndings) === null) return false;
  // a list of places after 其中 with no total before it in the sentence (其中保华镇2户,大河镇8户): each is its own
  if (endsWithAny(total, total.length, placeEndings) !== null) return false;
  if (!afterShareOpener(text, sent, at, L)) return false;
  for (let i = 0; i + 1 < pre.length; i++) if (total.includes(pre.slice(i, i + 2))) return false;
  return true;
}

/**
 * 床位数500张的金色小镇养老综合体建设 → 金色小镇养老综合体床位数: an attribute ending the phrase before a figure
 * (owners.attributes) belongs to what follows the figure after the link word, up to a cut or an action (建设);
 * "" when the words do not read so.
 */
function ownedAttribute(pre: string, postRaw: string, L: LabelRules): string {
  const { link, attributes, actions } = L.owners;
  if (!link || !postRaw.startsWith(link)) return "";
  // only a phrase that is the attribute and nothing more (全市养老机构床位数达到5000张的基础上 names its own owner)
  const attribute = attributes.includes(pre) ? pre : null;
  if (attribute === null) return "";
  const rest = postRaw.slice(link.length);
  const cut = cutIn(rest, L.cutBefore);
  let owner = labelText(cut >= 0 ? rest.slice(0, cut) : rest, L);
  for (let i = 2; i < owner.length; i++) {
    if (actions.at(owner, i) !== null) {
      owner = owner.slice(0, i);
      break;
    }
  }
  return owner.length >= 2 && owner.length <= 16 && !L.owners.notOwners.includes(owner) ? owner + attribute : "";
}

/**
 * A short simplified-Chinese label of what the figure counts: the noun phrase before it (after any earlier
 * figure of the same clause), else the one after it, else the previous figure's, plus 数/人数/金额.
 */
export function indicatorLabel(
  text: string, sent: Sentence, q: Quantity, unit: Unit, measure: Measure, ref: ExtractReference, prev?: { end: number; base: string; unit?: string }, pairedEnd = -1,
  sameUnitBase = "",
): { label: string; base: string; shareOf?: string; ofPrevious?: boolean } {
  const L = ref.labels;
  // A table row's label names its cells (养老床位（张） 4500 4860 → 养老床位数).
  if (q.rowLabel !== null) {
    const row = labelText(replaceAtStart(q.rowLabel, ref.headings.labelMark), L);
    return { label: row ? unitSuffix(row, unit, measure, L) : "", base: row };
  }
  const [sa, sb] = itemOf(text, sent, q, ref);
  const from = prev && prev.end > sa && prev.end <= q.start ? prev.end : sa;
  const samePhrase = prev && prev.base && prev.end >= sent.start && prev.end <= q.start ? prev.base : "";
  let pre = labelText(replaceAtStart(afterLeadingAside(text.slice(from, q.start), L), ref.headings.labelMark), L);
  pre = replaceAtStart(replaceAtEnd(withoutQualifierAtEnd(replaceAtEnd(replaceAtStart(pre, L.fillerStart), L.fillerEnd), ref), L.fillerEnd), L.leadingBrackets);
  // 城市低保标准由每人每月500元提高到530元: both figures are the standard named before 由. The words between
  // them (提高到) name nothing, nor does the tail of a unit after a figure or date (255元/月/人) → 月人)): only a
  // phrase starting at one can open with such a tail (年检合格率 opens with a word).
  pre = replaceAtEnd(replaceAtEnd(pre, L.raisedTo, "$1"), L.raisedFrom, "$1");
  if (from !== sa || !startsWithWord(text, from, q.start)) pre = replaceAtStart(pre, L.leadingUnitTail);
  // 城市低保标准：每人每月700元, 护理补贴:220元/人·月: with nothing but per-head words of its own, the figure is
  // named by what stands before the colon its item opens after.
  if (namesNothing(pre, L) && from === sa && sa > sent.start && COLON.test(text[sa - 1])) {
    const [la] = clauseAround(text, sent.start, sent.end, sa - 2, ref.clauseSeparators);
    const lead = replaceAtEnd(labelText(replaceAtStart(text.slice(la, sa - 1), ref.headings.labelMark), L), L.raisedTo, "$1");
    if (lead.length >= 2 && endsWithAny(lead, lead.length, L.colonLeadStops) === null) pre = lead.slice(-16) + (L.onlyPerWords.test(pre) ? pre : "");
  }
  if (pre.length < 2 && samePhrase) pre = samePhrase;
  if (pre.length > 18) pre = shorten(pre, L);
  let base = "";
  // Named as an attribute of the places the figure before counted (床位 after 养老机构22家): its domain is theirs too.
  let ofPrevious = false;
  // 设立21个后扶项目, 为1800户老年人家庭适老化改造: the noun after the figure names what is counted.
  // 14035户25559人享受城乡低保: a count paired with the next one (pairedEnd: where that one ends) counts the
  // same people, named after both.
  const postRaw = text.slice(pairedEnd > q.end && pairedEnd <= sb ? pairedEnd : q.end, sb);
  const postCut = cutIn(postRaw, L.cutBefore);
  const postWords = replaceAtStart(labelText(postCut >= 0 ? postRaw.slice(0, postCut) : postRaw, L), L.leadingUnitTail);
  const post = replaceAtEnd(postWords, L.raisedTo, "$1").slice(0, 14);
  // Text running straight into the next figure (预登记8家民非成立登记1家) names that figure, not this one.
  const runsIntoNext = postCut >= 0 && /[0-9０-９]/.test(postRaw[postCut]);
  // 697名老年人享受居家养老服务补贴, 14035户享受城乡低保: what the people counted receive names the count
  // (享受居家养老服务补贴人数), whether or not a noun stands between.
  // 为243户530人发放农村低保补助: with a recipient word before the figure, what they are given names it too.
  // Only with no noun between (向1200名困难群众发放慰问金 still counts 困难群众).
  const recipient = postCut === 0 && L.givenAfter.endsAt(text, q.start, sa) !== null;
  const received = postCut >= 0 && L.receivingUnits.has(unit) && measure !== "change" ? receivedPhrase(postRaw, postCut, L, recipient) : "";
  // (Only with no noun before it either, 孤儿12人享受集中供养 still counting 孤儿; before 为/向 stands who gives, or when.)
  if (received && post.length < 2 && (pre.length < 2 || recipient) && !runsIntoNext) base = received;
  else if (post.length >= 2 && !runsIntoNext && !/^[\d\-]/.test(post) && !namesNothing(post, L) && q.unit !== "percent" && measure !== "change") {
    const verb = pre.length && L.builtVerb.last.has(pre.charCodeAt(pre.length - 1)) ? L.builtVerb.re.exec(pre) : null;
    base = (verb ? verb[1] : "") + post;
    if (received) base = received;
    // 认知症照护专区1个,共12张床位: a short noun belongs to the previous figure's thing.
    // Unless that thing already ends with the noun (1124名老年人…,1143名老年人…): the same noun again is
    // another count of it, not a part of it, and chaining would pile it up (老年人老年人人数).
    else if (post.length <= 3 && !verb && samePhrase && !samePhrase.endsWith(post)) base = samePhrase + post;
  } else if (pre.length >= 2) {
    // 其中市本级23502户 after 全市城市低保对象33087户 (sameUnitBase: the sentence's last base in this unit): a place's or
    // level's share of the total is the total's thing there; the next share (保华镇420户，清溪镇380户) is named after
    // the same total (shareOf), the count paired with it (保华镇2户10人) after the share.
    if (sameUnitBase && isShareOfTotal(text, sent, q.start, pre, sameUnitBase, L)) return { label: unitSuffix(pre + sameUnitBase, unit, measure, L), base: pre + sameUnitBase, shareOf: sameUnitBase };
    base = ownedAttribute(pre, postRaw, L) || pre;
    // 完成率达247%, 同比增加9.63%: the rate or change of what the previous figure counted.
    const core = hasCharOf(base, L.changeOrRate.first) ? base.replace(L.changeOrRate.re, "") : base;
    if (core.length < 2 && samePhrase) base = samePhrase + (measure === "change" ? "" : base);
    // 发放高龄补贴9.99余万人次,资金309.32万元: a bare generic noun is the money of what the previous figure counted.
    else if (L.genericNoun.test(base) && samePhrase && !samePhrase.endsWith(base)) base = samePhrase + base;
    // 全国共有儿童福利和保护服务机构753个,床位10万张: an attribute alone (owners.attributes) is the one of the places just counted.
    // Not among the shares of a total (全市有养老机构22家，其中公办8家，床位4610张: the beds are all of them).
    else if (samePhrase && prev?.unit !== undefined && L.owners.ofCounts.includes(prev.unit) && L.owners.attributes.includes(base) && !samePhrase.endsWith(base) && !afterShareOpener(text, sent, q.start, L)) {
      base = samePhrase + base;
      ofPrevious = true;
    }
  } else {
    // 1300户共2308人: the same thing as the previous figure, counted another way.
    base = runsIntoNext ? "" : post.slice(0, 12);
    // 共12张床位 after 认知症照护专区1个: the beds of that unit.
    if (base.length <= 3 && samePhrase) base = samePhrase + base;
    // The clause's words, less the figure itself (百分之九十的社区建成… names 社区建成…, not 百分之九十).
    if (base.length < 2) base = labelText(replaceAtStart(text.slice(sa, q.start) + text.slice(q.end, sb), ref.headings.labelMark), L).replace(L.shortenDropLead, "").slice(0, 12);
  }
  return { label: base ? unitSuffix(base, unit, measure, L) : "", base, ...(ofPrevious ? { ofPrevious } : {}) };
}

const COLON = /[:：]/;

/** Whether a label's words name no thing: none, only per-head and per-period words (每人每月), a mark reached (大关), or only a unit's tail (人月). */
function namesNothing(base: string, L: LabelRules): boolean {
  if (base.length < 2 || L.onlyPerWords.test(base) || L.markWords.has(base)) return true;
  return replaceAtStart(base, L.leadingUnitTail) === "";
}

/** The verb phrase at `at` when it opens with a receiving verb (享受, 参与 …: indicator-labels.json receivingVerbs), or for a recipient a given verb (发放), up to the next cut. */
function receivedPhrase(s: string, at: number, L: LabelRules, recipient: boolean): string {
  const verb = L.receivingVerbs.at(s, at) ?? (recipient ? L.givenVerbs.at(s, at) : null);
  if (!verb) return "";
  const rest = s.slice(at + verb.length);
  const cut = cutIn(rest, L.cutBefore);
  const phrase = labelText(verb + (cut >= 0 ? rest.slice(0, cut) : rest), L);
  return phrase.length > verb.length + 1 ? phrase.slice(0, 14) : "";
}

/** A phrase less the qualifier word it ends with (总额不低于 → 总额): the qualifier is the figure's, not the label's. */
function withoutQualifierAtEnd(s: string, ref: ExtractReference): string {
  const w = ref.qualifierPrefixMatcher.endsAt(s, s.length);
  return w ? s.slice(0, s.length - w.length) : s;
}

/** Whether text[from, to) opens (after white space) with anything but a digit or a slash: a date or unit's tail. */
function startsWithWord(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isJsSpace(text.charCodeAt(i))) i++;
  const c = codeAt(text, i);
  return i < to && !(isDigitCode(c) || c === 47 || c === 0xff0f);
}

/**
 * A phrase without the bracketed aside it opens with, or starts inside of: what follows its close. (集中养育)和 and
 * 集中养育)和 → 和 (…1950元(集中养育)和1450元: the aside belongs to the figure before).
 */
function afterLeadingAside(s: string, L: LabelRules): string {
  // char codes throughout: s[i] of a Chinese character is a new string every time
  const open = L.openBracketCodes;
  const close = L.closeBracketCodes;
  let depth = 0;
  let cut = -1;
  let first = 0;
  while (first < s.length && isJsSpace(s.charCodeAt(first))) first++;
  const opensWithAside = first < s.length && open.includes(s.charCodeAt(first));
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (open.includes(c)) depth++;
    else if (close.includes(c)) {
      if (depth > 0) depth--;
      else cut = i;
      if (depth === 0 && opensWithAside && cut < 0) return s.slice(i + 1);
    }
  }
  return cut < 0 ? s : s.slice(cut + 1);
}

/**
 * The last words of a long phrase: cut after a preposition when that leaves a phrase of 4–16 characters
 * (为70岁以上老年人免费接种流感疫苗 → 70岁以上老年人免费接种流感疫苗), else keep the last 12 without
 * splitting a number (0-3岁 stays whole).
 */
function shorten(pre: string, L: LabelRules): string {
  const after = L.shortenAfter;
  for (let i = pre.length - 5; i >= 0; i--) {
    // 标准为每人每月: a cut that leaves only 每人每月 names nothing.
    if (after.includes(pre[i]) && pre.length - i - 1 <= 18 && !L.onlyPerWords.test(pre.slice(i + 1))) {
      // keep looking left while the rest still fits, so the longest fitting phrase wins
      let j = i;
      for (let k = i - 1; k >= 0 && pre.length - k - 1 <= 18; k--) if (after.includes(pre[k])) j = k;
      return pre.slice(j + 1);
    }
  }
  let cut = pre.length - 16;
  while (cut > 0 && /[\d\-]/.test(pre[cut - 1]) && /[\d\-]/.test(pre[cut])) cut--;
  return pre.slice(cut).replace(L.shortenDropLead, "");
}

/** Whether s has a character of the table (always, without a table). */
function hasCharOf(s: string, table: Uint8Array | null): boolean {
  if (!table) return true;
  for (let i = 0; i < s.length; i++) if (table[s.charCodeAt(i)]) return true;
  return false;
}

/** Keeps the words of a label: Chinese, digits of ages or grades (0-3岁), no years, months or punctuation. */
function labelText(s: string, L: LabelRules): string {
  // Each replace runs only when it can change something: dates need a digit, dropping needs a dropped character.
  let digit = false;
  let dropped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (!isLabelChar(c)) dropped = true;
  }
  if (digit) s = s.replace(L.datesInLabel, "");
  if (dropped) s = s.replace(/[^\u4e00-\u9fffA-Z0-9()（）+\-]/g, "");
  const first = codeAt(s, 0);
  if ((first >= 48 && first <= 57) || first === 45) s = s.replace(L.leadingNumber, "");
  return s;
}

/** The characters labelText keeps: [\u4e00-\u9fffA-Z0-9()（）+\-] (capitals for grades: 3A级). */
function isLabelChar(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 40 || c === 41 || c === 0xff08 || c === 0xff09 || c === 43 || c === 45;
}

const COMPATIBLE: Partial<Record<Unit, Unit[]>> = { facility: ["facility", "item"], item: ["item", "facility"] };

/** One phrasing of a catalog indicator that may fit figures of some domain, unit and measure. */
interface Phrasing {
  id: string;
  words: string[];
  /** Same unit as the figure (not just a compatible one): wins ties. */
  bonus: number;
}

/**
 * The phrasings worth trying for one domain, unit and measure, in catalog order, with the first character of
 * each one's first word: most phrasings are ruled out by that character alone, read without touching the phrasing.
 */
interface Phrasings {
  list: Phrasing[];
  firstCodes: Uint16Array;
}

/** Phrasings by domain, unit and measure: objects without a prototype, keyed by those names (a property read each). */
type PhrasingsByKey = Record<string, Record<string, Record<string, Phrasings>>>;

/** The phrasings of each domain, unit and measure, built when first asked for, once per catalog. */
const phrasingsCache = new WeakMap<Indicator[], PhrasingsByKey>();
// A run reads one catalog: the last one's table is kept at hand.
let lastCatalog: Indicator[] | null = null;
let lastByKey: PhrasingsByKey = Object.create(null);

function phrasingsFor(catalog: Indicator[], unit: Unit, measure: Measure, domain: Domain): Phrasings {
  if (catalog !== lastCatalog) {
    let byKey = phrasingsCache.get(catalog);
    if (!byKey) phrasingsCache.set(catalog, (byKey = Object.create(null) as PhrasingsByKey));
    lastCatalog = catalog;
    lastByKey = byKey;
  }
  const byUnit = (lastByKey[domain] ??= Object.create(null));
  const byMeasure = (byUnit[unit] ??= Object.create(null));
  return (byMeasure[measure] ??= buildPhrasings(catalog, unit, measure, domain));
}

function buildPhrasings(catalog: Indicator[], unit: Unit, measure: Measure, domain: Domain): Phrasings {
  const list: Phrasing[] = [];
  const units = COMPATIBLE[unit] ?? [unit];
  for (const ind of catalog) {
    if (ind.domain !== domain || ind.measure !== measure || (ind.unit !== unit && !units.includes(ind.unit))) continue;
    for (const alt of ind.keywords) list.push({ id: ind.id, words: alt, bonus: ind.unit === unit ? 0.5 : 0 });
  }
  return { list, firstCodes: Uint16Array.from(list, (alt) => alt.words[0].charCodeAt(0)) };
}

/** The characters of the label and item catalogIndicator is reading: seenChars[c] === seenStamp. */
// Four bytes a character, so that the stamps never wrap in a run (a byte's did every 255 calls): clearing the table
// at a wrap was the one branch first taken after catalogIndicator was optimised, and the clearing on a first call
// meant to prevent that ran before V8 gathers type feedback, so each worker still threw the code away once.
const seenChars = new Uint32Array(65536);
let seenStamp = 0;

/**
 * The catalog indicator whose phrasings best match the figure's own phrase (its label, then the words of its
 * item: label + "|" + item, passed in two parts so that it is never joined), or "" when none fits.
 */
export function catalogIndicator(label: string, item: string, unit: Unit, measure: Measure, domain: Domain, catalog: Indicator[]): string {
  const { list: alts, firstCodes } = phrasingsFor(catalog, unit, measure, domain);
  if (!alts.length) return "";
  // Most keywords are absent: one whose first character is in neither string is ruled out without a search.
  if (++seenStamp === 0x7fffffff) {
    seenChars.fill(0);
    seenStamp = 1;
  }
  for (let i = 0; i < label.length; i++) seenChars[label.charCodeAt(i)] = seenStamp;
  for (let i = 0; i < item.length; i++) seenChars[item.charCodeAt(i)] = seenStamp;
  let best = "";
  let bestScore = 0;
  for (let j = 0; j < firstCodes.length; j++) {
    if (seenChars[firstCodes[j]] !== seenStamp) continue;
    const alt = alts[j];
    let score = 0;
    for (const w of alt.words) {
      // Keywords come from a "|"-separated list, so none spans the "|" between label and item.
      if (seenChars[w.charCodeAt(0)] !== seenStamp || (!label.includes(w) && !item.includes(w))) { score = -1; break; }
      score += w.length;
    }
    if (score <= 0) continue;
    score += alt.bonus;
    if (score > bestScore) { bestScore = score; best = alt.id; }
  }
  return best;
}
