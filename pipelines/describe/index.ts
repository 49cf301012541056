// Describe: what a document is (title, agency, dates, year, period) and where it is from (region).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CleanText, DocumentDescription } from "../types.ts";
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
import { inferRegion } from "./region.ts";

export interface DescribeReference {
  gazetteer: Gazetteer;
  metadata: MetadataReference;
}

export function loadDescribeReference(dir: string): DescribeReference {
  return {
    gazetteer: loadGazetteer(dir),
    metadata: compileMetadata(JSON.parse(readFileSync(join(dir, "describe-metadata.json"), "utf8"))),
  };
}

const LEVEL_CHAR = /[省市区县旗州盟镇乡]$/;

/** The place part of what precedes a bureau name: the run of place names ending right before it, or a bare 市/区/县. */
function agencyPlace(prefix: string, gz: Gazetteer): string {
  const mentions = [...findFull(prefix, gz), ...findShort(prefix, gz)].sort((a, b) => a.at - b.at);
  let start = prefix.length;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const m = mentions[i];
    if (m.at + m.text.length === start) start = m.at;
  }
  if (start < prefix.length) return prefix.slice(start);
  const last = prefix.slice(-1);
  return LEVEL_CHAR.test(last) ? last : "";
}

function findAgency(clean: CleanText, title: string, ref: DescribeReference): string {
  const fromHeader = clean.header["发布机构"] ?? clean.header["发文机关"] ?? clean.header["发布单位"] ?? clean.header["ContentSource"];
  if (fromHeader) return fromHeader;
  // 来源 is a bureau on government portals, a newspaper elsewhere: only a bureau counts
  for (const k of ["信息来源", "来源", "文章来源"]) {
    const v = clean.header[k];
    const m = v ? agencyMatches(v, ref.metadata, v.length)[0] : undefined;
    if (m && m.at + m.prefix.length + m.name.length === v!.length) return v!;
  }
  const inTitle = agencyMatches(title, ref.metadata, title.length)[0];
  if (inTitle) return agencyPlace(inTitle.prefix, ref.gazetteer) + inTitle.name;
  // the bureau the body names most often (ties: the earliest)
  const counts = new Map<string, { n: number; at: number }>();
  const md = ref.metadata;
  for (const m of agencyMatches(clean.text, md, 200_000)) {
    const place = agencyPlace(m.prefix, ref.gazetteer);
    const name = place + m.name;
    // 在省民政厅的指导下, 上级民政部门: the bureau that guides the author
    const end = m.at + m.prefix.length + m.name.length;
    const start = end - name.length;
    if (md.notAuthorAfter.test(clean.text.slice(end, end + 8)) || md.notAuthorBefore.test(clean.text.slice(Math.max(0, start - 2), start))) continue;
    if (!/^[\u4e00-\u9fff]*[省市区县旗州盟镇乡街道]/.test(name) && name === m.name) continue; // a bare 民政局 says little
    const c = counts.get(name);
    if (c) c.n++;
    else counts.set(name, { n: 1, at: m.at });
  }
  let best = "";
  let top = { n: 0, at: Infinity };
  for (const [name, c] of counts) if (c.n > top.n || (c.n === top.n && c.at < top.at)) [best, top] = [name, c];
  return best;
}

const SELF = /[我全]([市区县])/g;

/** The level a text speaks of itself at (我市, 全区 …), when one clearly dominates in its opening; else "". */
function selfLevel(text: string): string {
  const counts: Record<string, number> = { 市: 0, 区: 0, 县: 0 };
  for (const m of (text.length > 20_000 ? text.slice(0, 20_000) : text).matchAll(SELF)) counts[m[1]]++;
  const ranked = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  return ranked[0][1] >= 2 && ranked[0][1] >= 3 * ranked[1][1] ? ranked[0][0] : "";
}

export function describeDocument(clean: CleanText, fileName: string, ref: DescribeReference): DocumentDescription {
  const lines = firstLines(clean.text, 15);
  const md = ref.metadata;
  const title = findTitle(clean, fileName, lines, md);
  const agency = findAgency(clean, title, ref);
  const published = findPublished(clean, lines, md);
  const publishedYear = published ? Number(published.slice(0, 4)) : null;
  const { year, from } = findReportYear(title, lines, clean.text.slice(0, 3000), publishedYear, md);
  // no year phrase: the title still says what kind of report it is (工作总结 with no 上半年 → the year)
  const period = findPeriod(from || (year ? "" : title), year, md, clean.text);

  const levelMatch = /^([省市区县旗])[\u4e00-\u9fff]/.exec(agency) ?? (/民政厅$/.test(agency) ? ["", "省"] : null);
  const region = inferRegion(
    {
      titleText: [title, agency].filter(Boolean).join("\n"),
      body: clean.text,
      indexNumber: clean.header["索引号"] ?? "",
      levelHint: levelMatch ? levelMatch[1] : "",
      selfLevel: levelMatch ? "" : () => selfLevel(clean.text),
    },
    ref.gazetteer,
  );
  return { title, agency, published, reportYear: year, period, region };
}
