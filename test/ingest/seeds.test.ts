// The five seeds through ingest: clean simplified text, header kept apart, furniture gone, chunks rejoined, map intact.
import { describe, expect, it } from "vitest";
import { back, expectDigitRunsMapBack, expectWellFormedMap, ingest, ingestOk, seedBytes, seedText } from "./helpers.ts";

describe("ingest on the seeds", () => {
  it("decodes every seed as UTF-8 with status ok, a well-formed map and digit runs that quote the original", () => {
    for (let i = 0; i < 5; i++) {
      const out = ingest(seedBytes(i));
      expect(out.status, `seed ${i}: ${out.problems.join("; ")}`).toBe("ok");
      expect(out.encoding).toBe("utf-8");
      const clean = out.clean!;
      expect(clean.original).toBe(seedText(i));
      expectWellFormedMap(clean);
      expect(expectDigitRunsMapBack(clean)).toBeGreaterThan(30);
    }
  });

  it("keeps every character of a simplified seed mapped to the same character in the original", () => {
    for (const i of [0, 2, 3]) {
      const clean = ingestOk(seedBytes(i));
      for (let k = 0; k < clean.text.length; k++) {
        if (clean.text[k] === "\n") continue;
        if (clean.original[clean.toOriginal[k]] !== clean.text[k]) throw new Error(`seed ${i}: char ${k} ${clean.text[k]} → ${clean.original[clean.toOriginal[k]]}`);
      }
    }
  });

  it("detects seed 001 as traditional and converts it, each character mapping to its traditional source", () => {
    const clean = ingestOk(seedBytes(1));
    expect(clean.script).toBe("traditional");
    for (const i of [0, 2, 3, 4]) expect(ingestOk(seedBytes(i)).script).toBe("simplified");
    expect(clean.text).toContain("开展慈溪市“一老一小”朝夕共守惠民工程行动");
    expect(clean.text).not.toContain("養老");
    const at = clean.text.indexOf("累计发放养老服务补贴5598.07万元");
    expect(at).toBeGreaterThan(0);
    expect(back(clean, at, at + "累计发放养老服务补贴5598.07万元".length)).toBe("累計發放養老服務補貼5598.07萬元");
  });

  it("moves the labelled portal header of 000 into header and out of the body", () => {
    const clean = ingestOk(seedBytes(0));
    expect(clean.header["索引号"]).toBe("11330208591592668X/2024-27183");
    expect(clean.header["发布机构"]).toBe("社会事务管理局");
    expect(clean.header["成文日期"]).toBe("2024-01-30");
    expect(clean.header["组配分类"]).toBe("计划总结");
    expect(clean.text).not.toMatch(/索引号|公开方式|组配分类/);
    expect(clean.text.startsWith("宁波高新区社会事务管理局2023年度工作总结及2024年工作思路")).toBe(true);
  });

  it("recognises the unlabelled header of 001 (bare index number, agency, category, dates, scope)", () => {
    const clean = ingestOk(seedBytes(1));
    expect(clean.header["索引号"]).toBe("1133028241969155XE/2024-177750");
    expect(clean.header["发布机构"]).toBe("市民政局");
    expect(clean.header["成文日期"]).toBe("2024-07-04");
    expect(clean.header["公开范围"]).toBe("面向社会");
    expect(clean.text.startsWith("2023年,市民政局坚持稳中求进工作总基调")).toBe(true);
    expect(clean.text).not.toContain("面向社会\n");
  });

  it("drops the navigation and publication note of 002 and keeps its report text", () => {
    const clean = ingestOk(seedBytes(2));
    expect(clean.text).not.toContain("您当前的位置");
    expect(clean.text).not.toContain("此件公开发布");
    expect(clean.text.startsWith("一、2024年工作总结")).toBe(true);
    expect(clean.text).toContain("今年以来全区累计发放临时救助金额48.14万,发放人数257人次。");
  });

  it("drops the byline and copyright footer of 003 and keeps its report text", () => {
    const clean = ingestOk(seedBytes(3));
    expect(clean.text).not.toMatch(/通讯员|苏报记者|Copyright|版权所有|ICP备/);
    expect(clean.text.startsWith("2022年,在市委、市政府的正确领导下")).toBe(true);
    expect(clean.text).toContain("全年完成福彩销售23.6亿元,同比增长6400万元");
    expect(clean.text).toContain("市民政局党组书记、局长陈正峰表示");
  });

  it("strips the document-sharing furniture of 004 and rejoins its page chunks", () => {
    const out = ingest(seedBytes(4));
    const clean = out.clean!;
    for (const furniture of ["上传人", "文档编号", "第1页 / 共25页", "doc_第3页", "点击查看更多", "资源描述", "由会员分享", "展开阅读全文", "相关资源", "金锄头文库", "ICP备", "返回 下载"]) {
      expect(clean.text, furniture).not.toContain(furniture);
    }
    expect(clean.titleHint).toBe("区民政局2021年上半年工作总结和下半年工作思路");
    expect(out.problems.join(" ")).toMatch(/16 numbered page chunks/);
    // "引入社 | 3、会组织": the word cut by the chunk boundary is whole again, and maps back across the marker
    const at = clean.text.indexOf("引入社会组织");
    expect(at).toBeGreaterThan(0);
    expect(back(clean, at, at + 6)).toBe("引入社\n\n3、会组织");
    // "受到了状 | 14、元街道": a street name cut in two
    expect(clean.text).toContain("受到了状元街道");
    // the list item number "4." before a chunk marker stays with its text
    expect(clean.text).toContain("4.加大医疗救助力度");
    expect(clean.text).not.toMatch(/(^|[^\d])1[0-6]、[^\d]/);
    // PDF space between number and measure word
    expect(clean.text).toContain("服务时数2000多小时");
    expect(clean.text).toContain("社区活动17次累计服务社区居民1100人次");
  });

  it("leaves real 1、2、3、 list items alone when the text is not a page-chunk scrape", () => {
    const text = [
      "区民政局2022年工作总结",
      "1、新增养老床位120张,改造提升居家养老服务站3家。",
      "2、发放高龄津贴356万元,惠及老人8912人。",
      "3、完成婚姻登记1876对。",
      "4、全年销售福利彩票1.2亿元。",
    ].join("\n");
    const clean = ingestOk(Buffer.from(text));
    expect(clean.text).toBe(text);
  });

  it("rejoins 004's chunks even when the scrape garbled their numbers, but not elsewhere", () => {
    let k = 0;
    const garbled = seedText(4).replace(/^\d+、/gm, () => `${[7, 3, 50, 9, 12, 4][k++ % 6]}、`);
    const out = ingest(Buffer.from(garbled));
    expect(out.clean!.text).toContain("引入社会组织或以");
    expect(out.clean!.text).toContain("受到了状元街道");
    // the same long even lines without the sharing-site furniture, numbered out of order: left alone
    const body = garbled.split("\n").filter((l) => /^\d+、/.test(l)).join("\n\n");
    expect(ingestOk(Buffer.from(body)).text).toMatch(/引入社\n\n\d+、会组织/);
  });
});

