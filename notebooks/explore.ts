// %% [markdown]
// # 探索模板 · Explore (template)
//
// 复制这个文件开始一个新问题：`cp notebooks/explore.ts notebooks/my-question.ts`，改下面的关键词，
// 然后 `npm run notebook -- notebooks/my-question.ts --watch`。
// Copy this file to start a new question, change the keyword below, and run it with --watch.

// %%
import { regionBars } from "./charts/builders.ts";
import { indicatorGroups, openCorpus, pointsPerReport, sourceOf, whereText } from "./charts/corpus.ts";
import { nb } from "./runtime/nb.ts";

// The question: which regions report figures about … (a regular expression over the indicator label)
const KEYWORD = /床位|护理员|助餐/;

const c = openCorpus();
const { t } = c;
// danfojs: the metrics as a DataFrame, filtered to the keyword
const df = c.frame();
const hits = df.shape[0] ? df.loc({ rows: df["indicator"].str.search(KEYWORD.source).ge(0) }) : df;
nb.md(t(`与 \`${KEYWORD.source}\` 有关的数字：**${hits.shape[0]}** 个。`, `Figures about \`${KEYWORD.source}\`: **${hits.shape[0]}**.`));

// %%
if (hits.shape[0]) {
  nb.table(hits, { columns: ["region_name", "report_year", "indicator", "value", "unit", "kind"], caption: t("匹配的数字", "Matching figures"), maxRows: 20 });
} else {
  nb.note(t("没有匹配的数字：换个关键词，或等抽取阶段完成。", "Nothing matches: try another keyword, or wait for extraction."));
}

// %%
const rows = c.metrics.filter((m) => KEYWORD.test(m.indicator) && m.measure === "level");
const top = indicatorGroups(c, rows)[0];
if (top) {
  nb.chart("top-indicator", regionBars({
    title: t(`${top.label}：各地区比较`, `${top.label}: regions compared`),
    subtitle: t(`${whereText(c)}；报告所述实际完成数；未提及的报告标为“未提及”`, `What ${whereText(c)} reported as done; reports that do not mention it are marked`),
    source: sourceOf(c), lang: c.lang, points: pointsPerReport(c, top.rows), colors: c.colors, unit: top.unit, measureLabel: top.label,
  }));
}
