// Table rows (养老床位（张） 4500 4860 under 项目 2022年 2023年): each cell a figure in the unit the row label names,
// under its column's year; table-rows.json says what a row and a header look like.
import { afterAll, describe, expect, it } from "vitest";
import { extractFigures, loadExtractReference } from "../../pipelines/extract/index.ts";
import { processDocument } from "../../pipelines/process.ts";
import { loadReference } from "../../pipelines/reference.ts";
import { cleanOf, descOf, figures, referenceWith, removeReferenceCopies } from "./helpers.ts";

afterAll(removeReferenceCopies);

const TABLE = "主要指标 2022年 2023年\n救助资金（万元） 1,234.5 1500\n低保覆盖率（%） 85 92.5\n养老床位（张） 4500 4860\n";

describe("table rows", () => {
  it("reads each cell in the row label's unit, under its column's year", () => {
    const rows = figures(TABLE).map((r) => [r.quote, r.value, r.unit, r.year, r.measure, r.indicator]);
    expect(rows).toEqual([
      ["1,234.5", 12345000, "yuan", 2022, "level", "救助资金"],
      ["1500", 15000000, "yuan", 2023, "level", "救助资金"],
      ["85", 85, "percent", 2022, "rate", "低保覆盖率"],
      ["92.5", 92.5, "percent", 2023, "rate", "低保覆盖率"],
      ["4500", 4500, "bed", 2022, "level", "养老床位数"],
      ["4860", 4860, "bed", 2023, "level", "养老床位数"],
    ]);
  });

  it("reads a plan's indicator table: a trailing attribute column (预期性), a column as of a month, empty cells as wider gaps (fresh8 p04)", () => {
    const text =
      "厦门市“十三五”民政事业发展专项规划中期评估报告\n时间:2019-02-26 11:05\n2018年是实施规划承上启下的关键一年。\n一、主要指标完成情况\n" +
      "指标名称 2015年 2020年 2018年11月 指标属性\n城市低保享受人数(万人) 1.03 1 0.639 预期性\n医疗救助人数(万人) 5.7 7   预期性\n" +
      "每万人社会组织数(个)   10 12.5 预期性\n灾害应急救助预案体系编制率(%) 100 100 100 约束性\n";
    const out = processDocument({ path: "plan.txt", name: "plan.txt", bytes: Buffer.from(text) }, loadReference());
    expect(out.document.report_year).toBe(2018);
    expect(out.metrics.map((r) => [r.quote, r.value, r.unit, r.year, r.kind])).toEqual([
      ["1.03", 10300, "person", 2015, "actual"],
      ["1", 10000, "person", 2020, "target"],
      ["0.639", 6390, "person", 2018, "actual"],
      ["5.7", 57000, "person", 2015, "actual"],
      ["7", 70000, "person", 2020, "target"],
      ["10", 10, "item", 2020, "target"],
      ["12.5", 12.5, "item", 2018, "actual"],
      // ingest leaves a row's spacing alone: 100 100 100 is three cells, not a number with thousands gaps
      ["100", 100, "percent", 2015, "actual"],
      ["100", 100, "percent", 2020, "target"],
      ["100", 100, "percent", 2018, "actual"],
    ]);
  });

  it("reads target and base columns (2025年目标值, 2015年基期), layouts with wide gaps everywhere, and leaves prose alone", () => {
    const plan = "三、发展目标\n指标名称 2025年目标值 指标性质\n养老床位(张) 40 约束性\n";
    expect(figures(plan, 2021).map((r) => [r.value, r.unit, r.year, r.kind])).toEqual([[40, "bed", 2025, "target"]]);
    const layout = "指标名称    2015年    2020年    2018年11月    指标属性\n医疗救助人数(万人)    5.7    7              预期性\n";
    const out = processDocument({ path: "t.txt", name: "t.txt", bytes: Buffer.from("厦门市民政事业发展专项规划中期评估报告\n2018年是关键一年。\n" + layout) }, loadReference());
    expect(out.metrics.map((r) => [r.value, r.year])).toEqual([[57000, 2015], [70000, 2020]]);
    // a row number (序号) before the label is no part of it
    const numbered = "序号 指标名称 2020年 2025年 指标属性\n1 养老床位(张) 3000 3600 约束性\n";
    expect(figures(numbered, 2021).map((r) => [r.value, r.year, r.kind, r.indicator])).toEqual([[3000, 2020, "actual", "养老床位数"], [3600, 2025, "target", "养老床位数"]]);
    // a prose line that ends in an attribute word is no row: its thousands gap is closed as usual
    const prose = processDocument({ path: "p.txt", name: "p.txt", bytes: Buffer.from("某县民政局2023年工作总结\n新增养老床位 1 200 张，属于 预期性\n") }, loadReference());
    expect(prose.metrics.map((r) => [r.value, r.unit])).toEqual([[1200, "bed"]]);
  });

  it("reads no row where the bracket holds no unit, the label is a sentence, or columns have no header of years", () => {
    expect(figures("联系电话（0571） 88886666\n")).toEqual([]);
    expect(figures("全年共救助困难群众，涉及资金（万元） 1234 1500\n")).toEqual([]);
    expect(figures("发放高龄津贴（万元） 1,234.5 1500\n")).toEqual([]);
    // one column and no header: the report's year
    expect(figures("养老床位（张） 4860\n").map((r) => [r.value, r.unit, r.year])).toEqual([[4860, "bed", 2023]]);
  });

  it("reads the unit once per row, drops a heading number from the label, and keeps a caption out of the header", () => {
    const rows = (t: string) => figures(t).map((r) => [r.quote, r.unit, r.year, r.indicator]);
    expect(rows("项目 2022年 2023年\n养老床位(张) 4500   4860\n")).toEqual([["4500", "bed", 2022, "养老床位数"], ["4860", "bed", 2023, "养老床位数"]]);
    expect(rows("项目 2022年 2023年\n一、助餐点（个） 120 152\n")).toEqual([["120", "item", 2022, "助餐点数"], ["152", "item", 2023, "助餐点数"]]);
    const captioned = "表1 2023年全区民政事业主要指标完成情况统计表 单位见括号\n项目 2022年 2023年\n养老床位（张） 4500 4860\n";
    expect(rows(captioned)).toEqual([["4500", "bed", 2022, "养老床位数"], ["4860", "bed", 2023, "养老床位数"]]);
  });

  it("reads a table of an HTML page end to end", () => {
    const page = "<html><head><title>某区民政局2023年工作总结</title></head><body><p>某区民政局2023年工作总结</p><p>全年工作情况如下。</p>" +
      "<table><tr><td>项目</td><td>2022年</td><td>2023年</td></tr><tr><td>助餐点（个）</td><td>120</td><td>152</td></tr></table></body></html>";
    const out = processDocument({ path: "page.html", name: "page.html", bytes: Buffer.from(page) }, loadReference());
    expect(out.metrics.map((r) => [r.quote, r.value, r.unit, r.year, r.indicator])).toEqual([
      ["120", 120, "item", 2022, "助餐点数"],
      ["152", 152, "item", 2023, "助餐点数"],
    ]);
  });

  it("reads a Word-exported table, whose cells hold paragraphs (<td><p>4500</p></td>)", () => {
    const page = "<html><head><title>某区民政局2023年工作总结</title></head><body><p>某区民政局2023年工作总结</p><p>全年工作情况如下。</p><table>" +
      "<tr><td><p>项目</p></td><td><p>2022年</p></td><td><p>2023年</p></td></tr><tr><td><p>养老床位（张）</p></td><td><p>4500</p></td><td><p>4860<br/></p></td></tr></table></body></html>";
    const out = processDocument({ path: "word.html", name: "word.html", bytes: Buffer.from(page) }, loadReference());
    expect(out.metrics.map((r) => [r.quote, r.unit, r.year])).toEqual([["4500", "bed", 2022], ["4860", "bed", 2023]]);
  });

  it("follows table-rows.json: without the full-width brackets no row is read; a broken pattern names the file", () => {
    const halfOnly = referenceWith("table-rows.json", (r) => (r.unitBrackets = ["()"]));
    expect(extractFigures(cleanOf(TABLE), descOf(), loadExtractReference(halfOnly))).toEqual([]);
    const broken = referenceWith("table-rows.json", (r) => (r.headerYear = "(("));
    expect(() => loadExtractReference(broken)).toThrow(/table-rows\.json/);
  });
});
