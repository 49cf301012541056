// kind, year, measure and domain of a figure, each pinned on a small real sentence.
import { describe, expect, it } from "vitest";
import { figure, figures } from "../extract/helpers.ts";

describe("measure", () => {
  it("rates, shares and per-capita ratios", () => {
    expect(figure("助餐覆盖98518人次,完成率达247%。", "247%").measure).toBe("rate");
    expect(figure("当前高新区每千人托位数达4.7。", "4.7").measure).toBe("rate");
    // per so many older people, written out (fresh5 f01)
    expect(figure("年底全区每万老年人口拥有持证养老护理员达18人。", "18人").measure).toBe("rate");
    expect(figure("全区每千名老年人拥有养老床位35张。", "35张").measure).toBe("rate");
    expect(figure("低保人均补差城镇居民和农村居民分别达571.29元和463.77元。", "571.29元").measure).toBe("rate");
    expect(figure("低保人均补差城镇居民和农村居民分别达571.29元和463.77元。", "463.77元").measure).toBe("rate");
    expect(figure("每万名老人认知症床位达15张。", "15张").measure).toBe("rate");
  });

  it("changes", () => {
    expect(figure("募集201.73万元,同比增加9.63%。", "9.63%").measure).toBe("change");
    expect(figure("全年完成福彩销售23.6亿元,同比增长6400万元。", "6400万元").measure).toBe("change");
    expect(figure("全年完成福彩销售23.6亿元,同比增长6400万元。", "23.6亿元").measure).toBe("level");
    expect(figure("覆盖率提高2个百分点。", "2个百分点").measure).toBe("change");
  });

  it("levels, including allowances per person or per month", () => {
    expect(figure("增加企业慈善冠名基金2家。", "2家").measure).toBe("level");
    expect(figure("每月给予50元居家养老服务补贴。", "50元").measure).toBe("level");
    expect(figure("儿童节期间对110名困难儿童发放每人1000元慰问金。", "1000元").measure).toBe("level");
  });

  it("a rate raised from a baseline: the baseline is done, the new level is the plan", () => {
    const t = "预计年内老年人覆盖率将由3%提高至8%以上达2400余人。";
    expect(figure(t, "3%")).toMatchObject({ measure: "rate", kind: "actual" });
    expect(figure(t, "8%以上")).toMatchObject({ measure: "rate", kind: "target" });
    expect(figure(t, "2400余人")).toMatchObject({ measure: "level", kind: "target" });
  });
});

describe("kind and year", () => {
  it("a plan section makes targets of its year; the summary stays actual", () => {
    const t = "一、2023年工作总结\n新增养老床位100张。\n二、2024年工作思路\n新增养老床位200张。";
    expect(figure(t, "100张")).toMatchObject({ kind: "actual", year: 2023 });
    expect(figure(t, "200张")).toMatchObject({ kind: "target", year: 2024 });
  });

  it("an H1 report's 下半年 plan is a target of the same year", () => {
    const t = "一、上半年工作总结\n新建照料中心5家。\n二、下半年工作思路\n新建照料中心10家。";
    expect(figure(t, "5家", 2021, "H1")).toMatchObject({ kind: "actual", year: 2021 });
    expect(figure(t, "10家", 2021, "H1")).toMatchObject({ kind: "target", year: 2021 });
  });

  it("a year named in a plan sentence wins over the section's year", () => {
    const t = "二、2024年重点工作计划\n2023年计划新增和改造提升养老床位832张。";
    expect(figure(t, "832张")).toMatchObject({ kind: "target", year: 2023 });
  });

  it("a plan without a year in an annual report is for next year; 20xx placeholders do not break it", () => {
    const t = "一、20xx年工作总结\n结婚登记1200对。\n二、下一步工作打算\n新增社区食堂5家。";
    expect(figure(t, "5家")).toMatchObject({ kind: "target", year: 2024 });
    expect(figure(t, "1200对")).toMatchObject({ kind: "actual", year: 2023 });
  });

  it("a plan opening paragraph switches the rest of the text to that year's targets", () => {
    const t = "服务保障更加有力\n建成养老床位1210张。\n2023年是全面推进的起步之年,全市民政系统将坚持以人民为中心。\n坚持人民至上\n新增养老机构床位1200张。";
    expect(figure(t, "1210张", 2022)).toMatchObject({ kind: "actual", year: 2022 });
    expect(figure(t, "1200张", 2022)).toMatchObject({ kind: "target", year: 2023 });
  });

  it("plan words right before a figure, and task numbers, make targets", () => {
    expect(figure("通过科学布局拟定新增27家建设方案。", "27家").kind).toBe("target");
    expect(figure("我区全年助餐任务数39879餐。", "39879餐").kind).toBe("target");
    expect(figure("计划投入680多万元分2年建设。", "680多万元").kind).toBe("target");
    expect(figure("截至目前27家中已有25家落实场地。", "25家").kind).toBe("actual");
  });

  it("a sentence that opens on a plan word and an action is a plan in every clause not marked done", () => {
    const t = "在十方面实事中,市民政局将持续加强城乡居民最低生活保障,新增村(社区)老年助餐服务点60个以上,提供助餐服务1500万人次以上。";
    expect(figure(t, "60个以上", 2024)).toMatchObject({ kind: "target", year: 2024 });
    expect(figure(t, "1500万人次以上", 2024).kind).toBe("target");
    const list = "今年要新建50家社区综合为老服务中心、200个助餐场所,还要完成2000张认知障碍照护床位改造。";
    for (const q of ["50家", "200个", "2000张"]) expect(figure(list, q, 2021).kind).toBe("target");
    // 将 as the 把 preposition, 要 inside 要求, and a clause that says done stay records
    expect(figure("我局将养老服务纳入民生实事,全年新增床位300张。", "300张").kind).toBe("actual");
    expect(figure("按照上级要求新建养老机构3家。", "3家").kind).toBe("actual");
    expect(figure("区民政局将持续深化改革,已建成养老机构12家。", "12家").kind).toBe("actual");
    // only an opening plan word: one deep in the sentence is for its own figure (targetBefore) to weigh
    expect(figure("全年共发放救助金1200万元,新增床位300张,我们将持续加强监管。", "300张").kind).toBe("actual");
  });

  it("a relative year in the clauses before reaches a figure, but not across a semicolon", () => {
    expect(figure("去年年底,全市共有养老机构50家。", "50家").year).toBe(2022);
    expect(figure("低保标准增幅不低于上年度居民人均可支配收入增幅;新增助餐服务点60个。", "60个").year).toBe(2023);
  });

  it("capacity of a facility still being built is a target", () => {
    expect(figure("床位数500张的金色小镇养老综合体建设目前已进入桩基施工阶段。", "500张").kind).toBe("target");
    expect(figure("建成床位数500张的养老院。", "500张").kind).toBe("actual");
  });

  it("relative years: 去年 is the year before", () => {
    expect(figure("在街道层面去年年底投入20万元购买社会工作服务项目。", "20万元", 2021, "H1")).toMatchObject({ year: 2020, kind: "actual" });
  });

  it("falls back to the year in the headings when the describe stage gives none", () => {
    const t = "某区民政局2022年工作总结\n全年结婚登记2000对。";
    expect(figure(t, "2000对", null)).toMatchObject({ year: 2022, kind: "actual" });
  });

  it("without a report year, a year named elsewhere (a deadline) is not every figure's year", () => {
    const t = "今年以来,全区新增床位120张。新建养老院一所,于2019年6月底竣工投入使用。";
    expect(figure(t, "120张", null).year).toBeNull();
  });
});

describe("domain", () => {
  it("from the figure's own phrase", () => {
    expect(figure("高新区为70岁以上老年人免费接种流感疫苗2560人。", "2560人").domain).toBe("health");
    expect(figure("全市共有低保对象9527人。", "9527人").domain).toBe("social_assistance");
    expect(figure("全年累计办理结婚登记2127对,离婚登记1268对。", "1268对").domain).toBe("marriage");
    expect(figure("全区慈善助孤助残助学183人。", "183人").domain).toBe("charity");
    expect(figure("享受困难残疾人生活补贴对象5811人。", "5811人").domain).toBe("disability");
    expect(figure("全市新增高级社工师4名、省领军人才3名。", "3名").domain).toBe("social_work");
    expect(figure("拥有福利彩票投注站198家。", "198家").domain).toBe("welfare_lottery");
    expect(figure("设立21个后扶项目,受益移民3137人。", "3137人").domain).toBe("resettlement");
  });

  it("from an earlier clause of the sentence when its own clause says nothing", () => {
    expect(figure("新(改)建40个社区综合服务中心,规模近8万平方米。", "近8万平方米").domain).toBe("community_governance");
    expect(figure("扎实推动精神障碍社区康复服务标准化建设,新增郑陆镇德康驿站1家。", "1家").domain).toBe("disability");
  });

  it("by the service the money pays for over who receives it: a funeral fee waiver for 困难群众 is funeral", () => {
    expect(figure("下拨困难群众基本殡葬服务费用减免资金120万元。", "120万元").domain).toBe("funeral");
    // a 优抚 family's funeral allowance stays with veterans
    expect(figure("为126名去世优抚对象家属发放丧葬补助金18万元。", "126名").domain).toBe("veterans");
    expect(figure("发放困难群众救助金120万元。", "120万元").domain).toBe("social_assistance");
  });

  it("from the headings when the sentence says nothing", () => {
    const t = "(四)深化殡葬改革\n完成改造项目3个。";
    expect(figure(t, "3个").domain).toBe("funeral");
  });

  it("other when nothing says", () => {
    expect(figure("聚焦市局巡察反馈7项问题。", "7项").domain).toBe("other");
  });
});

describe("indicator", () => {
  it("labels what is counted, in simplified Chinese", () => {
    expect(figure("新增持证养老护理员10名。", "10名").indicator).toBe("新增持证养老护理员人数");
    expect(figure("全市共有低保对象9527人。", "9527人").indicator).toBe("低保对象人数");
    expect(figure("全年累计办理结婚登记2127对。", "2127对").indicator).toMatch(/结婚登记对数$/);
  });

  it("maps to the catalog when a phrasing fits, and leaves it empty when none does", () => {
    expect(figure("全市共有低保对象9527人。", "9527人").indicator_id).toBe("sa_dibao_people");
    expect(figure("全年累计办理结婚登记2127对。", "2127对").indicator_id).toBe("mar_marriages");
    expect(figure("全年共销售福利彩票38581万元。", "38581万元").indicator_id).toBe("wl_sales");
    expect(figures("聚焦市局巡察反馈7项问题。")[0].indicator_id).toBe("");
  });
});

describe("rules for unseen layouts", () => {
  it("a comparison year or 比上年 is not the figure's year", () => {
    expect(figure("城乡低保对象45236人,较2018年同期减少3.2%。", "3.2%", 2019)).toMatchObject({ year: 2019, measure: "change" });
    expect(figure("全年销售福利彩票8650万元,比上年增加1230万元。", "1230万元", 2010)).toMatchObject({ year: 2010, measure: "change" });
  });

  it("将…纳入 is a preposition, and 完成目标任务的N% is a result", () => {
    expect(figure("已将全市1200名困难群众纳入救助范围。", "1200名").kind).toBe("actual");
    expect(figure("建成老年食堂120个,完成年度目标任务的125%。", "125%")).toMatchObject({ kind: "actual", measure: "rate" });
  });

  it("计划生育 and weak plan words without a year do not make a plan heading", () => {
    expect(figure("(七)计划生育及其他工作\n开展政策宣传3次。", "3次").kind).toBe("actual");
    expect(figure("(三)创新工作思路,提升服务水平\n建成站点5个。", "5个").kind).toBe("actual");
    expect(figure("三、2024年重点工作\n建成站点5个。", "5个")).toMatchObject({ kind: "target", year: 2024 });
  });

  it("background with an earlier year inside a plan stays a record of that year", () => {
    const t = "XX区民政局2024年工作要点\n2023年,全区共有养老床位3000张。\n新增养老床位500张。";
    expect(figure(t, "3000张", 2024)).toMatchObject({ kind: "actual", year: 2023 });
    expect(figure(t, "500张", 2024)).toMatchObject({ kind: "target", year: 2024 });
  });

  it("graves are cases; digits broken by spaces are not read as small figures", () => {
    expect(figure("治理散埋乱葬坟墓3200余座。", "3200余座").unit).toBe("case");
    expect(figures("共救助城乡困难群众1 2 5 6户。").map((r) => r.quote)).not.toContain("6户");
  });
});

describe("quotas and completion", () => {
  it("an assigned quota is a target; what was done against it is actual", () => {
    const t = "省下达我市任务1000张,实际完成1200张,完成省下达任务数的120%。";
    expect(figure(t, "1000张").kind).toBe("target");
    expect(figure(t, "1200张").kind).toBe("actual");
    expect(figure(t, "120%")).toMatchObject({ kind: "actual", measure: "rate" });
  });
});

describe("relative years in a plan", () => {
  it("明年 in a plan counts from the report's year, not from the plan's", () => {
    const t = "四、下一步工作打算\n确保明年6月前全面完成敬老院建设任务,新增床位1200张。";
    expect(figure(t, "1200张", 2009)).toMatchObject({ kind: "target", year: 2010 });
  });
});

describe("years named in the sentence", () => {
  it("2019年以来 starts a period that runs to the report's year", () => {
    expect(figure("2019年以来,累计建成养老床位5000张。", "5000张").year).toBe(2023);
  });
  it("a year far back in a long unpunctuated sentence does not speak for a later figure", () => {
    const t = "按照省市文件精神2021年11月5日出台城乡社区建设对口见学活动实施方案根据方案要求分别组织人员赴外地进行城乡社区对口见学活动并召开座谈会交流经验共培训社区干部45人";
    expect(figure(t, "45人", 2022).year).toBe(2022);
  });
});

describe("agents of a programme", () => {
  it("由N家社会组织承接 belongs to the programme named before it", () => {
    const t = "实施分类治理“微项目”78个,由69家社会组织承接,资金总额约188万元。";
    expect(figure(t, "69家").domain).toBe("community_governance");
    expect(figure(t, "约188万元").domain).toBe("community_governance");
  });
});

describe("achievement against a plan", () => {
  it("目标任务完成率 is a result, 力争完成 is a plan", () => {
    expect(figure("全年目标任务完成率达105%。", "105%").kind).toBe("actual");
    expect(figure("力争完成新增床位500张。", "500张").kind).toBe("target");
  });
});

describe("计划 as a noun", () => {
  it("a programme named 计划 does not make its results targets", () => {
    expect(figure("实施助餐服务倍增计划日助餐人次超7000。", "7000").kind).toBe("actual");
    expect(figure("计划投入680多万元分2年建设。", "680多万元").kind).toBe("target");
    expect(figure("2023年计划新增和改造提升养老床位832张。", "832张").kind).toBe("target");
  });
});

describe("indicator labels in context", () => {
  it("reads the thing counted across figures of one clause", () => {
    expect(figure("新增认知症照护专区1个,共12张床位。", "12张").indicator).toBe("新增认知症照护专区床位数");
    expect(figure("全区在册低保家庭1300户共2308人。", "2308人").indicator).toBe("在册低保家庭人数");
    expect(figure("设立21个后扶项目。", "21个").indicator).toBe("后扶项目数");
    expect(figure("高新区为70岁以上老年人免费接种流感疫苗2560人。", "2560人").indicator).toBe("70岁以上老年人免费接种流感疫苗人数");
    expect(figure("募集201.73万元,同比增加9.63%。", "9.63%").indicator).toMatch(/增幅$/);
  });
});

describe("what a figure was for", () => {
  it("a following 用于/惠及 clause names the domain when the figure's own clause does not", () => {
    expect(figure("全年共下拨资金1200万元,用于困难群众临时救助。", "1200万元").domain).toBe("social_assistance");
  });
});

describe("weak domain words", () => {
  it("社区 alone defers to the sentence; a strong word nearby wins", () => {
    const t = "共开展小组活动45节服务社区450人次;个案3人服务16人次;社区活动17次累计服务社区居民1100人次。";
    expect(figure(t, "17次").domain).toBe("social_work");
    expect(figure("力争福彩销售额达到3亿元;社区社会组织数量达到每个社区10家以上。", "10家以上").domain).toBe("social_organizations");
    expect(figure("完成全市12个超大社区拆分。", "12个").domain).toBe("community_governance");
  });
});

describe("finished facilities", () => {
  it("床位数300张的养老院已竣工 is a record; …改造升级目前已落实资金 is still a plan", () => {
    expect(figure("床位数300张的养老院建设项目已竣工。", "300张").kind).toBe("actual");
    expect(figure("床位数128张的区级社会福利院改造升级目前已落实资金并完成设计。", "128张").kind).toBe("target");
  });
});
