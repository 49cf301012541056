// %% [markdown]
// # 养老服务 · Elderly care
//
// 床位、养老护理员、助餐、津贴和补贴：各地区、各年份报告里说完成了多少。
// Beds, caregivers, meal assistance, allowances and subsidies: what each region reported doing, by year.
//
// 读图须知：每个地区只取报告中该指标的一个数字（同一报告多次提到时取最大的，提示框里写明提及次数）；
// 报告没有提到的地区标为“未提及”，不是零。
// Each region shows one figure per indicator and report (the largest when a report states several; the tooltip
// says how many). Regions whose report does not mention the indicator are marked "not reported", never zero.

// %%
import { openCorpus, type Topic } from "./charts/corpus.ts";
import { compareTopic, pivotTable } from "./charts/sections.ts";
import { nb } from "./runtime/nb.ts";

const c = openCorpus();
const { t } = c;
const elderly = c.metrics.filter((m) => m.domain === "elderly_care");
nb.md(t(
  `养老服务领域共有 **${elderly.length}** 个数字，来自 ${new Set(elderly.map((m) => m.doc_id)).size} 份报告。`,
  `**${elderly.length}** elderly-care figures from ${new Set(elderly.map((m) => m.doc_id)).size} reports.`,
));
if (!elderly.length) nb.note(t("还没有养老服务的数字：抽取阶段完成后再运行本笔记本。", "No elderly-care figures yet: re-run once extraction lands."), "warn");

// %% [markdown]
// ## 养老床位 · Beds

// %%
const beds: Topic = { zh: "养老床位", en: "Elderly-care beds", domains: ["elderly_care"], units: ["bed"], ids: /^eld_.*beds$/, match: /床位|床/ };
compareTopic(c, beds, { prefix: "beds", maxCharts: 2 });

// %% [markdown]
// ## 养老护理员 · Caregivers

// %%
const caregivers: Topic = { zh: "养老护理员", en: "Caregivers", domains: ["elderly_care"], units: ["person"], ids: /^eld_caregivers/, match: /护理员|护理人员/ };
compareTopic(c, caregivers, { prefix: "caregivers", maxCharts: 2 });

// %% [markdown]
// ## 老年助餐 · Meal assistance

// %%
const meals: Topic = { zh: "老年助餐", en: "Meal assistance", domains: ["elderly_care"], ids: /^eld_meal/, match: /助餐|食堂|餐/ };
compareTopic(c, meals, { prefix: "meals", maxCharts: 2 });

// %% [markdown]
// ## 津贴和补贴 · Allowances and subsidies

// %%
const money: Topic = { zh: "高龄津贴和养老服务补贴", en: "Old-age allowances and care subsidies", domains: ["elderly_care"], ids: /^eld_(age_allowance|service_subsidy)/, match: /津贴|补贴|补助/ };
compareTopic(c, money, { prefix: "allowances", maxCharts: 3 });

// %% [markdown]
// ## 全部养老数字一览 · All elderly-care figures at a glance

// %%
pivotTable(c, elderly.filter((m) => m.indicator_id), t("各报告的养老服务可比指标（实际完成，取最大值；—＝未提及）", "Comparable elderly-care indicators per report (reported done, largest figure; — = not reported)"));
