// Headings, nesting, sentences and plan parts, on real report layouts.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { clauseAndItemAround, clauseAround, inferPeriod, inferReportYear, markerStartChars, segment, unwrapLines } from "../../pipelines/segment/index.ts";
import { scanNumerals } from "../../pipelines/extract/quantities.ts";
import { processDocument } from "../../pipelines/process.ts";
import { loadReference } from "../../pipelines/reference.ts";
import { REFERENCE_DIR, ROOT, ref } from "../extract/helpers.ts";

const sectionOf = (text: string, needle: string, year: number | null = 2023) => {
  const seg = segment(text, ref, year, "annual");
  const pos = text.indexOf(needle);
  const s = seg.sentences.find((x) => x.start <= pos && pos < x.end);
  if (!s) throw new Error(`no sentence holds ${needle}`);
  return { path: s.headings.map((h) => `${h.level}:${h.text}`), kind: s.kind, year: s.year };
};

describe("headings", () => {
  it("nests 一、 （一） 1. （1） 一是 and pops on a sibling", () => {
    const t = [
      "一、2023年工作总结",
      "(一)聚焦急难愁盼,全力推动民生实事",
      "1.完善养老服务体系。一是进一步完善养老服务体系。新增认知症照护专区1个。二是持续提升残疾人服务工作。实现残疾人新增就业6人。",
      "（二）优化服务保障",
      "全区建立规范化电子健康档案10.78万份。",
    ].join("\n");
    expect(sectionOf(t, "新增认知症").path).toEqual(["1:一、2023年工作总结", "2:(一)聚焦急难愁盼,全力推动民生实事", "3:1.完善养老服务体系", "5:一是进一步完善养老服务体系"]);
    expect(sectionOf(t, "实现残疾人").path.at(-1)).toBe("5:二是持续提升残疾人服务工作");
    expect(sectionOf(t, "电子健康档案").path).toEqual(["1:一、2023年工作总结", "2:（二）优化服务保障"]);
  });

  it("reads a title line with the page's date after it as a heading (fresh10 t03: …任务指标的通知 ( 2025-01-27 ))", () => {
    const text = "上海市民政局关于下达2025年民心工程和为民办实事项目任务指标的通知 ( 2025-01-27 )\n各区民政局:\n纳入本市2025年民心工程的项目有:新建30家社区长者食堂。";
    const s = sectionOf(text, "新建30家", 2025);
    expect(s.path).toEqual(["1:上海市民政局关于下达2025年民心工程和为民办实事项目任务指标的通知"]);
    expect([s.kind, s.year]).toEqual(["target", 2025]);
    // a notice of outcomes against the indicators is a record
    expect(sectionOf("关于2024年度养老服务任务指标考核结果的通报 ( 2025-01-20 )\n全市新增养老床位5200张。", "5200张", 2024).kind).toBe("actual");
    expect(sectionOf("2024年民生实事项目任务指标落实情况 ( 2025-01-15 )\n全市新增养老床位5200张。", "5200张", 2024).kind).toBe("actual");
    // brackets that hold no date stay part of a long line, which is no heading
    expect(sectionOf(text.replace("( 2025-01-27 )", "(沪民办发〔2025〕3号文件)"), "新建30家", 2025).path).toEqual([]);
  });
  it("finds headings inline after a sentence end (no line breaks, as in scraped documents)", () => {
    const t = "现将工作汇报如下: 一、上半年工作总结 (一)以养老服务为重点构建社会福利体系。 1.力求实现居家养老服务全覆盖。一是任务明确组织有力。新增27家。";
    const p = sectionOf(t, "新增27家").path;
    expect(p[0]).toBe("1:一、上半年工作总结");
    expect(p[1]).toBe("2:(一)以养老服务为重点构建社会福利体系");
    expect(p[2]).toBe("3:1.力求实现居家养老服务全覆盖");
  });

  it("short unnumbered lines are headings (newspaper layout)", () => {
    const t = "政策创制更加健全\n完成全市12个超大社区拆分。";
    expect(sectionOf(t, "完成全市").path).toEqual(["1:政策创制更加健全"]);
  });

  it("tries heading markers only where the marker pattern can start", () => {
    expect([...markerStartChars(ref.headings)].sort().join("")).toBe([..."一二三四五六七八九十（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"].sort().join(""));
  });

  it("a topic marker (二是) needs two characters after it on its own line", () => {
    const t = "一、工作总结\n新增床位50张二是\n完成改造任务30户。";
    expect(sectionOf(t, "完成改造").path).toEqual(["1:一、工作总结"]);
    expect(sectionOf("一、工作总结\n新增床位50张二是改造30户。", "改造").path.at(-1)).toBe("5:二是改造30户");
  });

  it("does not take decimals or list numbers inside a sentence for headings", () => {
    const t = "一、工作总结\n累计接种疫苗33.5万剂次,完成率为110.37%。";
    expect(sectionOf(t, "累计接种").path).toEqual(["1:一、工作总结"]);
  });
});

describe("plan parts", () => {
  it("a heading with 计划/思路/打算 and no 总结 is a plan; 总结及思路 titles are not", () => {
    const t = "宁波高新区2023年度工作总结及2024年工作思路\n总体情况良好。\n二、2024年工作思路\n力争完成任务。";
    expect(sectionOf(t, "总体情况")).toMatchObject({ kind: "actual", year: 2023 });
    expect(sectionOf(t, "力争完成")).toMatchObject({ kind: "target", year: 2024 });
  });

  it("a weak plan heading (目标任务, 重点工作) that is the first numbered heading states the year's own targets (fresh8 p07)", () => {
    const t = "2023年重点民生实事项目完成情况\n一、目标任务\n新增养老床位50张。\n二、完成情况\n新增养老床位55张。\n三、重点工作\n新建助餐点20个。";
    expect(sectionOf(t, "新增养老床位50张")).toMatchObject({ kind: "target", year: 2023 });
    expect(sectionOf(t, "新增养老床位55张")).toMatchObject({ kind: "actual", year: 2023 });
    // after the record, the same kind of heading is next year's
    expect(sectionOf(t, "新建助餐点")).toMatchObject({ kind: "target", year: 2024 });
    // not after a record under a heading the record words don't name (工作开展情况)
    expect(sectionOf("一、工作开展情况\n新增养老床位55张。\n二、存在的问题\n资金不足。\n三、重点工作\n新建助餐点20个。", "新建助餐点")).toMatchObject({ kind: "target", year: 2024 });
    // a strong plan phrase (工作计划, 下一步) stays next year's wherever it stands
    expect(sectionOf("一、工作计划\n新增养老床位50张。\n二、工作总结\n新增养老床位55张。", "新增养老床位50张")).toMatchObject({ kind: "target", year: 2024 });
  });

  it("一是 topics with plan words do not turn a summary into a plan", () => {
    const t = "一、上半年工作总结\n三是精心谋划对口见学促进社区发展。已完成27个城乡社区。";
    expect(sectionOf(t, "已完成", 2021)).toMatchObject({ kind: "actual", year: 2021 });
  });
});

describe("report year and period when describe gives none", () => {
  it("reads the summary heading, else the commonest year", () => {
    expect(inferReportYear("区民政局2021年上半年工作总结和下半年工作思路", ref)).toBe(2021);
    // a year the opening names, even most often, is not the report's: a deadline or a start is not (describe agrees)
    expect(inferReportYear("2022年,在市委领导下。2023年是开局之年。2022年度成绩。", ref)).toBeNull();
    expect(inferReportYear("全区新建养老院一所,于2019年6月底竣工投入使用。", ref)).toBeNull();
    expect(inferReportYear("没有年份", ref)).toBeNull();
    expect(inferPeriod("区民政局2021年上半年工作总结和下半年工作思路", ref)).toBe("H1");
    expect(inferPeriod("2023年度工作总结", ref)).toBe("annual");
  });
});

describe("clauses", () => {
  it("splits on ，；： and ASCII commas but not on thousands separators", () => {
    const t = "发放资金1,200万元,惠及3,456人;其中低保户500户";
    const [a, b] = clauseAround(t, 0, t.length, t.indexOf("3,456"), ref.clauseSeparators);
    expect(t.slice(a, b)).toBe("惠及3,456人");
    const [c, d] = clauseAround(t, 0, t.length, t.indexOf("1,200"), ref.clauseSeparators);
    expect(t.slice(c, d)).toBe("发放资金1,200万元");
  });

  it("ends an enumeration item at 、 only when asked (clauses.json)", () => {
    const t = "新增床位500张、护理员80名，其中";
    const pos = t.indexOf("80");
    const [a, b] = clauseAround(t, 0, t.length, pos, ref.clauseSeparators);
    expect(t.slice(a, b)).toBe("新增床位500张、护理员80名");
    const [c, d] = clauseAround(t, 0, t.length, pos, ref.clauseSeparators, true);
    expect(t.slice(c, d)).toBe("护理员80名");
  });

  it("reads a clause and its item in one scan as clauseAround does in two", () => {
    const t = "全年新增床位1,200张、护理员80名，发放资金3,456.5万元;惠及困难群众12,34、5人。" + "长".repeat(250) + "、共计9人";
    for (let pos = 0; pos <= t.length; pos++) {
      const clause = clauseAround(t, 3, t.length - 2, pos, ref.clauseSeparators);
      const item = clauseAround(t, 3, t.length - 2, pos, ref.clauseSeparators, true);
      expect(clauseAndItemAround(t, 3, t.length - 2, pos, ref.clauseSeparators), String(pos)).toEqual([...clause, ...item]);
    }
  });
});

describe("numerals and white space read with the sentences", () => {
  const same = (text: string) => {
    const seg = segment(text, ref, 2023, "annual", ref);
    expect(seg.numerals).toEqual(scanNumerals(text, ref));
    for (const s of seg.sentences) expect(s.spaced, text.slice(s.start, s.end)).toBe(/\s/.test(text.slice(s.start, s.end)));
  };
  it("finds what scanNumerals finds: headings, heading lines, Chinese numerals with and without counters, groups, decimals", () => {
    same("养老服务二十家机构\n一、2023年工作总结\n新增床位1,200张，护理员８０名、三家机构，十二是个数。\n  2.5万元  \n\n（二）两万余人次\n第三十页|\n");
    same("1.完善体系。一是新增27家。共接收8033人三是拓展。资金3,456.5万元;惠及12,34人" + "长".repeat(900) + "九百个");
    same("");
    same("一、 总 结\n 共 有\u3000 5 人 。  二是改造\u200930户\t ， " + "长 ".repeat(500) + "\u3000\n短句");
  });
  it("on the seed reports", () => {
    const reference = loadReference(REFERENCE_DIR);
    const raw = join(ROOT, "data/raw");
    for (const name of readdirSync(raw).filter((f) => f.endsWith(".txt"))) {
      const clean = processDocument({ path: name, name, bytes: new Uint8Array(readFileSync(join(raw, name))) }, reference).clean;
      if (clean) same(unwrapLines(clean.text, ref.headings).text);
    }
  });
});

describe("hard-wrapped lines", () => {
  it("joins soft line breaks and keeps real ones", async () => {
    const { unwrapLines } = await import("../../pipelines/segment/index.ts");
    const t = "一、工作总结\n全年累计发放临时救助金额48.14万元,发放人数\n257人次。\n二、2024年工作计划\n新增床位100张。";
    const u = unwrapLines(t, ref.headings);
    expect(u.text).toBe("一、工作总结\n全年累计发放临时救助金额48.14万元,发放人数257人次。\n二、2024年工作计划\n新增床位100张。");
    expect(u.map![u.text.indexOf("257")]).toBe(t.indexOf("257"));
  });

  it("a wrapped report reads like the unwrapped one, quotes still point into the original", async () => {
    const { figures, cleanOf, descOf, ref: r } = await import("../extract/helpers.ts");
    const { extractFigures } = await import("../../pipelines/extract/index.ts");
    const plain = "一、2023年工作总结\n全年累计发放临时救助金额48.14万元,发放人数257人次,慰问困难群众1200户,新增养老床位300张,同比增长12.5%。\n二、2024年工作计划\n新增养老床位500张,建成社区食堂20家。";
    const wrapped = plain.split("\n").map((l) => l.match(/.{1,22}/g)!.join("\n")).join("\n");
    const key = (r: { value: number; unit: string; kind: string; year: number | null; measure: string }) => `${r.value}|${r.unit}|${r.kind}|${r.year}|${r.measure}`;
    const rows = extractFigures(cleanOf(wrapped), descOf(2023), r);
    expect(rows.map(key)).toEqual(figures(plain).map(key));
    for (const row of rows) expect(wrapped.slice(row.start, row.end)).toBe(row.quote);
  });
});

describe("record headings that mention a plan", () => {
  it("（三）2023年民生实事计划全面完成 is a record", () => {
    const t = "（三）2023年民生实事计划全面完成\n新增养老床位100张。";
    const seg = segment(t, ref, 2023, "annual");
    expect(seg.sentences.find((s) => t.slice(s.start, s.end).includes("100张"))!.kind).toBe("actual");
  });
});

describe("more heading styles", () => {
  it("1）and ① markers open a fourth level", () => {
    const t = "第一部分 2020年工作回顾\n1）社会救助：全年保障低保对象2.41万人。\n2）养老服务：新增护理型床位680张。";
    expect(sectionOf(t, "新增护理型").path).toEqual(["1:第一部分 2020年工作回顾", "4:2）养老服务：新增护理型床位680张"]);
  });
});

describe("一．headings", () => {
  it("a full-width dot after a Chinese numeral opens a first-level heading", () => {
    const t = "一．2023年工作总结\n新增床位100张。\n二．2024年工作计划\n新增床位200张。";
    expect(sectionOf(t, "新增床位200张")).toMatchObject({ kind: "target", year: 2024 });
  });
});

describe("list-style lines", () => {
  it("short lines holding figures are content: they do not end the plan part they are in", () => {
    const t = "一、2023年工作总结\n全年新增养老床位300张\n二、2024年工作计划\n新增养老床位500张\n建成社区食堂20家\n此件公开发布";
    expect(sectionOf(t, "建成社区食堂")).toMatchObject({ kind: "target", year: 2024 });
    expect(sectionOf(t, "全年新增")).toMatchObject({ kind: "actual", year: 2023 });
  });
});

describe("numbered headings followed by a year", () => {
  it("二、2025年工作计划 is a heading", () => {
    const t = "一、2024年工作总结\n新增床位100张。\n二、2025年工作计划\n新增床位200张。";
    expect(sectionOf(t, "新增床位200张", 2024)).toMatchObject({ kind: "target", year: 2025 });
  });
});

describe("part headings without numbers", () => {
  it("第二部分 2021年工作思路 opens the plan even after numbered items", () => {
    const t = "第一部分 2020年工作回顾\n1）社会救助：保障低保对象2.41万人。\n第二部分 2021年工作思路\n1）新建居家养老服务中心30家。";
    expect(sectionOf(t, "新建居家", 2020)).toMatchObject({ kind: "target", year: 2021 });
  });
});
