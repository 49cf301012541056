// Each rule of reading a quantity, pinned on the smallest real sentence that needs it.
import { describe, expect, it } from "vitest";
import { figure, figures } from "./helpers.ts";

const pick = (text: string, quote: string) => {
  const f = figure(text, quote);
  return { value: f.value, unit: f.unit, qualifier: f.qualifier, low: f.low, high: f.high };
};

describe("numbers", () => {
  it("reads Chinese numerals with a counter", () => {
    expect(pick("推动宗汉街道两家嵌入式养老机构项目建设。", "两家")).toMatchObject({ value: 2, unit: "facility" });
    expect(pick("新增养老床位一千张。", "一千张")).toMatchObject({ value: 1000, unit: "bed" });
    expect(pick("建成十二个社区服务站。", "十二个")).toMatchObject({ value: 12, unit: "item" });
    expect(pick("培训社工一千二百名。", "一千二百名")).toMatchObject({ value: 1200, unit: "person" });
  });

  it("applies 万 and 亿 and thousands separators", () => {
    expect(pick("全年完成福彩销售23.6亿元,同比增长6400万元。", "23.6亿元")).toMatchObject({ value: 2360000000, unit: "yuan" });
    expect(pick("建立规范化电子健康档案10.78万份。", "10.78万份")).toMatchObject({ value: 107800, unit: "copy" });
    expect(pick("发放救助资金1,200万元。", "1,200万元")).toMatchObject({ value: 12000000, unit: "yuan" });
    expect(pick("实施1.2万户老年人家庭适老化改造。", "1.2万户")).toMatchObject({ value: 12000, unit: "household" });
  });

  it("keeps a scaled value as written, without binary noise (610.3 × 1e8 is 61029999999.99999 in floating point)", () => {
    expect(pick("各类社会组织接收捐款610.3亿元。", "610.3亿元").value).toBe(61030000000);
    expect(pick("共投入1.1-2.3亿元。", "1.1-2.3亿元")).toMatchObject({ value: 170000000, low: 110000000, high: 230000000 });
    expect(pick("全年发放0.7万人次。", "0.7万人次").value).toBe(7000);
  });

  it("reads a round hundred or thousand with a qualifier (百余家, 千余名, 近百名); 千家万户 and 百家 stay words", () => {
    expect(pick("吸引百余家企业出席。", "百余家")).toMatchObject({ value: 100, qualifier: "at_least", unit: "facility" });
    expect(pick("千余名志愿者参与服务。", "千余名")).toMatchObject({ value: 1000, qualifier: "at_least" });
    expect(pick("近百名志愿者参与。", "近百名")).toMatchObject({ value: 100, qualifier: "approx" });
    expect(figures("走进千家万户,百家企业帮百村。")).toEqual([]);
  });

  it("counts graves in 冢 (a measure word of graves): a case after 墓/坟", () => {
    expect(pick("累计平毁活人墓34345冢,迁移实坟1285冢。", "34345冢")).toMatchObject({ value: 34345, unit: "case" });
    expect(pick("累计平毁活人墓34345冢,迁移实坟1285冢。", "1285冢").unit).toBe("case");
  });

  it("reads 万 + 余 in either order", () => {
    expect(pick("共办理行政审批事项4.1万余件。", "4.1万余件")).toMatchObject({ value: 41000, unit: "case", qualifier: "at_least" });
    expect(pick("发放一次性补贴1600余万元。", "1600余万元")).toMatchObject({ value: 16000000, unit: "yuan", qualifier: "at_least" });
    expect(pick("计划投入680多万元分2年建设。", "680多万元")).toMatchObject({ value: 6800000, qualifier: "at_least" });
  });

  it("reads money without 元 when money words are around", () => {
    expect(pick("今年以来全区累计发放临时救助金额48.14万,发放人数257人次。", "48.14万")).toMatchObject({ value: 481400, unit: "yuan" });
    expect(pick("提升食堂功能的给予5万补助。", "5万")).toMatchObject({ value: 50000, unit: "yuan" });
    // 万 alone with no money word and no measure word is not a figure.
    expect(figures("覆盖人口1.2万。").map((r) => r.quote)).toEqual([]);
  });

  it("reads a bare 万 amount right before the people it counts (fresh10 t08: 保障了360多万困难群众)", () => {
    expect(pick("织密兜底保障网,保障了360多万困难群众基本生活。", "360多万")).toMatchObject({ value: 3600000, unit: "person", qualifier: "at_least" });
    expect(pick("全市新纳入低保1.9万人,全市低保对象惠及39万城乡居民。", "39万")).toMatchObject({ value: 390000, unit: "person" });
    // money words still win; a plain number, or people further on, is no figure
    expect(pick("为困难群众发放救助资金12万困难群众受益。", "12万")).toMatchObject({ unit: "yuan" });
    expect(figures("编号360困难群众。").map((r) => r.quote)).toEqual([]);
    expect(figures("覆盖人口1.2万,困难群众得到保障。").map((r) => r.quote)).toEqual([]);
    // money before the figure in another clause does not make it money; a compound of other things, or money after, is no count of people
    expect(pick("共投入资金1.2亿元,惠及20万困难群众。", "20万")).toMatchObject({ value: 200000, unit: "person" });
    expect(pick("全市有1.8万留守儿童纳入关爱保护体系。", "1.8万")).toMatchObject({ unit: "person" });
    expect(pick("有效保障了全市10余万低保对象的基本生活。", "10余万")).toMatchObject({ value: 100000, unit: "person" });
    // a headline's clauses apart by a space (宝鸡: …资金8.1亿元 惠及14.37万困难群众)
    expect(pick("去年宝鸡市发放社会救助补助资金8.1亿元 惠及14.37万困难群众", "14.37万")).toMatchObject({ unit: "person" });
    expect(pick("为39万困难群众补发救助资金1.78亿元。", "39万")).toMatchObject({ unit: "person" });
    expect(figures("志愿服务活动覆盖2.6万志愿者家庭。").map((r) => r.unit)).not.toContain("person");
    expect(figures("今年区财政安排12万群众文化活动专项经费。").map((r) => r.unit)).not.toContain("person");
    expect(figures("省财政下达1.6亿困难群众救助资金。").map((r) => r.unit)).not.toContain("person");
    expect(figures("全省建成1.2万儿童之家。").map((r) => r.unit)).not.toContain("person");
  });

  it("reads ranges as midpoint with both ends", () => {
    expect(pick("对于新建每家给予16-45万元补助。", "16-45万元")).toEqual({ value: 305000, unit: "yuan", qualifier: "range", low: 160000, high: 450000 });
    expect(pick("为1180名老年人提供4至16小时不等的家政服务。", "4至16小时")).toEqual({ value: 10, unit: "hour", qualifier: "range", low: 4, high: 16 });
    expect(pick("运行每年每家给予2-12万补助。", "2-12万")).toMatchObject({ value: 70000, unit: "yuan", low: 20000, high: 120000 });
  });
});

describe("qualifiers", () => {
  it("approx, at_least, at_most, exact", () => {
    expect(pick("惠及居民约25万人。", "约25万人")).toMatchObject({ value: 250000, unit: "person", qualifier: "approx" });
    expect(pick("规模近8万平方米。", "近8万平方米")).toMatchObject({ value: 80000, unit: "sqm", qualifier: "approx" });
    expect(pick("累计帮助1200余名困难群众。", "1200余名")).toMatchObject({ value: 1200, qualifier: "at_least" });
    expect(pick("共组织大小活动30多次。", "30多次")).toMatchObject({ value: 30, unit: "event", qualifier: "at_least" });
    expect(pick("覆盖率提高至8%以上。", "8%以上")).toMatchObject({ value: 8, unit: "percent", qualifier: "at_least" });
    expect(figure("扶持公益项目不少于20个。", "20个").qualifier).toBe("at_least");
    expect(figure("持证社工人数占全省总数超22.5%。", "22.5%").qualifier).toBe("at_least");
    expect(figure("每户补助不足500元。", "不足500元").qualifier).toBe("at_most");
    expect(figure("参加培训100人左右。", "100人左右").qualifier).toBe("approx");
    // 超过 here says the result beat the target; the target figure itself is exact.
    expect(figure("筛查率89.76%,已超过86%既定任务目标。", "86%").qualifier).toBe("exact");
  });

  it("a bare number takes its unit from the noun before it", () => {
    expect(pick("实施助餐服务倍增计划,日助餐人次超7000。", "7000")).toMatchObject({ value: 7000, unit: "person_time", qualifier: "at_least" });
    expect(pick("当前高新区每千人托位数达4.7,位居全市第一。", "4.7")).toMatchObject({ value: 4.7, unit: "other" });
  });
});

describe("units", () => {
  it("maps measure words to canonical units by context", () => {
    expect(figure("新增认知症照护专区1个,共12张床位。", "12张").unit).toBe("bed");
    expect(figure("发放爱心卡300张。", "300张").unit).toBe("item");
    // 张 near a place that holds beds counts beds, even without 床位 in reach (units.csv context)
    expect(figure("建成金秋钱塘老年公寓，可提供40张。", "40张").unit).toBe("bed");
    expect(figure("全市养老机构共有床位8000张，其中护理型3500张。", "3500张").unit).toBe("bed");
    // but not cards, certificates or posters near such a place
    expect(figure("在敬老院张贴消防安全宣传画200张。", "200张").unit).toBe("item");
    // and so does the ratio of beds to older people, 床位 out of reach (fresh7 m02)
    expect(figure("建成专区床位557张,每万名老年人拥有22.4张,超额完成目标。", "22.4张").unit).toBe("bed");
    expect(figure("每千名老年人口拥有40张。", "40张").unit).toBe("bed");
    expect(figure("为老年人发放优待证12.6万张。", "12.6万张").unit).toBe("item");
    // the words of the next or previous enumeration item don't settle a figure's unit
    expect(figure("发放宣传单500张、养老院床位30张。", "500张").unit).toBe("item");
    expect(figure("为敬老院购置棉被20床、发放慰问卡200张、新增床位15张。", "200张").unit).toBe("item");
    expect(figure("为敬老院购置棉被20床、发放慰问卡200张、新增床位15张。", "15张").unit).toBe("bed");
    // items of one list with the same measure word count the same thing: an item its own words don't settle takes its
    // neighbours' unit, either way along the list (but not across a clause mark)
    const list = "分别为金秋钱塘老年公寓40张、福寿康助老为老服务中心20张、椿悦荟养老服务有限公司30张。";
    expect(figure(list, "20张").unit).toBe("bed");
    expect(figure(list, "30张").unit).toBe("bed");
    expect(figure("分别为福寿康助老为老服务中心20张、金秋钱塘老年公寓40张。", "20张").unit).toBe("bed");
    expect(figure("全区养老床位、护理型床位分别达500张、300张。", "300张").unit).toBe("bed");
    expect(figure("全县共有养老机构、床位分别为35家、2800张。", "2800张").unit).toBe("bed");
    expect(figure("建成金秋钱塘老年公寓40张，福寿康服务中心、社区发放手册20张。", "20张").unit).toBe("item");
    // only in a list a lead (分别为, 其中) opens: a bare 、 may join different acts
    expect(figure("配置护理型床位50张、为活动室添置餐桌椅30张。", "30张").unit).toBe("item");
    expect(figure("办理低保申请320件、为困难群众发放棉衣500件。", "500件").unit).toBe("item");
    expect(figure("整治散埋乱葬坟墓1200座、建成村级骨灰堂15座。", "15座").unit).toBe("facility");
    expect(figure("为养老机构颁发等级评定证书12张。", "12张").unit).toBe("item");
    expect(figure("累计完成涉财查询99件。", "99件").unit).toBe("case");
    expect(figure("发放慰问物资500件。", "500件").unit).toBe("item");
    expect(figure("共治理违建坟墓175起。", "175起").unit).toBe("case");
    expect(figure("全年累计办理结婚登记2127对。", "2127对").unit).toBe("couple");
    expect(figure("累计接种新冠疫苗33.5万剂次。", "33.5万剂次")).toMatchObject({ unit: "dose", value: 335000 });
    expect(figure("开展上门服务950户次。", "950户次").unit).toBe("other");
    expect(figure("助餐任务数39879餐。", "39879餐").unit).toBe("meal");
    expect(figure("占地71亩。", "71亩").unit).toBe("mu");
  });
});

describe("not metrics", () => {
  const quotes = (t: string) => figures(t).map((r) => r.quote);
  it("dates, years, ordinals, document numbers, page furniture", () => {
    expect(quotes("2023年5月12日召开会议。")).toEqual([]);
    expect(quotes("成文日期: 2024-01-30")).toEqual([]);
    expect(quotes("创建第三批市民族团结进步重点培育单位,举办第六届公益创投活动。")).toEqual([]);
    expect(quotes("印发关于做好2021年防灾备灾工作的通知(温龙减办20212号)。")).toEqual([]);
    expect(quotes("第1页 / 共25页")).toEqual([]);
    expect(quotes("1-11月份共募集慈善款296.38万元。")).toEqual(["296.38万元"]);
  });

  it("plan names, slogans and rhetoric", () => {
    expect(quotes("深化“1+8+X”的社会救助体系。")).toEqual([]);
    expect(quotes("推进“七优享”工程和“9028”项目。")).toEqual([]);
    expect(quotes("一手抓疫情防控、一手抓重点工作。")).toEqual([]);
    expect(quotes("破解“两个问题”优机制,重点推进四项工作,建立五大机制。")).toEqual([]);
    expect(quotes("建立“政策+服务+力量”3张清单。")).toEqual([]);
    // a count written out after a word pointing back is what was just counted; digits there stay figures
    expect(quotes("以上三个项目年内均可实现主体建筑结顶。")).toEqual([]);
    expect(quotes("其中65岁以上1200人。")).toEqual(["1200人"]);
    // only where the pointing word opens its clause: after a qualifier it is part of the figure's phrase
    expect(quotes("全县70周岁以上三千余名老年人享受高龄津贴。")).toEqual(["三千余名"]);
    expect(quotes("持续打好六场攻坚战,做到不漏一户、不漏一人。")).toEqual([]);
    expect(quotes("编制《慈溪市中心城区地名规划(2021-2035)》。")).toEqual([]);
  });

  it("age limits and eligibility thresholds", () => {
    expect(quotes("开展65周岁以上老年人流感疫苗接种工作。")).toEqual([]);
    expect(quotes("0-3岁儿童和85-89周岁高龄老人。")).toEqual([]);
    expect(quotes("鼓励全市床位数100张以上的养老机构内设医疗机构。")).toEqual([]);
    expect(quotes("每万名老人认知症床位达15张。")).toEqual(["15张"]);
  });
});

describe("measure words inside other words", () => {
  const quotes = (t: string) => figures(t).map((r) => r.quote);
  it("24小时服务热线, 户籍, 对象, 方面 are not figures; 家庭 counts households", () => {
    expect(quotes("开通24小时服务热线。")).toEqual([]);
    expect(quotes("全区10万户籍人口。")).toEqual([]);
    expect(quotes("从5个方面推进改革。")).toEqual([]);
    expect(figure("为500家庭提供上门服务。", "500家庭").unit).toBe("household");
  });
});

describe("page furniture", () => {
  it("counters of a portal page are not figures", () => {
    expect(figures("浏览次数：1234次 发布时间：2023-05-06").map((r) => r.quote)).toEqual([]);
    expect(figures("访问量 5678次").map((r) => r.quote)).toEqual([]);
  });
});

describe("千 after Arabic digits", () => {
  it("5千余人 is 5000", () => {
    expect(figure("服务老人5千余人。", "5千余人")).toMatchObject({ value: 5000, unit: "person", qualifier: "at_least" });
  });
});

describe("more qualifier and unit forms", () => {
  it("a connector between qualifier and number (约为15%)", () => {
    expect(figure("基层社工人才流失率约为15%。", "15%").qualifier).toBe("approx");
    expect(figure("参保人数超过了2000人。", "2000人").qualifier).toBe("at_least");
  });
  it("percent ranges, 人/次, and measure words GOLD.md does not list are other", () => {
    expect(figure("补贴比例为5%-10%。", "5%-10%")).toMatchObject({ value: 7.5, low: 5, high: 10, qualifier: "range", unit: "percent" });
    expect(figure("服务群众200人/次。", "200人/次").unit).toBe("person_time");
    expect(figure("全区共有养老机构32间。", "32间").unit).toBe("other");
    expect(figure("实施临时救助3860宗。", "3860宗").unit).toBe("other");
  });
});

describe("small Chinese numerals with 个/项", () => {
  it("count things when a measurable noun follows, stay rhetoric otherwise", () => {
    expect(figure("建成两个示范点。", "两个")).toMatchObject({ value: 2, unit: "item" });
    expect(figures("抓好政治、思想、组织等五个建设,重点推进四项工作。").map((r) => r.quote)).toEqual([]);
  });
});

describe("service standards and slogans", () => {
  const quotes = (t: string) => figures(t).map((r) => r.quote);
  it("15分钟养老服务圈, 3个工作日, 7天内办结 are not figures; 2个小时 is hours", () => {
    expect(quotes("构建15分钟养老服务圈。")).toEqual([]);
    expect(quotes("申请材料齐全的3个工作日内办结,7天内完成审核。")).toEqual([]);
    expect(figure("每次上门服务2个小时。", "2个小时").unit).toBe("hour");
  });
});
