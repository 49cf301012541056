// Character normalisation and PDF-space repair, each with the offsets checked against the original.
import { describe, expect, it } from "vitest";
import { back, expectWellFormedMap, ingestOk, seedBytes, seedText } from "./helpers.ts";

const PREFIX = "区民政局2023年工作总结\n";
const clean = (s: string) => ingestOk(Buffer.from(PREFIX + s));
const body = (s: string) => clean(s).text.slice(PREFIX.length);

describe("normalisation", () => {
  it("drops pinyin notes a conversion site put after characters, and only those (holdout 007)", () => {
    const text = "進一步發(fā)揮了民政工作在社會建設中的骨干作用。養(yǎng)老服務蓬勃發(fā)展,發(fā)放低保金7753.95萬元。";
    const c = clean(text);
    expect(c.text.slice(PREFIX.length)).toBe("进一步发挥了民政工作在社会建设中的骨干作用。养老服务蓬勃发展,发放低保金7753.95万元。");
    const at = c.text.indexOf("7753.95万元");
    expect(back(c, at, at + 9)).toBe("7753.95萬元");
    expectWellFormedMap(c);
    // no tone mark, or not after a Han character: not pinyin
    expect(body("人均生产总值(GDP)增长5%,分(a)(b)两类,编号A(ni)。")).toBe("人均生产总值(GDP)增长5%,分(a)(b)两类,编号A(ni)。");
  });

  it("turns full-width digits, percent and decimal point into ASCII and maps them back", () => {
    const c = clean("全年新增养老床位１２０张，完成率达９８．５％。");
    expect(c.text.slice(PREFIX.length)).toBe("全年新增养老床位120张，完成率达98.5%。");
    const at = c.text.indexOf("98.5%");
    expect(back(c, at, at + 5)).toBe("９８．５％");
    expectWellFormedMap(c);
  });

  it("keeps Chinese punctuation (a full-width comma between digits is not a thousands separator)", () => {
    expect(body("分别为3，5，7家。")).toBe("分别为3，5，7家。");
  });

  it("removes CR, NUL and zero-width characters", () => {
    const c = clean("新增床位\u200b120张。\r\n发放\u0000补贴\ufeff35万元。\r\n");
    expect(c.text.slice(PREFIX.length)).toBe("新增床位120张。\n发放补贴35万元。");
    const at = c.text.indexOf("35万元");
    expect(back(c, at, at + 4)).toBe("35万元");
  });

  it("removes spaces that PDF conversion left inside numbers and measure words", () => {
    const c = clean("助餐服务1234人 次,新增床位56 张,补贴1 234 567元,完成率60 %,另有3 .5万元。");
    expect(c.text.slice(PREFIX.length)).toBe("助餐服务1234人次,新增床位56张,补贴1234567元,完成率60%,另有3.5万元。");
    const at = c.text.indexOf("1234人次");
    expect(back(c, at, at + 6)).toBe("1234人 次");
    const at2 = c.text.indexOf("1234567元");
    expect(back(c, at2, at2 + 8)).toBe("1 234 567元");
    // a decimal part after the last group
    expect(clean("发放供养金1 234.5万元,高龄津贴3 456.78万元,另有12 345人。").text.slice(PREFIX.length)).toBe("发放供养金1234.5万元,高龄津贴3456.78万元,另有12345人。");
    // but not a table row's cells at a line's end
    expect(clean("低保资金（万元） 856 923.5\n覆盖率（%） 85 100.0\n合计1 234.5万元。").text.slice(PREFIX.length)).toBe("低保资金（万元） 856 923.5\n覆盖率（%） 85 100.0\n合计1234.5万元。");
    // nor the cells of a row that ends in an attribute column (预期性, 约束性: table-rows.json trailingCells), gaps kept
    expect(clean("编制率(%) 100 100 100 约束性\n医疗救助人数(万人) 5.7 7   预期性\n补贴1 234元。").text.slice(PREFIX.length)).toBe("编制率(%) 100 100 100 约束性\n医疗救助人数(万人) 5.7 7   预期性\n补贴1234元。");
  });

  it("keeps a space before a list number, which separates it from the previous sentence", () => {
    expect(body("工作总结 1.力求实现全覆盖")).toBe("工作总结 1.力求实现全覆盖");
  });
});

describe("breadcrumb lines", () => {
  it("drops a site > section > page breadcrumb line (holdout 007) but keeps a sentence with >", () => {
    const c = ingestOk(Buffer.from("找總結網(wǎng) > 工作總結 > 年度工作總結 > 民政局2019年工作總結及2020年工作計劃\n\n民政局2019年工作總結及2020年工作計劃\n\n城鄉低保標準實現一體化,標準為737元/月。"));
    expect(c.text).not.toContain("找总结网");
    expect(c.text.startsWith("民政局2019年工作总结及2020年工作计划")).toBe(true);
    expect(body("满意度评价分为优 > 良 > 中三档,全年回访1200户。")).toBe("满意度评价分为优 > 良 > 中三档,全年回访1200户。");
  });

  it("drops a breadcrumb's continuation line (> section > page) and reads a letter-spaced header label (索 引 号)", () => {
    const page = "当前位置: 首页\n> 政务公开 > 规划计划 > 计划总结\n索 引 号 113310247405400961/2024-104569 公开方式 主动公开\n成文日期 2024-01-11 发布机构 县民政局\n\n县民政局2023年重点工作总结\n\n全年新增养老床位120张。";
    const c = ingestOk(Buffer.from(page));
    expect(c.header["索引号"]).toBe("113310247405400961/2024-104569");
    expect(c.header["公开方式"]).toBe("主动公开");
    expect(c.text.startsWith("县民政局2023年重点工作总结")).toBe(true);
    // a body line merely opening on those characters is not a header
    expect(body("索引我县困难群众名单,全年回访1200户。")).toBe("索引我县困难群众名单,全年回访1200户。");
  });
});

describe("site menus", () => {
  it("drops a line of six or more short words spaced apart (a site's menu), keeps a spaced heading", () => {
    const c = ingestOk(Buffer.from("网站首页 个人文档 个人总结 工作总结 述职报告 心得体会 演讲稿 讲话致辞\n\n2021年民政局工作总结\n\n全年新增养老床位120张。"));
    expect(c.text.startsWith("2021年民政局工作总结")).toBe(true);
    expect(body("一、 社会救助 工作 成效\n全年新增养老床位120张。")).toContain("社会救助 工作 成效");
  });
});

describe("site adverts and paywall lines", () => {
  it("drops a converter site's advert and a paywall notice (holdout 001, 006, 010)", () => {
    const c = ingestOk(Buffer.from("公文高手,超级方便的公文写作神器! 立即了解\n\n县政府民政工作总结\n\n上半年,发放高龄补贴9.99万人次,资金309.32万元。\n仅展示670字,全文共5936字\n"));
    expect(c.text).toBe("县政府民政工作总结\n\n上半年,发放高龄补贴9.99万人次,资金309.32万元。");
    // a report sentence with an exclamation is not an advert
    expect(body("全年救助困难群众1200人次!立即了解群众诉求是第一要务。")).toBe("全年救助困难群众1200人次!立即了解群众诉求是第一要务。");
  });
});

describe("portal header line", () => {
  it("reads an empty 作者 as empty, not as the page tools after it (holdout 008)", () => {
    const c = ingestOk(Buffer.from("东西湖区民政局2022年工作总结 和2023年工作思路\n\n发布时间:2023-04-10 09:30 来源:区民政局   作者:   访问: 【 打印 】 【 下载 】 字号:[ ]\n\n2022年以来,城镇低保从870元/月提高到910元/月。"));
    expect(c.header["发布时间"]).toBe("2023-04-10 09:30");
    expect(c.header["来源"]).toBe("区民政局");
    expect(c.header["作者"] ?? "").toBe("");
    expect(c.text).not.toContain("打印");
  });
});

describe("furniture inside a line", () => {
  it("cuts a page number and download prompt out of a sentence, keeping the offsets (holdout 012)", () => {
    const c = clean("今年乡镇敬老院建设涉及 6 个乡镇,其中新建 3 所,第 1 页 共 9 页下载后可任意编辑扩建有 3 所。");
    expect(c.text.slice(PREFIX.length)).toBe("今年乡镇敬老院建设涉及 6个乡镇,其中新建 3所,扩建有 3所。");
    const at = c.text.indexOf("新建 3所,扩建");
    expect(back(c, at, at + 8)).toBe("新建 3 所,第 1 页 共 9 页下载后可任意编辑扩建");
    expectWellFormedMap(c);
    // a page that is really about pages is left alone
    expect(body("印发宣传册共9页,第3页为政策问答。")).toBe("印发宣传册共9页,第3页为政策问答。");
  });
});

describe("hard-wrapped PDF text", () => {
  /** Wrap every paragraph at `width` characters, as a PDF page would. */
  const wrap = (text: string, width: number) =>
    text
      .split("\n")
      .map((p) => p.match(new RegExp(`.{1,${width}}`, "g"))?.join("\n") ?? "")
      .join("\n");

  it("joins lines broken by the page width, so words and numbers cut at a line end are whole again", () => {
    const base = ingestOk(seedBytes(3));
    const wrapped = wrap(seedText(3), 37);
    expect(wrapped).toMatch(/\d\n\d|[\u4e00-\u9fff]\n[\u4e00-\u9fff]/);
    const c = ingestOk(Buffer.from(wrapped));
    expect(c.text).toBe(base.text);
    expectWellFormedMap(c);
  });

  it("leaves paragraphs of ordinary reports alone", () => {
    for (const i of [0, 1, 2]) {
      const out = ingestOk(seedBytes(i));
      expect(out.problems.join()).not.toMatch(/hard-wrapped/);
    }
  });
});

describe("PDF font-map errors", () => {
  it("repairs 救劣 → 救助 and keeps real words with 劣 (恶劣, 优劣)", () => {
    const c = clean("全年发放临时救劣金48.14万元,劣餐服务覆盖98518人次,克服恶劣天气影响,比较优劣。");
    expect(c.text.slice(PREFIX.length)).toBe("全年发放临时救助金48.14万元,助餐服务覆盖98518人次,克服恶劣天气影响,比较优劣。");
    const at = c.text.indexOf("救助金48.14万元");
    expect(back(c, at, at + 10)).toBe("救劣金48.14万元");
    expectWellFormedMap(c);
  });
});

describe("letter-spaced PDF text", () => {
  it("removes the space PDF conversion put after every character, numbers and words whole again", () => {
    const spaced = [...seedText(2)].map((ch) => (ch === "\n" ? ch : `${ch} `)).join("");
    const base = ingestOk(seedBytes(2));
    const c = ingestOk(Buffer.from(spaced));
    expect(c.text).toContain("今年以来全区累计发放临时救助金额48.14万,发放人数257人次。");
    expect(c.text.replace(/ /g, "")).toBe(base.text.replace(/ /g, ""));
    const at = c.text.indexOf("257人次");
    expect(back(c, at, at + 5)).toBe("2 5 7 人 次");
  });

  it("keeps the spaces of ordinary text", () => {
    expect(body("工作总结 1.力求实现全覆盖 2.完成目标")).toBe("工作总结 1.力求实现全覆盖 2.完成目标");
  });
});
