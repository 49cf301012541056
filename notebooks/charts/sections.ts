// Notebook sections that several notebooks share: "compare this topic across regions" and a danfojs pivot table.
import * as dfd from "danfojs-node";
import type { MetricRow } from "../../pipelines/types.ts";
import { rowsOf } from "../runtime/data.ts";
import { nb } from "../runtime/nb.ts";
import { regionBars, type TrendPoint, yearTrend } from "./builders.ts";
import { type Corpus, indicatorGroups, pointsPerReport, sourceOf, type Topic, topicRows, whereText } from "./corpus.ts";
import { displayScale, formatNumber, unitLabel } from "./theme.ts";

/** ASCII file name for a chart of an indicator group: the catalog id when there is one. */
export function chartSlug(prefix: string, key: string, i: number): string {
  const id = key.startsWith("id:") ? key.slice(3).replace(/[^A-Za-z0-9_-]+/g, "-") : "";
  return id ? `${prefix}-${id}` : `${prefix}-${i + 1}`;
}

export interface SectionOptions {
  /** File-name prefix of the charts. */
  prefix: string;
  /** At most this many indicators get a chart (most widely reported first). */
  maxCharts?: number;
}

/**
 * Compare one topic across regions: for each comparable indicator (catalog id, else label), a sorted bar chart of
 * what each report says it achieved, reports that do not mention it shown as gaps; plus a line across years when a
 * region reports the indicator in more than one year. Says so in a note when there is nothing to chart.
 */
export function compareTopic(c: Corpus, topic: Topic, opts: SectionOptions): MetricRow[] {
  const { t } = c;
  const name = t(topic.zh, topic.en);
  const rows = topicRows(c, { measures: ["level"], ...topic });
  if (!rows.length) {
    nb.note(t(`“${topic.zh}”：报告中还没有抽出相关数字，暂无图表。`, `"${topic.en}": no figures for this in the reports yet, so no chart.`));
    return rows;
  }
  const groups = indicatorGroups(c, rows);
  const shown = groups.slice(0, opts.maxCharts ?? 3);
  shown.forEach((g, i) => {
    const points = pointsPerReport(c, g.rows, "actual");
    const withValue = points.filter((p) => p.value !== null);
    if (!withValue.length) {
      nb.note(t(`“${g.label}”只有目标数，没有实际完成数（见 plans-vs-results）。`, `"${g.label}" has targets only, no reported results (see plans-vs-results).`));
      return;
    }
    const gaps = points.length - withValue.length;
    const max = Math.max(...withValue.map((p) => p.value as number));
    const unit = displayScale(g.unit, max, c.lang).label;
    nb.chart(chartSlug(opts.prefix, g.key, i), regionBars({
      title: t(`${g.label}：各地区比较`, `${g.label}: regions compared`),
      subtitle: t(
        `${whereText(c)}；报告所述实际数字${unit ? `(${unit})` : ""}，按数值排序${gaps ? `；${gaps}份报告未提及，标为“未提及”而非零` : ""}`,
        `What ${whereText(c)} reported as done${unit ? ` (${unit})` : ""}, largest first${gaps ? `; ${gaps} report(s) do not mention it and are marked, not drawn as zero` : ""}`,
      ),
      source: sourceOf(c), lang: c.lang, points, colors: c.colors, unit: g.unit, measureLabel: g.label,
    }), t(`${name} · ${g.label}`, `${name} · ${g.label}`));
    // across years, where one region reports it in several years
    const trend: TrendPoint[] = withValue.filter((p) => p.year !== null).map((p) => ({ region: p.region, regionLabel: p.regionLabel, year: p.year as number, value: p.value as number, quote: p.quote }));
    const perRegion = new Map<string, Set<number>>();
    for (const p of trend) perRegion.set(p.region, (perRegion.get(p.region) ?? new Set()).add(p.year));
    if ([...perRegion.values()].some((ys) => ys.size > 1)) {
      nb.chart(chartSlug(opts.prefix, g.key, i) + "-years", yearTrend({
        title: t(`${g.label}：历年变化`, `${g.label}: year by year`),
        subtitle: t(`${whereText(c)}；每条线一个地区；只有一年的地区只画一个点，缺年份不连线补零`, `${whereText(c)}, one line per region; a region with one year is a single dot, missing years are not filled in`),
        source: sourceOf(c), lang: c.lang, points: trend, colors: c.colors, unit: g.unit, measureLabel: g.label,
      }));
    }
  });
  if (groups.length > shown.length) {
    nb.note(t(
      `另有${groups.length - shown.length}个相关指标只在个别报告中出现：${groups.slice(shown.length).map((g) => g.label).slice(0, 8).join("、")}。`,
      `${groups.length - shown.length} more related indicators appear in single reports: ${groups.slice(shown.length).map((g) => g.label).slice(0, 8).join(", ")}.`,
    ));
  }
  return rows;
}

/**
 * A region × indicator table of reported values (danfojs groupby, then pivoted), numbers written the Chinese way.
 * Empty cells are "—": the report does not say, which is not zero.
 */
export function pivotTable(c: Corpus, rows: MetricRow[], caption: string): void {
  const { t } = c;
  const actual = rows.filter((m) => m.kind === "actual" && m.measure === "level");
  if (!actual.length) return;
  const labelOf = new Map(c.reports.map((r) => [r.doc.doc_id, r.label]));
  const df = new dfd.DataFrame(actual.map((m) => ({
    report: labelOf.get(m.doc_id) ?? m.doc_file,
    indicator: `${m.indicator_id ? c.tables.catalog.get(m.indicator_id)?.[c.lang] ?? m.indicator : m.indicator}(${unitLabel(m.unit, c.lang) || m.unit})`,
    value: m.value,
  })));
  const long = rowsOf<{ report: string; indicator: string; value_max: number }>(df.groupby(["report", "indicator"]).agg({ value: "max" }));
  const indicators = [...new Set(long.map((r) => r.indicator))].sort();
  const reports = [...new Set(long.map((r) => r.report))].sort();
  const wide = reports.map((rep) => {
    const o: Record<string, string> = { [t("报告", "Report")]: rep };
    for (const ind of indicators) {
      const hit = long.find((r) => r.report === rep && r.indicator === ind);
      o[ind] = hit ? formatNumber(hit.value_max, c.lang) : "—";
    }
    return o;
  });
  nb.table(wide, { caption });
}
