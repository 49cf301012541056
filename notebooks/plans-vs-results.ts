// %% [markdown]
// # 目标与完成 · Plans vs results
//
// 每个地区定下的目标，和它报告已经完成的数字放在一起看（同一地区、同一指标、同一年）。
// Each region's targets next to what it reported as done — same region, same indicator, same year.
//
// 图例：实心条＝实际完成，虚线空心条＝目标。只有一方的也画出来，另一方标“未提及”。
// Filled bar = reported done, dashed outline = target. Where only one side exists, the other is marked as missing.

// %%
import type { MetricRow } from "../pipelines/types.ts";
import { targetVsActual } from "./charts/builders.ts";
import { indicatorGroups, openCorpus, planPoints, sourceOf, whereText } from "./charts/corpus.ts";
import { chartSlug } from "./charts/sections.ts";
import { formatNumber, unitLabel } from "./charts/theme.ts";
import { nb } from "./runtime/nb.ts";

const c = openCorpus();
const { t } = c;
const levels = c.metrics.filter((m) => m.measure === "level");
const targets = levels.filter((m) => m.kind === "target");
nb.md(t(
  `共有 **${targets.length}** 个目标数字，来自 ${new Set(targets.map((m) => m.doc_id)).size} 份报告。`,
  `**${targets.length}** target figures from ${new Set(targets.map((m) => m.doc_id)).size} reports.`,
));
if (!targets.length) nb.note(t("报告中还没有抽出目标数字。", "No target figures extracted yet."), "warn");

// %% [markdown]
// ## 目标和完成都有的指标 · Indicators with both a target and a result

// %%
const groups = indicatorGroups(c, levels).filter((g) => g.rows.some((m) => m.kind === "target") && g.rows.some((m) => m.kind === "actual"));
const paired = groups.filter((g) => {
  const pts = planPoints(c, g.rows, g.label);
  const slots = new Set(pts.filter((p) => p.value !== null).map((p) => `${p.region}|${p.year}|${p.kind}`));
  return pts.some((p) => p.kind === "target" && p.value !== null && slots.has(`${p.region}|${p.year}|actual`));
});
if (!paired.length) {
  nb.note(t("还没有哪个地区在同一年对同一指标既有目标又有完成数。", "No region has both a target and a result for the same indicator and year yet."));
}
for (const [i, g] of paired.slice(0, 6).entries()) {
  const points = planPoints(c, g.rows, g.label);
  nb.chart(chartSlug("plan", g.key, i), targetVsActual({
    title: t(`${g.label}：目标与完成`, `${g.label}: target vs result`),
    subtitle: t(`${whereText(c)}；实心＝报告已完成，虚线空心＝目标(${unitLabel(g.unit, c.lang)})`, `${whereText(c)}; filled = reported done, dashed outline = target (${unitLabel(g.unit, c.lang)})`),
    source: sourceOf(c), lang: c.lang, points, colors: c.colors, unit: g.unit, measureLabel: g.label,
  }));
}

// %% [markdown]
// ## 今年完成与明年目标 · This year's result and next year's target
//
// 年度总结常常同时写当年完成了多少、下一年打算做到多少。同一地区、同一指标：Y年完成数与Y+1年目标并排。
// A year-end report often states what was done this year and what is planned for the next: for the same
// region and indicator, the year-Y result next to the year-Y+1 target.

// %%
import type { PlanPoint } from "./charts/builders.ts";
let nextYearCharts = 0;
for (const [i, g] of groups.entries()) {
  if (nextYearCharts >= 6) break;
  const pts = planPoints(c, g.rows, g.label).filter((p) => p.value !== null && p.year !== null);
  const rows: PlanPoint[] = [];
  for (const a of pts.filter((p) => p.kind === "actual")) {
    const next = pts.find((p) => p.kind === "target" && p.region === a.region && p.year === (a.year as number) + 1);
    if (!next) continue;
    const row = `${a.regionLabel} ${a.year}→${next.year}`;
    rows.push({ ...a, regionLabel: row, year: null }, { ...next, regionLabel: row, year: null });
  }
  if (!rows.length) continue;
  nextYearCharts++;
  nb.chart(chartSlug("next-year", g.key, i), targetVsActual({
    title: t(`${g.label}：今年完成与明年目标`, `${g.label}: this year's result, next year's target`),
    subtitle: t(`${whereText(c)}；实心＝当年报告已完成，虚线空心＝下一年目标(${unitLabel(g.unit, c.lang)})`, `${whereText(c)}; filled = done in year Y, dashed outline = target for Y+1 (${unitLabel(g.unit, c.lang)})`),
    source: sourceOf(c), lang: c.lang, points: rows, colors: c.colors, unit: g.unit, measureLabel: g.label,
  }));
}
if (!nextYearCharts) nb.note(t("没有哪个地区同时给出当年完成数和下一年目标。", "No region states both a result for one year and a target for the next."));

// %% [markdown]
// ## 完成率 · Completion
//
// 完成数除以目标数（同一地区、同一年）。 Result divided by target, same region and year.

// %%
const completion: Record<string, string | number>[] = [];
for (const g of groups) {
  const pts = planPoints(c, g.rows, g.label);
  for (const p of pts.filter((x) => x.kind === "target" && x.value)) {
    const a = pts.find((x) => x.kind === "actual" && x.region === p.region && x.year === p.year);
    if (a?.value == null) continue;
    completion.push({
      [t("地区", "Region")]: p.regionLabel,
      [t("年份", "Year")]: p.year ?? "",
      [t("指标", "Indicator")]: g.label,
      [t("目标", "Target")]: `${formatNumber(p.value, c.lang)}${unitLabel(g.unit, c.lang)}`,
      [t("完成", "Done")]: `${formatNumber(a.value, c.lang)}${unitLabel(g.unit, c.lang)}`,
      [t("完成率", "Completion")]: `${Math.round((100 * a.value) / (p.value as number))}%`,
    });
  }
}
if (completion.length) nb.table(completion, { caption: t("目标与完成对照", "Targets against results") });
else nb.note(t("没有可以计算完成率的目标（需要同一地区、同一年的完成数）。", "No target has a result for the same region and year, so no completion rate."));

// %% [markdown]
// ## 只有目标的指标 · Targets without a reported result
//
// 多为下一年的计划：等下一年的报告进来才能对照。 Mostly next year's plans: they can be checked once next year's report arrives.

// %%
const open = targets.filter((m: MetricRow) => !paired.some((g) => g.rows.includes(m)));
nb.table(open.map((m) => ({ region: c.reports.find((r) => r.doc.doc_id === m.doc_id)?.regionLabel ?? m.region_name, year: m.year, indicator: m.indicator, quote: m.quote, sentence: m.sentence })), {
  columns: { region: t("地区", "Region"), year: t("目标年份", "Target year"), indicator: t("指标", "Indicator"), quote: t("原文数字", "As written"), sentence: t("原句", "Sentence") },
  caption: t("尚无对照的目标", "Targets with nothing to compare yet"),
  maxRows: 30,
});
