// %% [markdown]
// # 慈善与福利彩票 · Charity and welfare lottery
//
// 慈善募集了多少、福利彩票卖了多少，和上一年比变化多少。
// How much charity was raised, how many welfare-lottery tickets were sold, and the change on the year before.
//
// 同比变化有两种来源：报告自己写的增幅（原文），以及同一地区两年报告的数字相除（计算）；图中分开标明。
// Year-on-year changes come from two places: the growth the report states itself, and the ratio of one region's
// figures in two consecutive reports (computed). Charts say which.

// %%
import { regionBars, type Point } from "./charts/builders.ts";
import { indicatorGroups, openCorpus, pointsPerReport, sourceOf, type Topic, topicRows, whereText } from "./charts/corpus.ts";
import { compareTopic } from "./charts/sections.ts";
import { domainLabel } from "./charts/theme.ts";
import { nb } from "./runtime/nb.ts";

const c = openCorpus();
const { t } = c;
const figures = c.metrics.filter((m) => m.domain === "charity" || m.domain === "welfare_lottery");
nb.md(t(
  `慈善和福彩共有 **${figures.length}** 个数字，来自 ${new Set(figures.map((m) => m.doc_id)).size} 份报告。`,
  `**${figures.length}** charity and lottery figures from ${new Set(figures.map((m) => m.doc_id)).size} reports.`,
));

// %% [markdown]
// ## 慈善募集 · Charity raised

// %%
const donations: Topic = { zh: "慈善募集", en: "Charity raised", domains: ["charity"], units: ["yuan"], ids: /^ch_donations$/, match: /募集|捐/ };
compareTopic(c, donations, { prefix: "charity", maxCharts: 2 });

// %% [markdown]
// ## 福利彩票销售 · Welfare lottery sales

// %%
const sales: Topic = { zh: "福利彩票销售", en: "Welfare lottery sales", domains: ["welfare_lottery"], units: ["yuan"], ids: /^wl_sales$/, match: /销售|销量/ };
compareTopic(c, sales, { prefix: "lottery", maxCharts: 2 });

// %% [markdown]
// ## 同比变化 · Year-on-year change

// %%
// (1) what the reports say themselves: rows measured as a change in percent
const stated = topicRows(c, { zh: "同比", en: "change", domains: ["charity", "welfare_lottery"], measures: ["change"], units: ["percent"] });
for (const [i, g] of indicatorGroups(c, stated).slice(0, 3).entries()) {
  const points = pointsPerReport(c, g.rows, "actual");
  nb.chart(`stated-change-${i + 1}`, regionBars({
    // a vague label (同比增加) gets its domain in front; a full one (福利彩票销售额同比变化) stands alone
    title: t(`${g.label.includes(domainLabel(g.rows[0].domain, "zh")) ? "" : `${domainLabel(g.rows[0].domain, "zh")} · `}${g.label}（报告所述）`, `${domainLabel(g.rows[0].domain, "en")} · ${g.label} (as stated in the reports)`),
    subtitle: t(`${whereText(c)}；报告原文给出的增减幅度(%)，负数为下降；未提及的报告标为“未提及”`, `Growth as ${whereText(c)} state it (%), negative = decline; reports that do not say are marked`),
    source: sourceOf(c), lang: c.lang, points, colors: c.colors, unit: "percent", measureLabel: t("同比变化", "Change on previous year"),
  }));
}
if (!stated.length) nb.note(t("报告里还没有抽出慈善或福彩的同比增幅。", "No stated year-on-year changes for charity or lottery yet."));

// %%
// (2) computed: the same region's level in two consecutive report years
const computed: Point[] = [];
for (const topic of [donations, sales]) {
  const rows = topicRows(c, { measures: ["level"], ...topic });
  const g = indicatorGroups(c, rows)[0];
  if (!g) continue;
  const pts = pointsPerReport(c, g.rows, "actual").filter((p) => p.value !== null && p.year !== null);
  for (const p of pts) {
    const prev = pts.find((q) => q.region === p.region && q.year === (p.year as number) - 1);
    if (!prev || !prev.value) continue;
    computed.push({ ...p, regionLabel: `${p.regionLabel} · ${g.label} ${prev.year}→${p.year}`, value: (100 * ((p.value as number) - prev.value)) / prev.value, quote: `${prev.quote} → ${p.quote}` });
  }
}
if (computed.length) {
  nb.chart("computed-change", regionBars({
    title: t("慈善募集和福彩销售：按两年报告计算的同比变化", "Charity and lottery: change computed from two years' reports"),
    subtitle: t("同一地区相邻两年报告的数字相比(%)；只列两年都有数字的地区", "Same region, consecutive report years (%); only regions with figures in both years"),
    source: sourceOf(c), lang: c.lang, points: computed, colors: c.colors, unit: "percent", measureLabel: t("同比变化(计算)", "Change on previous year (computed)"),
  }));
} else {
  nb.note(t("没有哪个地区有相邻两年的慈善或福彩数字，无法计算同比变化。", "No region has charity or lottery figures for two consecutive years, so no computed change."));
}
