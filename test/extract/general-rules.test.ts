// General extraction rules found wanting on unseen reports, each pinned on the smallest real sentence that needs it.
import { describe, expect, it } from "vitest";
import { figure, figures } from "./helpers.ts";

describe("measure words GOLD.md does not list", () => {
  it("goods by weight or container (斤, 瓶) are kept with unit other", () => {
    expect(figure("筹集口罩8万多个、消毒液8700斤、酒精7000瓶。", "8700斤")).toMatchObject({ value: 8700, unit: "other" });
    expect(figure("筹集口罩8万多个、消毒液8700斤、酒精7000瓶。", "7000瓶")).toMatchObject({ value: 7000, unit: "other" });
  });
});

describe("床 of quilts", () => {
  it("a bedding noun before 床 makes it item even when 病人 is in the window", () => {
    expect(figure("重点慰问县人民医院春节期间住院病人,同时安排棉被1000床发放到乡镇。", "1000床").unit).toBe("item");
    expect(figure("新增护理型床位500床。", "500床").unit).toBe("bed");
  });
});

describe("prefix qualifiers across a space", () => {
  it("不低于 3060 元 (PDF spacing) is at_least", () => {
    expect(figure("农村低保年补差水平提高到不低于 3060 元。", "3060 元").qualifier).toBe("at_least");
    expect(figure("参加培训约 200 人。", "200 人").qualifier).toBe("approx");
  });
});

describe("numbers written out in Chinese", () => {
  it("百分之 makes the number after it a percent, quoted with it", () => {
    expect(figure("动态管理率达百分之百。", "百分之百")).toMatchObject({ value: 100, unit: "percent", measure: "rate" });
    expect(figure("覆盖率达到百分之九十五以上。", "百分之九十五以上")).toMatchObject({ value: 95, unit: "percent", qualifier: "at_least" });
    expect(figure("满意率约百分之80。", "约百分之80")).toMatchObject({ value: 80, qualifier: "approx" });
  });
  it("a fraction (五点五) is left out rather than read as its whole part", () => {
    expect(figures("增长百分之五点五。")).toEqual([]);
  });
  it("人次 and 元 count with Chinese numerals; 一元化 is no money", () => {
    expect(figure("全年临时救助困难群众两千余人次。", "两千余人次")).toMatchObject({ value: 2000, unit: "person_time", qualifier: "at_least" });
    expect(figure("投入资金三百万元。", "三百万元")).toMatchObject({ value: 3000000, unit: "yuan" });
    expect(figures("推进一元化管理，补助两元。")).toEqual([]);
  });
});

describe("bodies and grave plots", () => {
  it("具 and 穴 are measure words (unit other)", () => {
    expect(figure("全年火化遗体2.3万具，火化率达到99.8%。", "2.3万具")).toMatchObject({ value: 23000, unit: "other", domain: "funeral" });
    expect(figure("建成公益性公墓墓穴5000穴。", "5000穴")).toMatchObject({ value: 5000, unit: "other" });
  });
});

describe("a bracketed figure restating the one before it", () => {
  it("takes that figure's qualifier when it has none of its own", () => {
    const s = "年补差水平由不低于 3960 元(330 元/月/人)提高到不低于 4320元(360 元/月/人)。";
    expect(figure(s, "330 元").qualifier).toBe("at_least");
    expect(figure(s, "360 元").qualifier).toBe("at_least");
    expect(figure("为困难群众发放救助金约300万元（25万元/月）。", "25万元").qualifier).toBe("approx");
  });
  it("stays exact after an exact figure, or when words come before it in the bracket", () => {
    expect(figure("城市低保保障标准由每人每年 7200 元(600 元/月/人)提高到 7920 元。", "600 元").qualifier).toBe("exact");
    expect(figure("全年培训超过2000人（其中女性800人）。", "800人").qualifier).toBe("exact");
    expect(figure("累计救助1000余户（占全县困难家庭30%）。", "30%").qualifier).toBe("exact");
    // a bracket that says something else about a part (用于, 为公办) is no restatement
    expect(figure("支出约300万元（120万元用于医疗救助）。", "120万元").qualifier).toBe("exact");
    expect(figure("社会组织超过30家（12家为公办）。", "12家").qualifier).toBe("exact");
  });
});

describe("a family's members in a case story", () => {
  it("夫妻二人, 全家4人 are not figures", () => {
    expect(figures("如张村乡大章村权广恒,全家5口人,母亲年迈,夫妻二人,两个孩子上学。").map((r) => r.quote)).toEqual([]);
    expect(figures("全家4人均患病。").map((r) => r.quote)).toEqual([]);
    expect(figures("全年救助困难家庭320户。").map((r) => r.quote)).toEqual(["320户"]);
  });
});

describe("批次", () => {
  it("is one measure word (item), not 批 followed by 次", () => {
    expect(figure("先后5批次为社区筹集口罩8万多个。", "5批次")).toMatchObject({ value: 5, unit: "item" });
  });
});

describe("more unlisted measure words", () => {
  it("双 and 口 are other", () => {
    expect(figure("发放棉鞋500双。", "500双").unit).toBe("other");
    expect(figure("为敬老院打机井10口。", "10口").unit).toBe("other");
  });
});
