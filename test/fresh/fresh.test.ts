// Real report excerpts read once by an auditor (see README.md): the rules fixed from what they found, on the texts
// they were found on. No gold labels: each assertion is one finding.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { processDocument } from "../../pipelines/process.ts";
import { loadReference } from "../../pipelines/reference.ts";
import { ROOT } from "../extract/helpers.ts";

const ref = loadReference();
const read = (name: string) => {
  const bytes = readFileSync(join(ROOT, "test/fresh/reports", name));
  return processDocument({ path: name, name, bytes }, ref);
};
const row = (doc: ReturnType<typeof read>, quote: string) => {
  const rows = doc.metrics.filter((m) => m.quote === quote);
  if (rows.length !== 1) throw new Error(`expected one row "${quote}", got ${rows.length}`);
  return rows[0];
};

describe("fresh reports: documents", () => {
  it("a news page's dateline gives date, year and period; its plan sentences are targets of that year", () => {
    const d = read("a02_jinhua-2024-plan-news.txt");
    expect(d.document).toMatchObject({ published: "2024-02-29", report_year: 2024, period: "annual" });
    expect(d.metrics.length).toBeGreaterThan(10);
    for (const m of d.metrics) expect([m.quote, m.kind, m.year]).toEqual([m.quote, "target", 2024]);
  });

  it("a portal page with a letter-spaced 索 引 号 gets its own title and the county its index number and body name", () => {
    expect(read("a01_xianju-2023-portal.txt").document).toMatchObject({ title: "县民政局2023年重点工作总结及2024年工作思路", region_code: "331024", report_year: 2023 });
  });

  it("a header laid out as table cells gives the date, the year and (with the body's places) the city", () => {
    expect(read("d05_yuxi-yn-2017-binzang.txt").document).toMatchObject({ published: "2017-08-28", report_year: 2017, region_code: "530400" });
  });

  it("a text whose only year is a deadline leaves every figure's year empty, as its document row", () => {
    const d = read("c01_panyu-2018-portal.txt");
    expect(d.document.report_year).toBeNull();
    expect(d.metrics.filter((m) => m.year === 2019)).toEqual([]);
  });

  it("a page reposting a user's upload dates the upload, not the report (20*年 stays unknown)", () => {
    const d = read("e01_neimenggu-qi-jiuzhu-h1-gwyoo.txt");
    expect(d.document).toMatchObject({ published: "2022-06-15", report_year: null, period: "H1" });
    expect(d.metrics.filter((m) => m.year !== null)).toEqual([]);
  });

  it("titles below banners and menus; no agency from a cited document's title", () => {
    expect(read("c03_liuzhi-2019-gongwensou.txt").document.title).toBe("六枝特区民政局2019年工作总结及2020年工作打算");
    expect(read("c05_xx-district-2021-fanwen.txt").document.title).toBe("2021年民政局工作总结及2022年工作计划");
    expect(read("d02_haizhu-gd-2019-liangxiang-trad.txt").document).toMatchObject({ agency: "", region_code: "440105" });
  });
});

describe("fresh reports: figures", () => {
  it("values scaled by 亿 carry no floating-point noise; graves in 冢 are cases", () => {
    expect(row(read("b01_national-bulletin-2015.txt"), "610.3亿元").value).toBe(61030000000);
    expect(read("d05_yuxi-yn-2017-binzang.txt").metrics.filter((m) => m.measure_word === "冢").map((m) => m.unit)).toEqual(["case", "case", "case"]);
  });

  it("a community's 低保 figures are social assistance, not community governance from its own name", () => {
    const d = read("b03_community-dibao-trad-xx.txt");
    for (const q of ["4場", "476人", "9.3%"]) expect(row(d, q).domain).toBe("social_assistance");
  });

  it("labels name what is counted, never another figure", () => {
    const d = read("a03_yidu-2018-jiuzhu-docsite.txt");
    for (const m of d.metrics) expect(m.indicator).not.toMatch(/\d/);
    expect(row(d, "14035户").indicator).toBe("享受城乡低保户数");
    const h = read("d02_haizhu-gd-2019-liangxiang-trad.txt");
    expect(h.metrics.map((m) => m.indicator)).not.toContain("人月金额");
  });

  it("a breakdown by street (其中北山街道1个,…) takes the total's domain; a plenum's session is no figure", () => {
    const d = read("f05_xihu-hz-2024-q1-task-table.txt");
    const streets = d.metrics.filter((m) => /街道|镇/.test(m.indicator));
    expect(streets.length).toBeGreaterThan(5);
    for (const m of streets) expect(m.domain).toBe("elderly_care");
    expect(read("f06_nanning-city-2021-summary.txt").metrics.map((m) => m.quote)).not.toContain("十一次");
  });

  it("a change word with 均在 between makes a change; a comparison base keeps its own year", () => {
    const d = read("c04_changqing-2023-portal.txt");
    expect(row(d, "10%以上").measure).toBe("change");
    expect(row(d, "10706人").year).toBe(2022);
  });
});
