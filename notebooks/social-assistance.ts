// %% [markdown]
// # 社会救助 · Social assistance
//
// 低保、特困、临时救助和医疗救助：各地区救助了多少人、发放了多少钱。
// Minimum living allowance (低保), support for the extremely poor (特困), temporary and medical assistance:
// how many people each region helped and how much money it paid.
//
// 人数和金额分开画：两者单位不同，不能放在一根轴上。 People and money are charted separately (different units).

// %%
import { openCorpus, type Topic } from "./charts/corpus.ts";
import { compareTopic, pivotTable } from "./charts/sections.ts";
import { nb } from "./runtime/nb.ts";

const c = openCorpus();
const { t } = c;
const assistance = c.metrics.filter((m) => m.domain === "social_assistance");
nb.md(t(
  `社会救助领域共有 **${assistance.length}** 个数字，来自 ${new Set(assistance.map((m) => m.doc_id)).size} 份报告。`,
  `**${assistance.length}** social-assistance figures from ${new Set(assistance.map((m) => m.doc_id)).size} reports.`,
));
if (!assistance.length) nb.note(t("还没有社会救助的数字：抽取阶段完成后再运行本笔记本。", "No social-assistance figures yet: re-run once extraction lands."), "warn");

// %% [markdown]
// ## 低保 · Minimum living allowance (dibao)

// %%
const dibaoPeople: Topic = { zh: "低保对象", en: "Dibao recipients", domains: ["social_assistance"], units: ["person", "household"], ids: /^sa_dibao_(people|households)$/, match: /低保/, exclude: /边缘/ };
compareTopic(c, dibaoPeople, { prefix: "dibao-people", maxCharts: 2 });
const dibaoMoney: Topic = { zh: "低保金", en: "Dibao paid", domains: ["social_assistance"], units: ["yuan"], ids: /^sa_dibao_amount$/, match: /低保/, exclude: /边缘|人均/ };
compareTopic(c, dibaoMoney, { prefix: "dibao-money", maxCharts: 1 });

// %% [markdown]
// ## 特困人员 · Extremely poor persons (tekun)

// %%
const tekun: Topic = { zh: "特困人员", en: "Tekun persons", domains: ["social_assistance"], ids: /^sa_tekun/, match: /特困/ };
compareTopic(c, tekun, { prefix: "tekun", maxCharts: 2 });

// %% [markdown]
// ## 临时救助 · Temporary assistance

// %%
const temp: Topic = { zh: "临时救助", en: "Temporary assistance", domains: ["social_assistance"], ids: /^sa_temp_relief/, match: /临时救助|临时/ };
compareTopic(c, temp, { prefix: "temporary", maxCharts: 2 });

// %% [markdown]
// ## 医疗救助 · Medical assistance

// %%
const medical: Topic = { zh: "医疗救助", en: "Medical assistance", domains: ["social_assistance", "health"], ids: /^sa_medical_relief/, match: /医疗救助/ };
compareTopic(c, medical, { prefix: "medical", maxCharts: 2 });

// %% [markdown]
// ## 救助数字一览 · All assistance figures
//
// 用 danfojs 按报告和指标分组取值后转成宽表。 A danfojs groupby by report and indicator, pivoted wide.

// %%
pivotTable(c, assistance, t("各报告的社会救助指标（实际完成，取最大值；—＝未提及）", "Social-assistance indicators per report (reported done, largest figure; — = not reported)"));
