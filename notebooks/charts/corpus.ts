// What every notebook needs from the tables: the reports that count, one colour per region, the source line,
// and the step from "metric rows" to "one figure or one honest gap per report".
import * as dfd from "danfojs-node";
import type { DocumentRow, MetricRow } from "../../pipelines/types.ts";
import { frame, indicatorKey, indicatorLabel, loadTables, regionKey, regionName, type Tables } from "../runtime/data.ts";
import { nb } from "../runtime/nb.ts";
import { periodLabel, type PlanPoint, type Point, type Source } from "./builders.ts";
import { type Lang, regionColorMap } from "./theme.ts";

export interface Report {
  doc: DocumentRow;
  region: string;
  regionLabel: string;
  year: number | null;
  /** " 上半年" when the report covers less than a year (its figures are not comparable with a full year's). */
  periodSuffix: string;
  /** Region, year and (when not a full year) the period: 龙湾区 2021上半年. */
  label: string;
}

export interface Corpus {
  tables: Tables;
  lang: Lang;
  /** Reports that were read (status ok or warning); rejected files are listed by the overview only. */
  reports: Report[];
  /** Metric rows of those reports. */
  metrics: MetricRow[];
  colors: Map<string, string>;
  t(zh: string, en: string): string;
  /** The metrics as a danfojs DataFrame. */
  frame(): dfd.DataFrame;
}

export function openCorpus(dir: string = nb.tablesDir, lang: Lang = nb.lang): Corpus {
  const tables = loadTables(dir);
  const reports: Report[] = tables.documents
    .filter((d) => d.status !== "rejected")
    .map((doc) => {
      const regionLabel = regionName(doc, lang);
      const periodSuffix = doc.period && doc.period !== "annual" ? `${lang === "en" ? " " : ""}${periodLabel(doc.period, lang)}` : "";
      return {
        doc,
        region: regionKey(doc),
        regionLabel,
        year: doc.report_year,
        periodSuffix,
        label: `${regionLabel}${doc.report_year !== null ? ` ${doc.report_year}` : ""}${periodSuffix}`,
      };
    });
  const readIds = new Set(reports.map((r) => r.doc.doc_id));
  const metrics = tables.metrics.filter((m) => readIds.has(m.doc_id) || !tables.documents.length);
  // one colour per region across the whole corpus, whatever chart it appears in
  const colors = regionColorMap(tables.documents.map(regionKey));
  let cached: dfd.DataFrame | undefined;
  return {
    tables, lang, reports, metrics, colors,
    t: (zh, en) => (lang === "en" ? en : zh),
    frame: () => (cached ??= frame(metrics, ["doc_id", "region_name", "report_year", "domain", "indicator", "indicator_id", "value", "unit", "kind", "measure"])),
  };
}

export function sourceOf(c: Corpus, reports: Report[] = c.reports): Source {
  return {
    reports: reports.length,
    regions: [...new Set(reports.map((r) => (r.doc.region_name ? r.doc.region_name : `?${r.doc.doc_file}`)))],
    years: reports.map((r) => r.year).filter((y): y is number => y !== null),
    extractedAt: c.tables.extractedAt,
  };
}

/** A theme a notebook asks about: which rows belong to it. Catalog ids first, the row's own label as fallback. */
export interface Topic {
  zh: string;
  en: string;
  domains?: string[];
  units?: string[];
  /** Matched against indicator_id. */
  ids?: RegExp;
  /** Matched against the Chinese indicator label (and the catalog's Chinese label). */
  match?: RegExp;
  exclude?: RegExp;
  measures?: MetricRow["measure"][];
}

export function topicRows(c: Corpus, topic: Topic): MetricRow[] {
  return c.metrics.filter((m) => {
    if (topic.domains && !topic.domains.includes(m.domain)) return false;
    if (topic.units && !topic.units.includes(m.unit)) return false;
    if (topic.measures && !topic.measures.includes(m.measure)) return false;
    const label = `${m.indicator} ${indicatorLabel(m, c.tables.catalog, "zh")}`;
    if (topic.exclude && topic.exclude.test(label)) return false;
    const byId = topic.ids && m.indicator_id ? topic.ids.test(m.indicator_id) : false;
    const byLabel = topic.match ? topic.match.test(label) : !topic.ids;
    return byId || byLabel;
  });
}

export interface IndicatorGroup {
  key: string;
  label: string;
  unit: string;
  rows: MetricRow[];
  /** Reports that mention it: the more, the more comparable the chart. */
  reports: number;
}

/**
 * Group rows into comparable indicators (catalog id, else label + unit), most widely reported first.
 * Uses a danfojs groupby for the counting.
 */
export function indicatorGroups(c: Corpus, rows: MetricRow[]): IndicatorGroup[] {
  if (!rows.length) return [];
  const keyed = rows.map((m) => ({ key: indicatorKey(m), doc_id: m.doc_id }));
  const counts = new dfd.DataFrame(keyed).groupby(["key"]).agg({ doc_id: "count" });
  const mentions = new Map<string, number>((dfd.toJSON(counts) as { key: string; doc_id_count: number }[]).map((r) => [r.key, r.doc_id_count]));
  const groups = new Map<string, MetricRow[]>();
  for (const m of rows) {
    const k = indicatorKey(m);
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  return [...groups.entries()]
    .map(([key, rs]) => ({
      key,
      label: indicatorLabel(rs[0], c.tables.catalog, c.lang),
      unit: rs[0].unit,
      rows: rs,
      reports: new Set(rs.map((r) => r.doc_id)).size,
    }))
    .sort((a, b) => b.reports - a.reports || (mentions.get(b.key) ?? 0) - (mentions.get(a.key) ?? 0) || a.label.localeCompare(b.label));
}

/**
 * One point per report: the figure it states for these rows (the largest when it states several, with the count
 * in the tooltip), or null when it does not mention them — a gap, never a zero.
 */
export function pointsPerReport(c: Corpus, rows: MetricRow[], kind: "actual" | "target" = "actual", reports: Report[] = c.reports): Point[] {
  return reports.map((r) => {
    const mine = rows.filter((m) => m.doc_id === r.doc.doc_id && m.kind === kind);
    const best = mine.reduce<MetricRow | undefined>((a, m) => (a === undefined || m.value > a.value ? m : a), undefined);
    const otherKind = !best && rows.some((m) => m.doc_id === r.doc.doc_id && m.kind !== kind);
    return {
      gapNote: otherKind ? (kind === "actual" ? c.t("只有目标，未报完成数", "target only, no result") : c.t("只有完成数，无目标", "result only, no target")) : undefined,
      region: r.region,
      regionLabel: r.regionLabel,
      suffix: r.periodSuffix,
      year: best ? (kind === "target" ? best.year ?? r.year : r.year) : r.year,
      value: best ? best.value : null,
      kind,
      quote: best?.quote,
      sentence: best?.sentence,
      doc_file: r.doc.doc_file,
      mentions: mine.length,
    };
  });
}

/** Target and actual points of one indicator, per region and year, where a region has at least one of them. */
export function planPoints(c: Corpus, rows: MetricRow[], label: string): PlanPoint[] {
  const byKey = new Map<string, { region: string; regionLabel: string; year: number | null; actual?: MetricRow; target?: MetricRow; doc: string }>();
  const reportOf = new Map(c.reports.map((r) => [r.doc.doc_id, r]));
  for (const m of rows) {
    const r = reportOf.get(m.doc_id);
    if (!r) continue;
    const year = m.year ?? r.year;
    const key = `${r.region}|${year}`;
    const slot = byKey.get(key) ?? { region: r.region, regionLabel: regionName(r.doc, c.lang), year, doc: r.doc.doc_file };
    const prev = slot[m.kind];
    if (!prev || m.value > prev.value) slot[m.kind] = m;
    byKey.set(key, slot);
  }
  const out: PlanPoint[] = [];
  for (const s of byKey.values()) {
    for (const kind of ["actual", "target"] as const) {
      const m = s[kind];
      out.push({
        region: s.region, regionLabel: s.regionLabel, year: s.year, kind, indicatorLabel: label,
        value: m ? m.value : null, quote: m?.quote, sentence: m?.sentence, doc_file: m?.doc_file ?? s.doc,
      });
    }
  }
  return out;
}

/** Where the reports come from, for subtitles: 慈溪市、天宁区 … (reports with no region are counted, not listed). */
export function whereText(c: Corpus, reports: Report[] = c.reports): string {
  const names = [...new Set(reports.filter((r) => r.doc.region_name).map((r) => r.doc.region_name))];
  const unplaced = reports.filter((r) => !r.doc.region_name).length;
  const shown = names.slice(0, 5).join(c.lang === "en" ? ", " : "、");
  const more = names.length > 5 ? c.t(`等${names.length}地`, ` and ${names.length - 5} more`) : "";
  const un = unplaced ? c.t(`${shown ? "及" : ""}${unplaced}份未识别地区的报告`, `${shown ? " and " : ""}${unplaced} report(s) with no region`) : "";
  return shown + more + un || c.t("(无报告)", "(no reports)");
}
