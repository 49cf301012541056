// %% [markdown]
// # 语料总览 · Corpus overview
//
// 哪些地区、哪些年份的报告进了表，每份报告按领域抽出了多少个数字，其中多少找到了指标目录里的可比指标。
// Which regions and years the reports cover, how many figures each report yields per domain,
// and how many of them found a comparable indicator in the catalog.

// %%
import * as dfd from "danfojs-node";
import { countBars, heatmap, periodLabel } from "./charts/builders.ts";
import { openCorpus, sourceOf, whereText } from "./charts/corpus.ts";
import { domainLabel, DOMAINS } from "./charts/theme.ts";
import { rowsOf } from "./runtime/data.ts";
import { nb } from "./runtime/nb.ts";

const c = openCorpus();
const { t } = c;
const src = sourceOf(c);
const missing = c.tables.missing.filter((f) => f !== "indicators.csv");
if (missing.length) {
  nb.note(t(`数据表缺失：${missing.join("、")}（目录 ${c.tables.dir}）。先运行 npm run pipeline。`,
    `Missing tables: ${missing.join(", ")} (in ${c.tables.dir}). Run npm run pipeline first.`), "warn");
} else if (c.tables.missing.includes("indicators.csv")) {
  nb.note(t("没有指标目录 indicators.csv：图表用报告自己的指标名称，英文版也是中文名称。", "No indicator catalog (indicators.csv): charts use the reports' own indicator names, in Chinese even in English."));
}
const rejected = c.tables.documents.filter((d) => d.status === "rejected");
nb.md(t(
  `共 **${c.tables.documents.length}** 个输入文件：**${c.reports.length}** 份报告已读取，${rejected.length} 份被拒收；抽出 **${c.metrics.length}** 个数字。`,
  `**${c.tables.documents.length}** input files: **${c.reports.length}** reports read, ${rejected.length} rejected; **${c.metrics.length}** figures extracted.`,
));

// %% [markdown]
// ## 报告清单 · The reports

// %%
nb.table(
  c.tables.documents.map((d) => ({
    file: d.doc_file, region: d.region_name, year: d.report_year, period: periodLabel(d.period, c.lang), title: d.title, figures: d.metrics, status: d.status, problems: d.problems,
  })),
  {
    columns: { file: t("文件", "File"), region: t("地区", "Region"), year: t("年份", "Year"), period: t("期间", "Period"), title: t("标题", "Title"), figures: t("数字", "Figures"), status: t("状态", "Status"), problems: t("问题", "Problems") },
    caption: t("每个输入文件一行，拒收的也在内", "One row per input file, rejected ones included"),
  },
);

// %% [markdown]
// ## 各地区、各年份的报告数 · Reports by region and year

// %%
if (!c.reports.length) {
  nb.note(t("还没有可读的报告。", "No readable reports yet."), "warn");
} else {
  // danfojs: count reports per region and year
  const docs = new dfd.DataFrame(c.reports.map((r) => ({ region: r.region, regionLabel: r.regionLabel, year: r.year === null ? t("年份不详", "year unknown") : String(r.year), n: 1 })));
  const counts = rowsOf<{ region: string; regionLabel: string; year: string; n_sum: number }>(docs.groupby(["region", "regionLabel", "year"]).agg({ n: "sum" }));
  const years = [...new Set(counts.map((r) => r.year))].sort();
  nb.chart("reports-by-region-year", heatmap({
    title: t("各地区各年份的报告数", "Reports by region and year"),
    subtitle: t(`${whereText(c)}；每格为该地区该年的报告份数，空白＝没有报告`, `${whereText(c)}; each cell counts that region's reports for the year, blank = none`),
    source: src, lang: c.lang,
    cells: counts.map((r) => ({ x: r.year, y: r.regionLabel, value: r.n_sum })),
    xTitle: t("报告年份", "Report year"), yTitle: t("地区", "Region"), valueTitle: t("报告份数(份)", "Reports"),
    xOrder: years,
  }));
}

// %% [markdown]
// ## 每份报告各领域的数字个数 · Figures per domain per report

// %%
if (!c.metrics.length) {
  nb.note(t("指标表里还没有数字：抽取阶段完成后这里会出现热力图。", "No figures in the metrics table yet: the heatmap appears once extraction lands."));
} else {
  const perDomain = rowsOf<{ doc_id: string; domain: string; value_count: number }>(
    c.frame().groupby(["doc_id", "domain"]).agg({ value: "count" }),
  );
  const labelOf = new Map(c.reports.map((r) => [r.doc.doc_id, r.label]));
  const present = new Set(perDomain.map((r) => r.domain));
  const domains = DOMAINS.filter((d) => present.has(d)).map((d) => domainLabel(d, c.lang));
  nb.chart("figures-by-domain", heatmap({
    title: t("每份报告各领域抽出的数字个数", "Figures extracted per domain and report"),
    subtitle: t(`${whereText(c)}；颜色越深数字越多，空白＝该报告未提及该领域`, `${whereText(c)}; darker = more figures, blank = the report does not mention the domain`),
    source: src, lang: c.lang,
    cells: perDomain.map((r) => ({ x: domainLabel(r.domain, c.lang), y: labelOf.get(r.doc_id) ?? r.doc_id, value: r.value_count })),
    xTitle: t("领域", "Domain"), yTitle: t("报告", "Report"), valueTitle: t("数字个数(个)", "Figures"),
    xOrder: domains,
  }));
}

// %% [markdown]
// ## 找到目录指标的比例 · Share of figures with a catalog indicator
//
// 只有找到目录指标的数字才能跨地区比较。 Only figures with a catalog indicator can be compared across regions.

// %%
if (!c.reports.length) {
  nb.note(t("没有报告。", "No reports."));
} else {
  const bars = c.reports.map((r) => {
    const mine = c.metrics.filter((m) => m.doc_id === r.doc.doc_id);
    const matched = mine.filter((m) => m.indicator_id).length;
    return {
      region: r.region,
      label: r.label,
      value: mine.length ? (100 * matched) / mine.length : null,
      detail: t(`${matched}/${mine.length}个数字`, `${matched} of ${mine.length} figures`),
    };
  });
  if (bars.every((b) => b.value === null)) {
    nb.note(t("还没有抽出数字，无法计算比例。", "No figures extracted yet, so no share to show."));
  } else {
    nb.chart("catalog-share", countBars({
      title: t("数字中找到目录指标的比例", "Share of figures that found a catalog indicator"),
      subtitle: t(`${whereText(c)}；按报告，比例越高越便于跨地区比较；“无数据”＝该报告没有抽出数字`, `${whereText(c)}; per report — higher means more comparable; "no data" = no figures extracted`),
      source: src, lang: c.lang, bars, colors: c.colors,
      axisTitle: t("找到目录指标的比例(%)", "Share with catalog indicator (%)"), max: 100, percent: true,
    }));
  }
}
