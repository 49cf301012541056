// Describe: what a document is (title, agency, dates, year, period) and where it is from (region).
import { compileReferenceJson } from "../reference-json.ts";
import type { CleanText, DocumentDescription, Region } from "../types.ts";
import { findFull, findShort, loadGazetteer, type Gazetteer } from "./gazetteer.ts";
import {
  agencyMatches,
  compileMetadata,
  findPeriod,
  findPublished,
  findReportYear,
  findTitle,
  firstLines,
  type MetadataReference,
} from "./metadata.ts";
import { includesAny } from "../text/words.ts";
import { inferRegion, namedAsOtherAt } from "./region.ts";

export interface DescribeReference {
  gazetteer: Gazetteer;
  metadata: MetadataReference;
}

export function loadDescribeReference(dir: string): DescribeReference {
  return {
    gazetteer: loadGazetteer(dir),
    metadata: compileReferenceJson(dir, "describe-metadata.json", compileMetadata),
  };
}

/** The place part of what precedes a bureau name: the run of place names ending right before it, or a bare 市/区/县. */
function agencyPlace(prefix: string, gz: Gazetteer, md: MetadataReference): string {
  const mentions = [...findFull(prefix, gz), ...findShort(prefix, gz)];
  // Back from the bureau name, the longest mention ending where the run so far starts: 孝丰镇 rather than the
  // short name 丰镇 (丰镇市) inside it, so 湖州市安吉县孝丰镇 stays whole.
  let start = prefix.length;
  for (;;) {
    let from = -1;
    for (const m of mentions) if (m.at + m.text.length === start && (from < 0 || m.at < from)) from = m.at;
    if (from < 0) break;
    start = from;
  }
  if (start < prefix.length) return prefix.slice(start);
  const last = prefix.slice(-1);
  return md.levelChars.has(last) ? last : "";
}

function findAgency(clean: CleanText, title: string, ref: DescribeReference): string {
  const md = ref.metadata;
  for (const k of md.agencyFields) if (clean.header[k]) return clean.header[k];
  // 来源 is a bureau on government portals, a newspaper elsewhere: only a bureau counts
  for (const k of md.sourceFields) {
    const v = clean.header[k];
    const m = v ? agencyMatches(v, ref.metadata, v.length)[0] : undefined;
    if (m && m.at + m.prefix.length + m.name.length === v!.length) return v!;
  }
  const inTitle = agencyMatches(title, ref.metadata, title.length)[0];
  const titleAgency = inTitle ? agencyPlace(inTitle.prefix, ref.gazetteer, md) + inTitle.name : "";
  // A title naming the bureau without its place (民政局2019年第三季度工作总结) leaves the signature to say whose it is.
  if (inTitle && titleAgency !== inTitle.name) return titleAgency;
  // the bureau the body names most often (ties: the earliest)
  const counts = new Map<string, { n: number; at: number }>();
  for (const m of agencyMatches(clean.text, md, 200_000)) {
    const place = agencyPlace(m.prefix, ref.gazetteer, md);
    const name = place + m.name;
    // 在省民政厅的指导下, 上级民政部门: the bureau that guides the author
    const end = m.at + m.prefix.length + m.name.length;
    const start = end - name.length;
    // 与海安民政局签订…, 新会区民政局来我区考察交流: a partner or visitor (region.ts namedAsOtherAt)
    if (md.notAuthorAfter.test(clean.text.slice(end, end + 8)) || md.notAuthorBefore.test(clean.text.slice(Math.max(0, start - 2), start)) || namedAsOtherAt(clean.text, start, ref.gazetteer)) continue;
    // 按照《广州市民政局 …关于…的通知》: inside a cited document's title
    if (clean.text.lastIndexOf(md.citedTitle[0], start) > clean.text.lastIndexOf(md.citedTitle[1], start)) continue;
    // 按照湖南省统计局、湖南省人力资源和社会保障局…文件精神: whose documents the author follows
    if (md.instruction?.test(clean.text.slice(Math.max(0, start - 40), start)) && md.instructionAfter?.test(clean.text.slice(end, end + 40))) continue;
    if (name === m.name && !includesAny(name, md.placeChars)) continue; // a bare 民政局 says little
    const c = counts.get(name);
    if (c) c.n++;
    else counts.set(name, { n: 1, at: m.at });
  }
  let best = "";
  let top = { n: 0, at: Infinity };
  for (const [name, c] of counts) if (c.n > top.n || (c.n === top.n && c.at < top.at)) [best, top] = [name, c];
  return best || titleAgency || generalOffice(clean, md);
}

/** A source field that is a place's general office (来源:果洛州政府办), the last resort for the agency; else "". */
function generalOffice(clean: CleanText, md: MetadataReference): string {
  for (const k of md.sourceFields) {
    const v = clean.header[k]?.trim();
    const office = v ? md.generalOffices.find((o) => v.endsWith(o)) : undefined;
    if (office && v!.length > office.length && includesAny(v!.slice(0, -office.length), md.placeChars)) return v!;
  }
  return "";
}

/** The level a text speaks of itself at (我市, 全区 …), when one clearly dominates in its opening; else "" (describe-metadata.json region_hints). */
function selfLevel(text: string, hints: MetadataReference["regionHints"]): string {
  const counts = new Map<string, number>(hints.selfLevels.map((l) => [l, 0]));
  for (const m of (text.length > hints.selfChars ? text.slice(0, hints.selfChars) : text).matchAll(hints.selfReference)) {
    const n = counts.get(m[1]);
    if (n !== undefined) counts.set(m[1], n + 1);
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  if (!ranked.length) return "";
  const next = ranked[1]?.[1] ?? 0;
  return ranked[0][1] >= hints.selfMin && ranked[0][1] >= hints.selfRatio * next ? ranked[0][0] : "";
}

/**
 * A text dated only by its page (the year came from the publication date) looks back on the year before when the page
 * is of that next year's first half and the text is of a second half or fourth quarter (下半年工作总结 published
 * 2024-01-15), or its opening frames the year before and not the page's (2021-01-21: …获悉,2020年,全省…).
 */
function yearOfPageDatedText(year: number | null, period: string, published: string, opening: string, md: MetadataReference): number | null {
  const pageYear = published ? Number(published.slice(0, 4)) : null;
  const pageMonth = published ? Number(published.slice(5, 7)) : 13;
  if (year === null || year !== pageYear || pageMonth > 6) return year;
  if (period === "H2" || period === "Q4") return year - 1;
  if (md.pageYearFrame === null || md.pageFramePeriodsKept.includes(period)) return year;
  // the clause a frame opens (to its sentence's end): what it says decides whether it frames
  const clauseAt = (at: number) => {
    const rest = opening.slice(at, at + 200);
    const end = rest.search(/[。；;！？\n]/);
    return end < 0 ? rest : rest.slice(0, end);
  };
  const pastFrame = (clause: string) => !includesAny(clause, md.pageFrameNotPastWords) && (pageMonth <= md.pageFrameSinceMaxMonth || !includesAny(clause, md.pageFrameSinceWords));
  let lastYear = false;
  let thisYear = false;
  for (const m of opening.matchAll(md.pageYearFrame)) {
    const y = Number(m[1]);
    const clause = clauseAt(m.index + m[0].length);
    // 2023年,全县民政系统将聚焦…: a plan for the page's year is no record of it
    if (y === year && !includesAny(clause, md.pageFramePlanWords)) thisYear = true;
    else if (y === year - 1 && pastFrame(clause)) lastYear = true;
  }
  if (md.pageLastYearFrame) for (const m of opening.matchAll(md.pageLastYearFrame)) if (pastFrame(clauseAt(m.index + m[0].length))) lastYear = true;
  if (md.pageThisYearFrame) for (const m of opening.matchAll(md.pageThisYearFrame)) if (!includesAny(clauseAt(m.index + m[0].length), md.pageFramePlanWords)) thisYear = true;
  return lastYear && !thisYear ? year - 1 : year;
}

/** How much of a text's start is read for the years it names. */
const OPENING_CHARS = 3000;

export function describeDocument(clean: CleanText, fileName: string, ref: DescribeReference): DocumentDescription {
  const lines = firstLines(clean.text, 15);
  const md = ref.metadata;
  const title = findTitle(clean, fileName, lines, md);
  const agency = findAgency(clean, title, ref);
  const published = findPublished(clean, lines, md);
  const publishedYear = published ? Number(published.slice(0, 4)) : null;
  const opening = clean.text.slice(0, OPENING_CHARS);
  const found = findReportYear(title, lines, opening, publishedYear, md);
  const from = found.from;
  // no year phrase: the title still says what kind of report it is (工作总结 with no 上半年 → the year)
  const period = findPeriod(from || (found.year ? "" : title), found.year, md, clean.text, title);
  const year = from ? found.year : yearOfPageDatedText(found.year, period, published, opening, md);

  const hints = md.regionHints;
  // a province's bureau (民政厅) speaks at the province's level word (place-names.json levelWords)
  const levelHint = hints.agencyLevel.exec(agency)?.[1] ?? (hints.provinceBureau.test(agency) ? ref.gazetteer.names.levelWords.province[0] : "");
  const region = inferRegion(
    {
      titleText: [title, agency].filter(Boolean).join("\n"),
      body: clean.text,
      indexNumber: clean.header[hints.indexNumberField] ?? "",
      levelHint,
      selfLevel: levelHint ? "" : () => selfLevel(clean.text, hints),
    },
    ref.gazetteer,
  );
  return { title, agency, published, reportYear: year, period, region: townReport(`${title}\n${agency}`, region, ref.gazetteer) };
}

/**
 * A town's or street's own report (转塘街道2023年民政工作总结, 孝丰镇人民政府): the title or agency names one of the
 * region's towns, so the report is at the town level, under its county's code.
 */
function townReport(titleText: string, region: Region, gz: Gazetteer): Region {
  if (!region.code || region.level !== "county") return region;
  for (const m of findFull(titleText, gz, titleText.length, 2)) {
    for (const p of m.places) {
      if (p.level === "town" && p.county === region.code) return { ...region, name: m.text, level: "town", evidence: `${region.evidence}; the title or agency names its town ${m.text}` };
    }
  }
  return region;
}
