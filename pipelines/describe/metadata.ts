// Title, agency, publication date, report year and period, from the header, the title and the first lines.
// The rules' patterns live in data/reference/describe-metadata.json.
import type { CleanText, Period } from "../types.ts";
import { trailingDateAt } from "../text/dates.ts";
import { escapeRegExp, includesAny, sentenceAround } from "../text/words.ts";

export interface MetadataReference {
  agency: RegExp; // global; group 1 = the bureau
  /** Right after / right before a bureau in the body: it leads or guides the author, it is not the author. */
  notAuthorAfter: RegExp;
  /** Words of a page that reposts a text a user uploaded (来源于网友上传): its date is the upload's. */
  repostMarkers: string[];
  /** The brackets of a cited document's title (《》): a bureau inside one is not the author. */
  citedTitle: [string, string];
  notAuthorBefore: RegExp;
  /** A bureau named as the one whose documents the text follows (按照…文件精神): describe-metadata.json agency_names.instruction. */
  instruction: RegExp | null;
  instructionAfter: RegExp | null;
  titleMax: number;
  titleKind: RegExp;
  /** Document kinds a line ending in the page's date may be too (…的通知 ( 2025-01-27 )). */
  datedTitleKind: RegExp | null;
  sectionNumber: RegExp;
  review: RegExp;
  /** `review` with a blanked year (20xx年) in place of the year. */
  placeholderReview: RegExp;
  /** A first sentence opening on a blanked year (20xx年,在镇党委…): the report year is unknown, whatever the page's date. */
  placeholderFirstSentence: RegExp;
  firstSentence: RegExp;
  /** A statistical bulletin's title (describe-metadata.json report_year.bulletin). */
  bulletin: RegExp | null;
  /** Where a first sentence ends (describe-metadata.json report_year.sentence_end). */
  sentenceEnd: string;
  /** Year-end words (年底, 年末) of a first sentence that gives the report year only when the text has no date. */
  stockMarks: string[];
  plan: RegExp;
  /** Report phrases (工作报告) that may look back on the year before the one they name (report_year.looks_back). */
  looksBack: string[];
  /** The plan a text works to, named in its opening with a lead-in (结合我镇2012年民政工作要点): plan_mention. */
  planMention: RegExp | null;
  /** Words of an opening that looks ahead or to a five-year plan, where plan_mention is not read (明年, 十四五). */
  planMentionNotWith: string[];
  /** Words in its sentence that keep a paragraph's one year from being the report's (以来, 将, 此后, 被评为). */
  paragraphYearNotWith: string[];
  /** A clause opening on a year and a comma (…获悉,2020年,…), global: the years a page-dated text looks back on. */
  pageYearFrame: RegExp | null;
  /** A clause opening on 去年 (获悉,去年宝鸡市发放…): the year before the page's, framed (global). */
  pageLastYearFrame: RegExp | null;
  /** A clause opening on 今年, 一季度, 1-3月…: the page's own year, framed (global). */
  pageThisYearFrame: RegExp | null;
  /** Words that keep a framing clause from counting (plans for the page's year; awards or starts for the year before). */
  pageFramePlanWords: string[];
  pageFrameNotPastWords: string[];
  pageFrameSinceWords: string[];
  pageFrameSinceMaxMonth: number;
  /** A sentence opening on a finished five-year period (“十三五”期间,): group 1 names it; its last year by name. */
  periodReview: RegExp | null;
  periodReviewEndYears: Map<string, number>;
  /** Periods whose page-dated text keeps the page's year (a first quarter or half). */
  pageFramePeriodsKept: string[];
  headingLines: number;
  minYear: number;
  periods: Array<{ re: RegExp; period: Period }>;
  /** A period word opening the text or its first heading (group 1); looked for in the first openingChars characters. */
  openingPeriod: RegExp;
  openingChars: number;
  /** A period word in a title's report phrase that names no year (group 1), read before titleTail. */
  titlePeriod: RegExp;
  titleTail: RegExp;
  publishedFields: string[];
  /** One of publishedFields with its value inside a line of the opening (…社会救助 作者:曹志杰 时间:2014-01-22 次数:149). */
  publishedInline: RegExp | null;
  /** Header fields naming the agency, and source fields that do when they hold nothing but a bureau. */
  agencyFields: string[];
  sourceFields: string[];
  /** Longest first. */
  generalOffices: string[];
  /** A bare level character before a bureau (区民政局), and the characters that make a bureau's name placed. */
  levelChars: Set<string>;
  placeChars: string[];
  titleMetaFields: string[];
  titleFields: string[];
  titleContinuation: RegExp;
  /** Any year named (global). */
  yearMention: RegExp;
  yearDigits: Record<string, string>;
  /** Four Chinese year digits standing as a year (global). */
  chineseYear: RegExp;
  yearChar: string;
  ten: string;
  date: RegExp;
  dateLine: RegExp;
  dateLineMax: number;
  dayFirstLine: RegExp;
  regionHints: {
    agencyLevel: RegExp;
    provinceBureau: RegExp;
    selfReference: RegExp;
    selfLevels: string[];
    selfChars: number;
    selfMin: number;
    selfRatio: number;
    indexNumberField: string;
  };
}

interface RawMetadata {
  agency_names: { names: string[]; not_author_after: string; not_author_before: string; instruction?: string; instruction_after?: string; cited_title?: string; header_fields: string[]; source_fields: string[]; general_offices?: string[]; level_chars: string; place_chars: string };
  title: { max_chars: number; kind: string; dated_kind?: string; section_number: string; meta_fields: string[]; header_fields: string[]; continuation: string };
  report_year: { review: string; bulletin?: string; first_sentence: string; sentence_end?: string; stock_marks?: string[]; plan: string; plan_mention?: string; plan_mention_not_with?: string[]; paragraph_year_not_with?: string[]; page_year_frame?: string; page_last_year_frame?: string; page_this_year_frame?: string; page_frame_plan_words?: string[]; page_frame_not_past_words?: string[]; page_frame_since_words?: string[]; page_frame_since_max_month?: number; page_frame_periods_kept?: string[]; period_review?: string; period_review_end_years?: Record<string, number>; looks_back?: string[]; heading_lines: number; min_year: number; placeholder: string; mention: string };
  period: { rules: Array<[string, Period]>; opening: string; opening_chars: number; title: string; title_tail: string };
  dates: { year_digits: Record<string, string>; chinese_year: string; year_char: string; ten: string; date: string; date_line: string; date_line_max: number; day_first_line: string };
  region_hints: {
    agency_level: string; province_bureau: string; self_reference: string; self_levels: string[];
    self_chars: number; self_min: number; self_ratio: number; index_number_field: string;
  };
  published: { header_fields: string[]; inline_not?: string[]; inline_range_after?: string; repost_markers?: string[] };
}

const YEAR = "((?:19|20)\\d{2})";

/**
 * One of the published fields with its date (dates.date, whole as group 1), inside a line (after a space or a number:
 * 次数:149发布时间:…), not the start of a range (published.inline_range_after).
 */
function inlineFields(p: RawMetadata["published"], date: string): RegExp | null {
  const fields = p.header_fields.filter((f) => !(p.inline_not ?? []).includes(f));
  if (!fields.length) return null;
  const notRange = p.inline_range_after ? `(?!${p.inline_range_after})` : "";
  return new RegExp(`(?:^|\\s|(?<=\\d))(?:${fields.map(escapeRegExp).join("|")})\\s*[:：]\\s*(${date.replace(/YEAR/g, YEAR_ANY)})(?!\\d)${notRange}`);
}

/** A year without a group of its own, for patterns that capture a whole date. */
const YEAR_ANY = "(?:19|20)\\d{2}";

export function compileMetadata(json: unknown): MetadataReference {
  const raw = json as RawMetadata;
  const names = [...raw.agency_names.names].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
  const y = (p: string, flags = "") => new RegExp(p.replace(/YEAR/g, YEAR), flags);
  return {
    agency: new RegExp(`(${names})`, "g"),
    notAuthorAfter: new RegExp(raw.agency_names.not_author_after),
    repostMarkers: raw.published.repost_markers ?? [],
    citedTitle: [raw.agency_names.cited_title?.[0] ?? "\uFFFF", raw.agency_names.cited_title?.[1] ?? "\uFFFF"],
    notAuthorBefore: new RegExp(raw.agency_names.not_author_before),
    instruction: raw.agency_names.instruction ? new RegExp(raw.agency_names.instruction) : null,
    instructionAfter: raw.agency_names.instruction_after ? new RegExp(raw.agency_names.instruction_after) : null,
    titleMax: raw.title.max_chars,
    titleKind: new RegExp(raw.title.kind),
    datedTitleKind: raw.title.dated_kind ? new RegExp(raw.title.dated_kind) : null,
    sectionNumber: new RegExp(raw.title.section_number),
    review: y(raw.report_year.review),
    placeholderReview: new RegExp(raw.report_year.review.replace(/YEAR/g, `(${raw.report_year.placeholder})`)),
    placeholderFirstSentence: new RegExp(raw.report_year.first_sentence.replace(/YEAR/g, `(${raw.report_year.placeholder})`)),
    firstSentence: y(raw.report_year.first_sentence),
    bulletin: raw.report_year.bulletin ? y(raw.report_year.bulletin) : null,
    sentenceEnd: raw.report_year.sentence_end ?? "。",
    stockMarks: raw.report_year.stock_marks ?? [],
    plan: y(raw.report_year.plan),
    planMention: raw.report_year.plan_mention ? y(raw.report_year.plan_mention) : null,
    planMentionNotWith: raw.report_year.plan_mention_not_with ?? [],
    paragraphYearNotWith: raw.report_year.paragraph_year_not_with ?? [],
    pageYearFrame: raw.report_year.page_year_frame ? y(raw.report_year.page_year_frame, "g") : null,
    pageLastYearFrame: raw.report_year.page_last_year_frame ? new RegExp(raw.report_year.page_last_year_frame, "g") : null,
    pageThisYearFrame: raw.report_year.page_this_year_frame ? new RegExp(raw.report_year.page_this_year_frame, "g") : null,
    pageFramePlanWords: raw.report_year.page_frame_plan_words ?? [],
    pageFrameNotPastWords: raw.report_year.page_frame_not_past_words ?? [],
    pageFrameSinceWords: raw.report_year.page_frame_since_words ?? [],
    pageFrameSinceMaxMonth: raw.report_year.page_frame_since_max_month ?? 0,
    pageFramePeriodsKept: raw.report_year.page_frame_periods_kept ?? [],
    periodReview: raw.report_year.period_review ? new RegExp(raw.report_year.period_review) : null,
    periodReviewEndYears: new Map(Object.entries(raw.report_year.period_review_end_years ?? {})),
    looksBack: raw.report_year.looks_back ?? [],
    headingLines: raw.report_year.heading_lines,
    minYear: raw.report_year.min_year,
    periods: raw.period.rules.map(([p, period]) => ({ re: new RegExp(p), period })),
    openingPeriod: new RegExp(raw.period.opening),
    titlePeriod: new RegExp(raw.period.title),
    titleTail: new RegExp(raw.period.title_tail),
    openingChars: raw.period.opening_chars,
    publishedFields: raw.published.header_fields,
    agencyFields: raw.agency_names.header_fields,
    sourceFields: raw.agency_names.source_fields,
    generalOffices: [...(raw.agency_names.general_offices ?? [])].sort((a, b) => b.length - a.length),
    levelChars: new Set(raw.agency_names.level_chars),
    placeChars: [...raw.agency_names.place_chars],
    titleMetaFields: raw.title.meta_fields,
    titleFields: raw.title.header_fields,
    titleContinuation: new RegExp(raw.title.continuation),
    yearMention: y(raw.report_year.mention, "g"),
    yearDigits: raw.dates.year_digits,
    chineseYear: new RegExp(raw.dates.chinese_year, "g"),
    yearChar: raw.dates.year_char,
    ten: raw.dates.ten,
    date: y(raw.dates.date),
    dateLine: new RegExp(raw.dates.date_line),
    dateLineMax: raw.dates.date_line_max,
    dayFirstLine: new RegExp(raw.dates.day_first_line),
    // (after the dates it is built from, so a file without them names the section missing)
    publishedInline: inlineFields(raw.published, raw.dates.date),
    regionHints: {
      agencyLevel: new RegExp(raw.region_hints.agency_level),
      provinceBureau: new RegExp(raw.region_hints.province_bureau),
      selfReference: new RegExp(raw.region_hints.self_reference, "g"),
      selfLevels: raw.region_hints.self_levels,
      selfChars: raw.region_hints.self_chars,
      selfMin: raw.region_hints.self_min,
      selfRatio: raw.region_hints.self_ratio,
      indexNumberField: raw.region_hints.index_number_field,
    },
  };
}

/** 二〇二三年 → 2023年 (same length, so positions agree); describe-metadata.json dates. */
export function arabicYears(s: string, ref: MetadataReference): string {
  const digits = ref.yearDigits;
  // chineseYear can only match right before a year character: most strings have none, or none with four digits before it
  let at = s.indexOf(ref.yearChar, 4);
  while (at >= 0 && !(digits[s[at - 1]] && digits[s[at - 2]] && digits[s[at - 3]] && digits[s[at - 4]])) at = s.indexOf(ref.yearChar, at + 1);
  if (at < 0) return s;
  return s.replace(ref.chineseYear, (m) => {
    const d = [...m].map((c) => digits[c] ?? c).join("");
    return /^(19|20)\d\d$/.test(d) ? d : m;
  });
}

/** 15 or 十五, 二十一, 三十 → number (up to 99). */
function smallNumber(s: string, ref: MetadataReference): number {
  if (/^\d+$/.test(s)) return Number(s);
  const d = (c: string | undefined) => (c ? Number(ref.yearDigits[c] ?? NaN) : NaN);
  const i = s.indexOf(ref.ten);
  if (i < 0) return d(s[0]);
  const tens = i === 0 ? 1 : d(s[0]);
  const ones = i === s.length - 1 ? 0 : d(s[i + 1]);
  return tens * 10 + ones;
}

/** A date written 2024-01-30, 2024年1月30日, 2024/1/30, 2024.01.30 → ISO, or "". */
export function isoDate(s: string, ref: MetadataReference): string {
  const m = ref.date.exec(arabicYears(s, ref));
  if (!m) return "";
  const [y, mo, d] = [Number(m[1]), smallNumber(m[2], ref), smallNumber(m[3], ref)];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return ""; // 31.02 is no date
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** The first lines of the body, trimmed, non-empty. */
export function firstLines(text: string, n: number): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < n && pos < text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, Math.min(nl, pos + 2000)).trim();
    if (line) out.push(line);
    pos = nl + 1;
  }
  return out;
}

export function isTitleLike(line: string, ref: MetadataReference): boolean {
  return (
    line.length >= 6 &&
    line.length <= ref.titleMax &&
    !/[。；;]/.test(line) &&
    !/[,，]/.test(line.slice(0, -1)) &&
    !ref.sectionNumber.test(line) &&
    (ref.titleKind.test(line) || isDatedDocumentTitle(line, ref))
  );
}

/** …任务指标的通知 ( 2025-01-27 ): a notice's title with the page's date after it (describe-metadata.json title.dated_kind). */
function isDatedDocumentTitle(line: string, ref: MetadataReference): boolean {
  if (ref.datedTitleKind === null) return false;
  const at = trailingDateAt(line, ref.dateLine);
  return at > 0 && ref.datedTitleKind.test(line.slice(0, at).trimEnd());
}

const BREADCRUMB = /\s*[>＞»›]\s*/;

/** A page title carries the site's name too (`…工作总结_常州市天宁区人民政府`, `… - 民政局`): keep the part that says what the report is. */
export function pageTitle(hint: string, ref: MetadataReference): string {
  const dated = trailingDateAt(hint, ref.dateLine);
  if (dated > 0) hint = hint.slice(0, dated).trimEnd();
  // a breadcrumb (找总结网 > 工作总结 > 年度工作总结 > 民政局2019年工作总结): the last step is the page itself
  const steps = hint.split(BREADCRUMB);
  if (steps.length >= 3 && ref.titleKind.test(steps[steps.length - 1])) hint = steps[steps.length - 1];
  const parts = hint.split(/\s*[_|｜]\s*|\s+[-－—–]+\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return hint.trim();
  return parts.find((p) => ref.titleKind.test(p)) ?? parts[0];
}

const FILE_EXT = /\.(docx?|pdf|wps|txt|pptx?|xlsx?)$/i;

export function findTitle(clean: CleanText, fileName: string, lines: string[], ref: MetadataReference): string {
  // a portal's ArticleTitle meta tag is the bare title; <title> and file names come next
  for (const k of ref.titleMetaFields) if (clean.header[k]) return clean.header[k];
  if (clean.titleHint) return pageTitle(clean.titleHint, ref);
  for (const k of ref.titleFields) if (clean.header[k]) return clean.header[k];
  for (let i = 0; i < Math.min(3, lines.length); i++) {
    if (!isTitleLike(lines[i], ref)) continue;
    // a title broken over two lines: the agency above the report kind (宁波市民政局 / 2023年工作总结)
    const prev = i > 0 ? lines[i - 1] : "";
    let line = pageTitle(lines[i], ref).replace(FILE_EXT, "");
    // …2020年度工作总结 / 及2021年工作重点: the second half of a title broken before its conjunction
    const next = i + 1 < lines.length ? lines[i + 1] : "";
    if (ref.titleContinuation.test(next) && next.length <= 30 && !/[。，,；;：:]/.test(next) && line.length + next.length <= ref.titleMax) line += next;
    // only a line that is nothing but the bureau (place + 民政局) is the first half of the title
    if (prev && prev.length <= 30 && !/[。，,；;：:]/.test(prev) && agencyMatches(prev, ref, prev.length).some((m) => m.at + m.prefix.length + m.name.length === prev.length)) return prev + line;
    return line;
  }
  // Below a site's menus and banners (会员登录…, 公文搜网…, a section name): a later line that reads as a title.
  for (let i = 3; i < Math.min(8, lines.length); i++) {
    if (isTitleLike(lines[i], ref)) return pageTitle(lines[i], ref).replace(FILE_EXT, "");
  }
  const stem = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, "").replace(/\.(docx?|pdf|wps|txt)$/i, "");
  if (/[\u4e00-\u9fff]{4}/.test(stem) && ref.titleKind.test(stem)) return stem;
  return "";
}

const plausible = (y: number, ref: MetadataReference, maxYear: number) => y >= ref.minYear && y <= maxYear;

/** How far into a first line run together with its title the report phrase may start (after the bureau's name). */
const GLUED_TITLE_START = 16;
/** A line longer than this is a paragraph of the report, not a title, heading or page furniture. */
const HEADING_MAX_CHARS = 40;

export function findReportYear(
  title: string,
  lines: string[],
  opening: string,
  publishedYear: number | null,
  ref: MetadataReference,
): { year: number | null; from: string } {
  const maxYear = publishedYear ? publishedYear + 1 : 2100;
  const t = arabicYears(title, ref);
  let from = "";
  const tryRe = (re: RegExp, s: string) => {
    const m = re.exec(s);
    if (!m || !plausible(Number(m[1]), ref, maxYear)) return null;
    from = m[0];
    return Number(m[1]);
  };
  let y = tryRe(ref.review, t) ?? (ref.bulletin ? tryRe(ref.bulletin, t) : null);
  const heads = lines.slice(0, ref.headingLines).map((l) => arabicYears(l, ref));
  if (y) {
    // 2018年海珠区民政工作报告 over 一、2017年工作推进落实情况: a work report given early in a year looks back on the
    // year before, as its first review heading says (report_year.looks_back)
    const looksBack = (phrase: string) => ref.looksBack.some((w) => phrase.endsWith(w));
    if (looksBack(from)) {
      const review = heads.filter((h) => h.length <= HEADING_MAX_CHARS && h !== t).map((h) => ref.review.exec(h)).find((m) => m !== null);
      if (review && Number(review[1]) === y - 1 && !looksBack(review[0])) return { year: y - 1, from: review[0] };
    }
    return { year: y, from };
  }
  for (const h of heads) {
    if (h.length > HEADING_MAX_CHARS) continue;
    y = tryRe(ref.review, h);
    if (y) return { year: y, from };
  }
  // a title run into the first paragraph (民政局2021年一季度工作小结在区委、区政府的领导下,…): the phrase opening it
  // (opening the line or right after a bureau's name: not 根据…《关于报送2022年度工作总结的通知》, 召开2022年度工作总结会)
  const lead = heads.length && heads[0].length > HEADING_MAX_CHARS ? heads[0].slice(0, HEADING_MAX_CHARS) : "";
  const at = lead ? (ref.review.exec(lead)?.index ?? -1) : -1;
  if (at >= 0 && at <= GLUED_TITLE_START && (at === 0 || agencyMatches(lead.slice(0, at), ref, at).some((m) => m.at + m.prefix.length + m.name.length === at))) {
    y = tryRe(ref.review, lead);
    if (y) return { year: y, from };
  }
  // the first three lines, and the first paragraph when page furniture (a newspaper's navigation) stands before it
  const firstParagraph = heads.find((h) => h.length > HEADING_MAX_CHARS);
  const openers = heads.slice(0, 3);
  if (firstParagraph !== undefined && !openers.includes(firstParagraph)) openers.push(firstParagraph);
  for (const h of openers) {
    // an untitled text (a news snippet) that opens on its paragraph: a year-less lead-in may come before the period
    y = tryRe(ref.firstSentence, h) ?? (h === heads[0] && h.length > HEADING_MAX_CHARS ? tryRe(ref.firstSentence, afterYearlessLead(h, ref)) : null);
    // 2023年底,全区户籍老年人口…: a stock at a year's end opens the next year's reports too; only a text without a
    // date of its own is taken to be that year's
    if (y && publishedYear !== null && ref.stockMarks.some((w) => from.includes(w))) y = null;
    if (y) return { year: y, from };
  }
  y = tryRe(ref.plan, t);
  if (y) return { year: y, from };
  // the year the opening of the text keeps coming back to (at least twice, and clearly more than any other)
  const counts = new Map<number, number>();
  for (const m of arabicYears(opening, ref).matchAll(ref.yearMention)) {
    const v = Number(m[1]);
    if (plausible(v, ref, maxYear)) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (ranked.length && ranked[0][1] >= 2 && (ranked.length === 1 || ranked[0][1] >= 2 * ranked[1][1])) return { year: ranked[0][0], from: "" };
  // the one year an undated opening names, as the year of the plan the text works to (结合我镇2012年民政工作要点): see
  // plan_mention_readme; the period is left to the title or the opening
  // (both: an undated opening naming one year, once)
  const oneYearOnce = publishedYear === null && ranked.length === 1 && ranked[0][1] === 1;
  if (ref.planMention && oneYearOnce) {
    const text = arabicYears(opening, ref);
    const m = ref.planMention.exec(text);
    // (each alternative of the pattern has a year group of its own; the sentence must not look ahead: 谋划, 明年, 十四五)
    if (m && Number(m.slice(1).find((g) => g !== undefined)) === ranked[0][0]) {
      // the year's own sentence (a period named bare may stand sentences before it)
      const sentence = sentenceAround(text, m.index + m[0].lastIndexOf(String(ranked[0][0])), ref.sentenceEnd);
      if (!ref.planMentionNotWith.some((w) => sentence.includes(w))) return { year: ranked[0][0], from: "" };
    }
  }
  // the one year an undated opening names, once, opening a paragraph of its first lines as a report's first sentence
  // does (2020年度,西湖民政工作在社会救助…狠下功夫: a news page's title, a caption and a lead come first)
  if (oneYearOnce) {
    for (const h of heads) {
      if (h.length <= HEADING_MAX_CHARS) continue; // a paragraph, not a short line of page furniture
      const m = ref.firstSentence.exec(h);
      if (!m || Number(m[1]) !== ranked[0][0] || ref.stockMarks.some((w) => m[0].includes(w)) || !/[,，]$/.test(m[0])) continue;
      // not history, a start or an outlook (2015年,该中心被评为…; 2024年,我局将…)
      const end = h.indexOf(ref.sentenceEnd);
      if (!includesAny(end < 0 ? h : h.slice(0, end), ref.paragraphYearNotWith)) return { year: ranked[0][0], from: m[0] };
    }
  }
  // “十三五”期间,全市民政系统…: an undated review of a finished five-year period reports on its last year
  if (ref.periodReview !== null && publishedYear === null) {
    const m = ref.periodReview.exec(opening);
    const end = m ? ref.periodReviewEndYears.get(m[1]) : undefined;
    if (m && end !== undefined && !includesAny(sentenceAround(opening, m.index + m[0].length, ref.sentenceEnd), ref.pageFramePlanWords)) return { year: end, from: "" };
  }
  // 20xx年工作总结: the year was blanked on purpose; the phrase still says what period it covers
  for (const h of [t, ...heads.filter((x) => x.length <= HEADING_MAX_CHARS)]) {
    const m = ref.placeholderReview.exec(h);
    if (m) return { year: null, from: m[0] };
  }
  for (const h of heads.slice(0, 3)) {
    const m = ref.placeholderFirstSentence.exec(h);
    if (m) return { year: null, from: m[0] };
  }
  // A page that says it reposts what a user uploaded dates the upload, not the report.
  if (publishedYear && !ref.repostMarkers.some((w) => opening.includes(w))) return { year: publishedYear, from: "" };
  return { year: null, from: "" };
}

/** What follows a first sentence that names no year (a lead-in about the place), or "" (see second_sentence_readme). */
function afterYearlessLead(paragraph: string, ref: MetadataReference): string {
  const end = paragraph.indexOf(ref.sentenceEnd);
  if (end < 0) return "";
  // yearMention is global: test() moves its lastIndex, which matchAll elsewhere would start from
  ref.yearMention.lastIndex = 0;
  const named = ref.yearMention.test(paragraph.slice(0, end));
  ref.yearMention.lastIndex = 0;
  return named ? "" : paragraph.slice(end + ref.sentenceEnd.length).trimStart();
}

/** The period of the phrase the report year was read from (`2021年上半年工作总结` → H1); rules in order, first hit wins. */
export function findPeriod(source: string, year: number | null, ref: MetadataReference, text = "", title = ""): Period {
  for (const { re, period } of ref.periods) if (re.test(source)) return period;
  // a title whose report phrase names a period but no year (民政局上半年工作总结: the year came from elsewhere)
  const tail = ref.titleTail.exec(title);
  const t = source ? null : ref.titlePeriod.exec(tail ? title.slice(0, tail.index) : title);
  if (t) for (const { re, period } of ref.periods) if (re.test(t[1])) return period;
  // the phrase says nothing (or there is none): a text that opens on 上半年 / 一、上半年工作总结 covers that half
  const m = ref.openingPeriod.exec(text.length > ref.openingChars ? text.slice(0, ref.openingChars) : text);
  if (m) for (const { re, period } of ref.periods) if (re.test(m[1])) return period;
  // a year, or a report phrase without one (20xx年工作总结, 县民政局工作总结与工作安排) that names no shorter period
  return year || source ? "annual" : "";
}

export function findPublished(clean: CleanText, lines: string[], ref: MetadataReference): string {
  for (const f of ref.publishedFields) {
    const v = clean.header[f];
    if (v) {
      const d = isoDate(v, ref);
      if (d) return d;
    }
  }
  // a line that is only a date (the signature date at the end of a report)
  const tail = lastLines(clean.text, 5);
  // …的通知 ( 2025-01-27 ): the page's date after its title
  const dated = lines.length ? trailingDateAt(lines[0], ref.dateLine) : -1;
  if (dated > 0) {
    const d = isoDate(lines[0].slice(dated), ref);
    if (d) return d;
  }
  for (const line of [...tail, ...lines.slice(0, 5)]) {
    if (line.length > ref.dateLineMax) continue;
    if (ref.dateLine.test(line)) {
      const d = isoDate(line, ref);
      if (d) return d;
    }
    const dayFirst = lines.slice(0, 3).includes(line) ? ref.dayFirstLine.exec(line) : null;
    if (dayFirst) {
      const d = isoDate(`${dayFirst[3]}-${dayFirst[2]}-${dayFirst[1]}`, ref);
      if (d) return d;
    }
  }
  // a field inside a line of the opening, not a sentence: a title and its page's fields run together (… 作者:曹志杰
  // 时间:2014-01-22 次数:149)
  if (ref.publishedInline !== null) {
    for (const line of lines.slice(0, 3)) {
      const m = line.includes("。") ? null : ref.publishedInline.exec(line);
      const d = m ? isoDate(m[1], ref) : "";
      if (d) return d;
    }
  }
  return "";
}

function lastLines(text: string, n: number): string[] {
  const out: string[] = [];
  let end = text.length;
  while (out.length < n && end > 0) {
    const nl = text.lastIndexOf("\n", end - 1);
    const line = text.slice(Math.max(nl + 1, end - 2000), end).trim();
    if (line) out.push(line);
    end = nl < 0 ? 0 : nl;
  }
  return out;
}

/** Agencies named in a text: the bureau and the Han characters (up to 14) before it. The caller decides how much of the prefix is a place. */
export function agencyMatches(text: string, ref: MetadataReference, limit: number): Array<{ prefix: string; name: string; at: number }> {
  const re = ref.agency;
  re.lastIndex = 0;
  const out: Array<{ prefix: string; name: string; at: number }> = [];
  const s = text.length > limit ? text.slice(0, limit) : text;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    let a = m.index;
    while (a > 0 && m.index - a < 14) {
      const c = s.charCodeAt(a - 1);
      if (c < 0x4e00 || c > 0x9fff) break;
      a--;
    }
    out.push({ prefix: s.slice(a, m.index), name: m[1], at: a });
  }
  return out;
}
