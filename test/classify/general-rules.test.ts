// General reading rules found wanting on unseen reports, each pinned on the smallest real sentence that needs it.
import { describe, expect, it } from "vitest";
import { figure, figures } from "../extract/helpers.ts";

describe("domain: a payment word does not settle the domain", () => {
  it("物价补贴 paid to 低保 households is social assistance; to 优抚对象 it stays veterans", () => {
    expect(figure("累计发放农村低保资金 11212.75 万元,发放物价补贴 457.35 万元。", "457.35 万元").domain).toBe("social_assistance");
    expect(figure("共发放优抚对象2829人次,共计154.23万元,发放物价补贴对象950人次共计11.51万元。", "950人次").domain).toBe("veterans");
  });
});

describe("domain: 失能 grades care beyond the elderly", () => {
  it("a 特困 sentence's 全失能/半失能 care subsidy and 精简退职 relief are social assistance; 失能老人 stays elderly care (fresh5 f02)", () => {
    const t = "特困供养救助标准为每人每月1240元;全失能、半失能、能自理护理补贴分别达到1500元、375元、100元;城乡精简退职人员救济标准分别达到775元和730元。";
    expect(figure(t, "1500元").domain).toBe("social_assistance");
    expect(figure(t, "775元").domain).toBe("social_assistance");
    expect(figure("全县失能老人护理补贴发放120万元。", "120万元").domain).toBe("elderly_care");
    expect(figure("为500名失能人员提供长期照护服务。", "500名").domain).toBe("elderly_care");
  });
});

describe("domain: a list of names before the figure's item", () => {
  it("is read whole: 向低保对象、特困人员、孤儿等 is social assistance, not the last name's child welfare (fresh5 f04, fresh4 e06)", () => {
    expect(figure("疫情期间,向低保对象、特困人员、孤儿等发放物价临时补贴636.03万元。", "636.03万元").domain).toBe("social_assistance");
    expect(figure("为困难家庭、残疾家庭学生发放助学金7.72万元。", "7.72万元").domain).toBe("social_assistance");
    // not past a figure of the same item, nor over a long item that is no name
    expect(figure("对养老服务、儿童福利、救助管理等27家民政服务机构和13家殡葬服务机构实行全员核酸检测。", "13家").domain).toBe("funeral");
    // only a list the money is given to (为/向… in its first item), not one of channels (依托敬老院、福利院…)
    expect(figure("按时足额为低保户、特困、残疾人等困难群体发放救助金等共约3481.3万元。", "约3481.3万元").domain).toBe("social_assistance");
    expect(figure("依托敬老院、福利院、儿童之家等为孤儿发放助学金30万元。", "30万元").domain).toBe("child_welfare");
  });
});

describe("domain: 五保 and 特困 people", () => {
  it("五保老人 and 特困人员 in a care home are social assistance; 入住老人 stay elderly care (fresh3 c03, d04; fresh e06)", () => {
    expect(figure("我镇现有五保老人110人。", "110人").domain).toBe("social_assistance");
    expect(figure("在福利院居住的特困人员5人。", "5人").domain).toBe("social_assistance");
    expect(figure("新建敬老院3所,入住老人120人。", "120人").domain).toBe("elderly_care");
    // a rural welfare home houses 五保 people; a social welfare home stays elderly care (fresh a03)
    expect(figure("对潘家湾等5个乡镇农村福利院进行了扩建。", "5个").domain).toBe("social_assistance");
    expect(figure("新建社会福利院1所,床位300张。", "1所").domain).toBe("elderly_care");
  });
});

describe("domain: charity projects", () => {
  it("慈善公益项目 are charity; 公益项目 alone stay social organisations' (fresh6 k03)", () => {
    expect(figure("开展定向和非定向慈善公益项目近100个。", "近100个").domain).toBe("charity");
    expect(figure("资助公益项目30个。", "30个").domain).toBe("social_organizations");
  });
});

describe("domain: charity money for a programme of another domain, and groups in need (fresh7 m)", () => {
  it("慈善 money (慈善大病, 慈善救助) outweighs the programme it pays for; a 慈善 care home stays elderly care", () => {
    expect(figure("发放慈善大病医疗救助金7万多元。", "7万多元").domain).toBe("charity");
    expect(figure("发放大病医疗救助金7万多元。", "7万多元").domain).toBe("social_assistance");
    expect(figure("仁和慈善养老院新增床位80张。", "80张").domain).toBe("elderly_care");
  });

  it("三无人员 (quoted or not) are social assistance; 困难群体 only when nothing stronger is said", () => {
    expect(figure("城市三无人员救助标准从月人均1600元提高至1800元。", "1800元").domain).toBe("social_assistance");
    expect(figure("为城市“三无”人员发放生活补助3万元。", "3万元").domain).toBe("social_assistance");
    expect(figure("慰问困难群体1200户。", "1200户").domain).toBe("social_assistance");
    expect(figure("乡镇社工站为困难群体提供服务1200人次。", "1200人次").domain).toBe("social_work");
  });
});

describe("domain: epidemic supplies", () => {
  it("口罩, 消毒液, 防护服 collected are health; handed to care homes they stay elderly care (held-out 002)", () => {
    const t = "筹集口罩8万多个、消毒液8700斤、酒精7000瓶,全部发放到一线。";
    expect(figure(t, "8万多个").domain).toBe("health");
    expect(figure(t, "8700斤").domain).toBe("health");
    expect(figure("为全区养老机构发放口罩2万个。", "2万个").domain).toBe("elderly_care");
  });
});

describe("domain: homeless relief", () => {
  it("庇护 and 寻亲 are social assistance, so 安置 there is not veterans' resettlement (fresh3 d02)", () => {
    const t = "先后开设3处临时庇护点,累计安置约175人,帮助寻亲返乡85名、链接就业7名、送医治疗11名。";
    expect(figure(t, "约175人").domain).toBe("social_assistance");
    expect(figure(t, "85名").domain).toBe("social_assistance");
    expect(figure("全年接收安置退役士兵120名。", "120名").domain).toBe("veterans");
    expect(figure("接收安置符合政府安排工作条件的退役人员56人。", "56人").domain).toBe("veterans");
  });
});

describe("domain: government-service reform", () => {
  it("通办/秒办/智办 and 办事材料 are administrative services (fresh3 c01, d01)", () => {
    expect(figure("梳理市本级民生事项共17项,新增实现“一证通办”事项9项。", "9项").domain).toBe("admin_services");
    expect(figure("落实3项“无感智办”、2项“智能秒办”服务。", "2项").domain).toBe("admin_services");
    expect(figure("更新办事指南,减少办事材料25件。", "25件").domain).toBe("admin_services");
    // how a service is delivered does not outvote what it is (review of the rule)
    expect(figure("通过网上办理结婚登记1500对。", "1500对").domain).toBe("marriage");
    expect(figure("通过“掌上办”发放困难残疾人生活补贴1560人。", "1560人").domain).toBe("disability");
  });
});

describe("unit: 件 of matters and of papers", () => {
  it("一件事 bundles are matters handled (cases); 材料 are papers (items) even among 事项 (fresh3 c01, d01)", () => {
    const t = "全年办结“婚育户一件事”4193件、“身后一件事”9669件。";
    expect(figure(t, "4193件").unit).toBe("case");
    expect(figure(t, "9669件").unit).toBe("case");
    expect(figure("规范事项标准,减少办事材料25件。", "25件").unit).toBe("item");
    expect(figure("全年受理信访事项120件。", "120件").unit).toBe("case");
    // a 办结 in another clause says nothing of goods; 证件 handled are cases (review of the rule)
    expect(figure("各类信访件均已办结,全年共募集爱心衣物3000件。", "3000件").unit).toBe("item");
    expect(figure("全年办理残疾人证件450件。", "450件").unit).toBe("case");
  });
});

describe("unit: person-times written with 次 in brackets", () => {
  it("人(次) and 人（次） are person-times (fresh4 e07)", () => {
    expect(figure("累计保障城乡低保对象共19372人(次),共发放低保金320余万元。", "19372人(次)").unit).toBe("person_time");
    expect(figure("累计保障城乡低保对象共19372人（次）。", "19372人（次）").unit).toBe("person_time");
    expect(figure("全区共有低保对象5人(其中3人为残疾人)。", "5人").unit).toBe("person");
  });
});

describe("figures: a round hundred or thousand of 万 with a qualifier", () => {
  it("近百万元 and 近千万元 are figures; 百万群众 and 千家万户 are words (fresh4 e02)", () => {
    const r = figure("今年来该局投入近百万元用于养老服务。", "近百万元");
    expect([r.value, r.unit, r.qualifier]).toEqual([1_000_000, "yuan", "approx"]);
    expect(figure("投入近千万元建设养老中心。", "近千万元").value).toBe(10_000_000);
    expect(figures("百万群众受益,惠及千家万户。")).toHaveLength(0);
  });
});

describe("figures: 万 or 亿 alone, and 上 before a round number", () => {
  it("近万人次, 万余人 and 近亿元 are figures; 万人 alone, 万家灯火 and 万万 are not", () => {
    const r = figure("全年共救助流浪乞讨人员近万人次。", "近万人次");
    expect([r.value, r.unit, r.qualifier]).toEqual([10_000, "person_time", "approx"]);
    const s = figure("帮扶困难群众万余人。", "万余人");
    expect([s.value, s.qualifier]).toEqual([10_000, "at_least"]);
    expect(figure("投入近亿元建设养老服务设施。", "近亿元").value).toBe(100_000_000);
    expect(figures("建成万人社区服务中心,万家灯火,万万不可。")).toHaveLength(0);
  });
  it("a round number with its qualifier carries any measure word: 近万件, 千余份, 近万册 (a reviewer's counter-examples)", () => {
    expect(figure("全年办理各类事项近万件。", "近万件")).toMatchObject({ value: 10_000, unit: "case", qualifier: "approx" });
    expect(figure("发放宣传资料千余份。", "千余份")).toMatchObject({ value: 1000, unit: "copy", qualifier: "at_least" });
    expect(figures("办好十件民生实事,百件实事。")).toHaveLength(0);
  });
  it("上千名 and 上万人 count at least that many, with 上 in the quote; 线上千人 and 以上千人 are not read so", () => {
    const r = figure("吸引上千名志愿者参与活动。", "上千名");
    expect([r.value, r.unit, r.qualifier]).toEqual([1000, "person", "at_least"]);
    expect(figure("惠及群众上万人。", "上万人").value).toBe(10_000);
    expect(figures("举办线上千人培训会。")).toHaveLength(0);
    // 过 before a round number is at least it (募集善款过亿元); 通过/经过 are words
    expect(figure("募集善款过亿元。", "过亿元")).toMatchObject({ value: 100_000_000, qualifier: "at_least" });
    expect(figures("通过千人大会表决,经过万人签名。")).toHaveLength(0);
    expect(figures("成千上万人受益。")).toHaveLength(0);
    expect(figure("发放口罩5万只。", "5万只").unit).toBe("other");
    // 向 is the preposition before 上万名; 就近 lends no 近
    expect(figure("向上万名老人发放高龄津贴。", "上万名").value).toBe(10_000);
    expect(figure("就近万余个服务点", "万余个").qualifier).toBe("at_least");
    expect(figures("组织以上千人参加。")).toHaveLength(0);
    expect(figure("上年同期为3000人。", "3000人").qualifier).toBe("exact");
  });
});

describe("figures: 一次性 after digits, and 单", () => {
  it("增发244万元一次性生活补贴 is a figure; 4人一组, 一人一码 and 三个一批 are not (fresh5 f06)", () => {
    expect(figure("为低保对象、特困人员增发244万元一次性生活补贴。", "244万元").value).toBe(2_440_000);
    expect(figures("申请低保户分为4人一组进场申述,实行一人一码。")).toHaveLength(0);
    expect(figures("落实三个一批要求。")).toHaveLength(0);
  });
  it("一 after digits' measure word goes on (一并, 一人一档): only a grouping ends the figure (a reviewer's counter-examples)", () => {
    expect(figure("新建养老服务站12个一并投入使用。", "12个").value).toBe(12);
    expect(figure("救助困境儿童320人一人一档。", "320人").value).toBe(320);
  });
  it("单 of complaints and work orders counts cases", () => {
    expect(figure("受理12345热线工单320单。", "320单").unit).toBe("case");
  });
  it("单 counts trusts as items and orders done as other; 120单位 is no count (fresh5 f06, fresh3 d01)", () => {
    expect(figure("全市共备案慈善信托5单,财产总规模2.01亿元。", "5单").unit).toBe("item");
    expect(figure("2项补贴服务已完成2677单。", "2677单").unit).toBe("other");
    expect(figures("全市120单位参加。")).toHaveLength(0);
  });
});

describe("figures: Chinese digits side by side", () => {
  it("六〇二所社区 is a name and 三四个 a rough count, not figures; 二十五个 still is (fresh5 f02)", () => {
    expect(figures("建设打造的六〇二所社区“仁爱之家”精神障碍康复服务站。")).toHaveLength(0);
    expect(figures("每个村有三四个志愿者。")).toHaveLength(0);
    expect(figure("建成二十五个站点。", "二十五个").value).toBe(25);
  });
});

describe("units: 宗 and 起 of matters handled", () => {
  it("核对业务2230宗 and graves in 宗 count cases, 出让土地3宗 does not, 120宗地 is no count (fresh c01)", () => {
    expect(figure("全年共完成核对业务2230宗(4530人次),准确率达98.74%。", "2230宗").unit).toBe("case");
    expect(figure("出让土地3宗。", "3宗").unit).toBe("other");
    // 起 after a Chinese numeral is not read: 从十一起 is "from National Day on" (a reviewer's counter-example)
    expect(figures("从十一起,全市养老机构开展消防安全大检查。")).toHaveLength(0);
    expect(figures("大家一起努力。")).toHaveLength(0);
    expect(figure("整治散埋乱葬坟墓320宗。", "320宗").unit).toBe("case");
    expect(figures("办理不动产登记涉及120宗地。")).toHaveLength(0);
  });
});

describe("figures: money thresholds", () => {
  it("超万元的困难群众 and 上万元的对象 are eligibility thresholds; a standard so written and counts stay figures (a reviewer's counter-examples)", () => {
    expect(figures("对自付费用超万元的困难群众给予补助。")).toHaveLength(0);
    expect(figures("家庭年收入上万元的对象不予纳入。")).toHaveLength(0);
    expect(figure("其他残疾人按每人每月不低于50元的标准发放。", "50元").qualifier).toBe("at_least");
    // money before anything but the people it sets apart is a figure (a second reviewer's counter-examples)
    expect(figure("拨付超过500万元的救助资金。", "500万元").value).toBe(5_000_000);
    expect(figure("惠及超过3万人的困难群众。", "3万人").value).toBe(30_000);
  });
  it("○ stands for 〇 in a number written digit by digit (六○二所社区)", () => {
    expect(figures("六○二所社区卫生服务站建成投用。")).toHaveLength(0);
  });
});

describe("label: a mark reached is no name", () => {
  it("突破1亿元大关 is named by the words before it", () => {
    expect(figure("全年慈善总收入突破1亿元大关。", "1亿元").indicator).toBe("慈善总收入金额");
    expect(figure("共募集善款9400余万元,总收入超过1亿元大关。", "1亿元").indicator).toBe("总收入金额");
  });
});

describe("measure: the size of an increase", () => {
  it("提高幅度 is a change, and a figure joined to it by 和 is the same change", () => {
    const t = "适时提高了一、二类低保人员的补助标准,提高幅度达30%和 20%。";
    expect(figure(t, "30%").measure).toBe("change");
    expect(figure(t, "20%").measure).toBe("change");
    expect(figure("低保对象覆盖率达95%和 98%。", "98%").measure).toBe("rate");
  });
});

describe("kind: a task number to complete", () => {
  it("为完成/确保完成…2300张目标任务 is the target; 全年完成…目标任务 was done (fresh6 k08)", () => {
    expect(figure("为完成改造和筹建养老服务床位2300张目标任务,我市已出具了意见书。", "2300张").kind).toBe("target");
    expect(figure("确保完成新建日间照料中心50个目标任务。", "50个").kind).toBe("target");
    expect(figure("全年完成床位2300张目标任务。", "2300张").kind).toBe("actual");
    expect(figure("为全面完成床位2300张目标任务,加快推进。", "2300张").kind).toBe("target");
    expect(figure("尚未完成床位500张目标任务。", "500张").kind).toBe("target");
  });
});

describe("kind: plan words that also read as done", () => {
  it("共争取/争取到 funds were obtained", () => {
    expect(figure("及时向上级主管部门汇报灾情,今年共争取上级无偿救灾款103万元。", "103万元").kind).toBe("actual");
    expect(figure("争取到省级补助资金50万元。", "50万元").kind).toBe("actual");
    expect(figure("争取上级资金200万元用于敬老院建设。", "200万元").kind).toBe("target");
  });

  it("将 + object + 由X提高到Y is the 把 preposition: a done change of a standard", () => {
    const t = "出台新的医疗救助办法,不但将全年每人救助封顶线由8万元提高到12万元。";
    expect(figure(t, "12万元").kind).toBe("actual");
    expect(figure(t, "8万元").kind).toBe("actual");
    expect(figure("预计年内老年人覆盖率将由3%提高至8%以上。", "8%以上").kind).toBe("target");
  });

  it("将 + object + 提高至/调整为 (no 由/从) is the 把 preposition as well; 将 right before the verb stays a plan (fresh7 m05)", () => {
    expect(figure("7月1日起,将最低生活保障标准提高至每月人均850元,增幅8%。", "850元").kind).toBe("actual");
    expect(figure("今年将特困人员供养标准调整为每月1300元。", "1300元").kind).toBe("actual");
    expect(figure("7月1日起,最低生活保障标准将提高至每月人均850元。", "850元").kind).toBe("target");
    expect(figure("下一步,将低保标准提高至每月900元。", "900元").kind).toBe("target");
    // 将把, 将使, 年内将, 届时将: "will" all the same
    expect(figure("我局将把特困人员救助供养标准提高至每月1200元。", "1200元").kind).toBe("target");
    expect(figure("项目建成后将使全县养老床位增加到3500张。", "3500张").kind).toBe("target");
    expect(figure("年内将农村低保标准提高至每年7200元。", "7200元").kind).toBe("target");
    expect(figure("经县政府同意,将城乡低保标准分别上调为每月900元和700元。", "900元").kind).toBe("actual");
  });

  it("a target already beaten (高出目标任务29元) is no plan (fresh8 p08)", () => {
    expect(figure("全年农村低保月人均救助水平达到260元,高出目标任务29元。", "29元").kind).toBe("actual");
    expect(figure("今年的目标任务为新增床位50张。", "50张").kind).toBe("target");
    expect(figure("全年超额完成全年目标任务0.3亿元。", "0.3亿元").kind).toBe("actual");
    // a ceiling (不超过/不高于目标值) stays a target
    expect(figure("养老机构空置率不高于目标值10%。", "10%").kind).toBe("target");
    expect(figure("养老机构空置率不超过目标值10%。", "10%").kind).toBe("target");
  });

  it("a figure a higher level requires (要求的93%) is a target (fresh9 r01)", () => {
    expect(figure("参选率达98%,高于省市要求的93%基层民主参选率。", "93%").kind).toBe("target");
    expect(figure("参选率达98%,高于省市要求的93%基层民主参选率。", "98%").kind).toBe("actual");
  });

  it("a place or noun holding 将 or 计划 is no plan word (将乐县, 将军镇, 计划乡)", () => {
    expect(figure("将乐县新增养老床位200张。", "200张").kind).toBe("actual");
    expect(figure("慰问将军镇困难群众120户。", "120户").kind).toBe("actual");
    expect(figure("将新增养老床位200张。", "200张").kind).toBe("target");
  });
});

describe("kind: task numbers", () => {
  it("a number assigned as a task (…110户建设任务) or planned (计划修建) is a target; a completed task is a record", () => {
    const t = "2010年市政府安排我县110户建设任务,为搞好恢复重建工作,县政府年初计划修建150户。";
    expect(figure(t, "110户", 2010).kind).toBe("target");
    expect(figure(t, "150户", 2010).kind).toBe("target");
    expect(figure("全面完成110户建设任务。", "110户", 2010).kind).toBe("actual");
  });
});

describe("domain: disaster relief", () => {
  it("rural housing insurance (农村住房保险, 投保农户…赔保) is disaster relief", () => {
    expect(figure("全面完成了农村住房保险工作。全县共登记投保农村住房 229495户,投入经费 367.192 万元。", "367.192 万元").domain).toBe("disaster_relief");
    expect(figure("到 6 月底,已有投保农户 30 户申请赔保。", "30 户").domain).toBe("disaster_relief");
  });

  it("救助 alone is the verb 'to help': the list's head (救灾款) keeps the domain", () => {
    const t = "及时发放救灾款103万元,救灾棉衣5000件,棉被500床,先后对7345户,9875人给予了救助。";
    expect(figure(t, "9875人").domain).toBe("disaster_relief");
    expect(figure("先后对203户看病难的农村特困户给予了医疗救助。", "203户").domain).toBe("social_assistance");
    expect(figure("全年救助流浪乞讨人员320人次。", "320人次").domain).toBe("social_assistance");
  });
});

describe("measure: a standard stated per head", () => {
  it("a per-head figure after a named standard is the standard's amount (level); averages stay rates", () => {
    const t = "今年分散供养标准年人均 2200 元,集中供养年人均 3000 元。";
    expect(figure(t, "2200 元").measure).toBe("level");
    expect(figure(t, "3000 元").measure).toBe("level");
    expect(figure("医疗救助按人均15元的标准筹集救助资金。", "15元").measure).toBe("rate");
    expect(figure("提高低保标准后,人均补差达到300元。", "300元").measure).toBe("rate");
  });
});

describe("indicator: a standard raised from one amount to another", () => {
  it("both figures of 由X提高到Y are labelled with the standard named before 由", () => {
    const t = "城市低保标准由每人每月500元提高到530元。";
    expect(figure(t, "500元").indicator).toBe("城市低保标准每人每月金额");
    expect(figure(t, "530元").indicator).toBe("城市低保标准每人每月金额");
    const u = "城市低保保障标准由每人每年 7200 元(600 元/月/人)提高到 7920 元(660 元/月/人)。";
    expect(figure(u, "7920 元").indicator).toBe("城市低保保障标准每人每年金额");
    expect(figure(u, "660 元").indicator).toBe("城市低保保障标准每人每年金额");
  });
});

describe("indicator: a bare generic noun", () => {
  it("资金 after a counted payment is that payment's money", () => {
    expect(figure("1至10月发放高龄补贴9.99余万人次,资金309.32万元。", "309.32万元").indicator).toBe("发放高龄补贴资金");
  });
});

describe("indicator: the same short noun counted again", () => {
  it("is not chained onto itself (老年人老年人人数), while a different short noun still is (专区 → 专区床位)", () => {
    const t = "共有1124名老年人享受高龄津贴,1143名老年人享受老年人意外险,697名老年人享受居家养老服务补贴。";
    for (const q of ["1124名", "1143名", "697名"]) expect(figure(t, q).indicator).not.toMatch(/老年人老年人/);
    expect(figure("新增认知症照护专区1个,共12张床位。", "12张").indicator).toMatch(/认知症照护专区.*床位/);
  });
});

describe("year: a figure raised from last year's", () => {
  it("去年 names the figure raised from; the one raised to is the report's own year", () => {
    const s = "养老机构入住率由去年的45%提升至58%。";
    expect(figure(s, "45%")).toMatchObject({ year: 2022, indicator: "养老机构入住率" });
    expect(figure(s, "58%")).toMatchObject({ year: 2023, indicator: "养老机构入住率" });
    expect(figure("低保标准由2021年的每月500元提高到550元。", "550元").year).toBe(2023);
  });
  it("without 由/从 before the year, the year is the raise's own (力争2025年…提高到60%)", () => {
    expect(figure("2025年底全市养老服务床位总数增加到1.2万张。", "1.2万张")).toMatchObject({ year: 2025, kind: "target" });
    expect(figure("力争2025年养老机构护理型床位占比提高到60%。", "60%").year).toBe(2025);
    expect(figure("2022年全区低保标准调整为每月800元。", "800元").year).toBe(2022);
    expect(figure("去年全市低保人数下降至1.2万人。", "1.2万人").year).toBe(2022);
  });
  it("not across a clause: 去年 still speaks for a later clause with a raise of its own", () => {
    expect(figure("去年共发放补贴100万元，标准提高到每月50元。", "50元").year).toBe(2022);
  });
});

describe("labels: qualifiers and comparisons are not what is measured", () => {
  it("a qualifier word at the label's end is the figure's (不低于 3800万元)", () => {
    expect(figure("确保全年低保资金发放总额不低于3800万元。", "3800万元")).toMatchObject({ qualifier: "at_least", indicator: "确保全年低保资金发放总额" });
  });
  it("a change named only by its comparison (较上年提高, 较去年同期增长) is the change of the figure before", () => {
    expect(figure("全县火化率达到100%，较上年提高2个百分点。", "2个百分点")).toMatchObject({ measure: "change", indicator: "火化率增幅" });
    expect(figure("累计发放低保资金1876.5万元，较去年同期增长4.2%。", "4.2%")).toMatchObject({ measure: "change", indicator: "发放低保资金增幅" });
  });
  it("a multiple (1.3倍 of a standard, 增长1.5倍) is no figure: 倍 is not a measure word", () => {
    expect(figures("特困人员基本生活标准按不低于当地低保标准的1.3倍确定，募集善款比上年增长1.5倍。")).toEqual([]);
  });
});

describe("domain: flood-season evacuation is disaster relief", () => {
  it("汛期转移安置 under a heading naming veterans and disaster relief", () => {
    expect(figure("二、退役军人和防灾减灾。汛期转移安置群众3456人。", "3456人").domain).toBe("disaster_relief");
  });
});

describe("kind: a deadline is not a plan word", () => {
  it("月底前 before work done (发放了) leaves the figure actual", () => {
    expect(figure("全区在3月底前为1500名老年人发放了高龄津贴。", "1500名").kind).toBe("actual");
    expect(figure("截至6月底，已完成改造200户。", "200户").kind).toBe("actual");
  });
});

describe("labels: a plan word or a heading number is not the label's", () => {
  it("将/预计 end no label; a heading number before 年检 leaves 年 in place", () => {
    expect(figure("到2025年，全市养老机构护理型床位占比将达到60%以上。", "60%以上")).toMatchObject({ year: 2025, kind: "target", indicator: "养老机构护理型床位占比" });
    expect(figure("（一）年检合格率达到92%。", "92%").indicator).toBe("年检合格率");
  });
});

describe("a total of two things and a village service site", () => {
  it("a long phrase is not cut at a conjunction: the total of two funds keeps both", () => {
    expect(figure("发放临时救助金和医疗救助资金共计1500万元。", "1500万元").indicator).toMatch(/临时救助金和医疗救助资金/);
  });
  it("村级综合服务设施 is community governance", () => {
    expect(figure("建成村级综合服务设施覆盖率98%。", "98%").domain).toBe("community_governance");
  });
});

describe("labels: ratings", () => {
  it("a grade or star rating keeps its number and letter (3A级, 4星级)", () => {
    expect(figure("全市3A级以上社会组织达到126家。", "126家").indicator).toBe("3A级以上社会组织数");
    expect(figure("4星级养老机构12家。", "12家").indicator).toBe("4星级养老机构数");
  });
});

describe("measure: more or fewer than last year", () => {
  it("比上年多50张 is a change; 下降至 names the new level, not the label", () => {
    expect(figure("全年新增养老床位200张，比上年多50张。", "50张")).toMatchObject({ measure: "change", indicator: "新增养老床位增幅" });
    expect(figure("贫困发生率下降至3.2%。", "3.2%")).toMatchObject({ measure: "rate", indicator: "贫困发生率" });
    const s = "失业率由去年的5%下降到4.2%。";
    expect(figure(s, "5%").year).toBe(2022);
    expect(figure(s, "4.2%").year).toBe(2023);
  });
});

describe("domain: 幸福院", () => {
  it("a rural happiness home (农村幸福院) is elderly care", () => {
    expect(figure("新建农村幸福院15所。", "15所").domain).toBe("elderly_care");
  });
});

describe("domain: newer names", () => {
  it("集体婚礼, 社会服务机构 and 防止返贫 name their domains", () => {
    expect(figure("开展集体婚礼3场。", "3场").domain).toBe("marriage");
    expect(figure("登记社会服务机构126家。", "126家").domain).toBe("social_organizations");
    expect(figure("防止返贫监测对象150户。", "150户").domain).toBe("social_assistance");
  });
});

describe("labels: a figure is not its own label", () => {
  it("a written-out percentage leaves the words around it (百分之九十的社区…), not itself", () => {
    expect(figure("百分之九十的社区建成日间照料中心。", "百分之九十").indicator).toBe("社区建成日间照料中心比例");
    expect(figure("实现百分之百全覆盖。", "百分之百").indicator).not.toMatch(/百分之/);
  });
});

describe("domain: weak words (社区, 救助) against strong ones", () => {
  it("a weak word does not stand against a strong one in the same clause (人民社区现有低保户)", () => {
    const t = "截止年底,人民社区现有低保户218户, 476人享受,人均覆盖面9.3%。";
    expect(figure(t, "476人").domain).toBe("social_assistance");
    expect(figure(t, "9.3%").domain).toBe("social_assistance");
  });
  it("with only a weak word in its own clause, strong evidence later in the sentence wins", () => {
    const t = "截止到3月20日下午,人民社区共组织4场民主评议会,对267户申请低保户进行了民主评议。";
    expect(figure(t, "4场").domain).toBe("social_assistance");
    // and with nothing stronger anywhere, the weak word still speaks
    expect(figure("人民社区共组织4场议事会。", "4场").domain).toBe("community_governance");
  });
  it("the title's weak word names whose report it is; a section heading's names its topic", () => {
    expect(figure("人民社区年民政工作总结\n共有15户未通过评议。", "15户").domain).toBe("other");
    expect(figure("人民社区年民政工作总结\n一、理顺社区管理体制机制\n落实书记主任负总责,2名副职具体抓分管。", "2名").domain).toBe("community_governance");
  });
});

describe("labels: two counts of the same people, and what they are given", () => {
  it("households then persons side by side are both named by what follows the second, never by the other figure", () => {
    const t = "全市14035户25559人享受城乡低保。";
    expect(figure(t, "14035户").indicator).toBe("享受城乡低保户数");
    expect(figure(t, "25559人").indicator).toBe("享受城乡低保人数");
    expect(figure("全区1300户共2308人纳入低保。", "1300户").indicator).toBe("纳入低保户数");
    // two figures of one unit are not a pair
    expect(figure("新增床位300张500张。", "300张").indicator).not.toMatch(/500/);
  });
  it("a recipient word before the figure (为, 向) and a given verb right after it name the count", () => {
    const t = "春节期间为13690户25249人发放一次性生活补贴。";
    expect(figure(t, "13690户").indicator).toBe("发放一次性生活补贴户数");
    expect(figure(t, "25249人").indicator).toBe("发放一次性生活补贴人数");
    // a noun between still names the count; without a recipient word the verb is the counted people's own
    expect(figure("向1200名困难群众发放慰问金36万元。", "1200名").indicator).toBe("困难群众人数");
    expect(figure("组织120名工作人员发放宣传资料。", "120名").indicator).toBe("工作人员人数");
  });
});

describe("measure: a change word with 均在 between, and 增长比例", () => {
  it("提标幅度均在10%以上 and 增长比例达到3% are changes; a rate with 均在 stays a rate, its label without 均在", () => {
    expect(figure("2023年我区提高了最低生活保障标准,提标幅度均在10%以上。", "10%以上")).toMatchObject({ measure: "change", indicator: "提标幅度增幅" });
    expect(figure("城乡低保人数同比增加316人,增长比例达到3%。", "3%").measure).toBe("change");
    expect(figure("全区养老机构入住率均在80%以上。", "80%以上")).toMatchObject({ measure: "rate", indicator: "养老机构入住率" });
  });
});

describe("labels: a figure after a colon", () => {
  it("is named by what stands before the colon when it has nothing but per-head words or a unit's tail of its own", () => {
    const t = "2019年困难残疾人生活补贴发放标准:165元/人·月;重度残疾人护理补贴:220元/人·月。";
    expect(figure(t, "165元", 2019).indicator).toBe("困难残疾人生活补贴发放标准");
    expect(figure(t, "220元", 2019).indicator).toBe("重度残疾人护理补贴");
    expect(figure("城市低保标准：每人每月700元。", "700元").indicator).toBe("城市低保标准每人每月金额");
    // words of its own after the colon still name it
    expect(figure("全年工作成效如下:新增床位300张。", "300张").indicator).toBe("新增床位数");
  });
});

describe("labels: words that only continue the figure before, and a trailing 了", () => {
  it("…9999人中有民政兜底对象2837户: 中有 opens no label; 救助了 ends as 救助", () => {
    const t = "全区未脱贫的3261户9999人中有民政兜底对象2837户6539人,占比65.40%。";
    expect(figure(t, "2837户").indicator).toBe("民政兜底对象户数");
    expect(figure(t, "9999人").indicator).toBe("未脱贫人数");
    expect(figure("全年我区医疗救助了59217人次。", "59217人次").indicator).toBe("医疗救助人次");
    // 中 alone is a word's first character (中心城区), kept
    expect(figure("新建3个中心城区养老服务站。", "3个").indicator).toBe("新建中心城区养老服务站数");
  });
});

describe("year: a date before the figure", () => {
  it("a year with its month names the figure's year (截至2022年12月底); 3月后 starts a period; a 的-phrase after a comparison year is the base itself", () => {
    expect(figure("截至2022年12月底,全区共有低保对象1200人。", "1200人").year).toBe(2022);
    expect(figure("2015年3月后,全市火化率100%。", "100%").year).toBe(2023);
    const t = "截止目前我区城乡低保人数达到11022人,同比2022年12月份的10706人增加316人。";
    expect(figure(t, "10706人").year).toBe(2022);
    expect(figure(t, "316人").year).toBe(2023);
    expect(figure("较2022年增长15%。", "15%").year).toBe(2023);
  });
});

describe("older reports' words (a fifth reader's findings)", () => {
  it("社救 is social assistance, 春荒 disaster relief; money a funding verb put in takes the next clause's domain", () => {
    expect(figure("另有社救对象40人。", "40人").domain).toBe("social_assistance");
    expect(figure("下拔春荒款 1.9 万元。", "1.9 万元").domain).toBe("disaster_relief");
    expect(figure("投入42万元,新建成8个居家养老服务站。", "42万元").domain).toBe("elderly_care");
    // without a funding verb the next clause does not speak for it
    expect(figure("全年42万元,新建成8个居家养老服务站。", "42万元").domain).toBe("other");
  });
  it("减幅 and an increase over the previous standard (在原基础上增加30元) are changes", () => {
    expect(figure("全乡粮食减产2171.59万公斤,减幅41%。", "41%")).toMatchObject({ measure: "change", indicator: "减幅" });
    const t = "保障标准在原基础上增加30元达到180元。";
    expect(figure(t, "30元").measure).toBe("change");
    expect(figure(t, "180元").measure).toBe("level");
  });
  it("rooms counted in Chinese numerals (倒塌房屋九十余间, 十五间) are figures; two rooms are rhetoric", () => {
    expect(figure("倒塌房屋九十余间。", "九十余间")).toMatchObject({ value: 90, qualifier: "at_least", domain: "disaster_relief" });
    expect(figures("两间房屋受损。").map((r) => r.quote)).toEqual([]);
  });
});

describe("a sixth reader's findings", () => {
  it("a 其中 sentence's figures without a domain of their own take the figure before's (a breakdown by street)", () => {
    const t = "新增老年食堂(助餐点)15个。其中北山街道1个,西溪街道2个。";
    expect(figure(t, "1个").domain).toBe("elderly_care");
    expect(figure(t, "2个").domain).toBe("elderly_care");
    // a sentence that does not open on 其中 is read on its own
    expect(figure("新增老年食堂(助餐点)15个。北山街道1个。", "1个").domain).toBe("other");
  });
  it("自治区 says nothing about self-government; a plenum's session (十二届十一次全会) is no figure", () => {
    expect(figure("对应自治区51个重点项目。", "51个").domain).toBe("other");
    expect(figures("召开市委十二届十一次全会。").map((r) => r.quote)).toEqual([]);
  });
});

describe("a second reader's counter-examples to today's rules", () => {
  it("a sentence that looks back, or 要 inside 主要/需要, opens no plan", () => {
    expect(figure("今年以来，我局主要推进了三项工作，全市新建社区养老服务中心12个。", "12个").kind).toBe("actual");
    expect(figure("按照需要新建的原则，全年新建农村互助幸福院30个。", "30个").kind).toBe("actual");
    expect(figure("全年拟新建养老机构5家，实际建成6家，完成率120%。", "6家").kind).toBe("actual");
    expect(figure("一年来，市民政局将持续深化改革与为民办实事结合起来，全年累计发放低保金1.2亿元。", "1.2亿元").kind).toBe("actual");
  });
  it("a relative year opening the sentence frames it across a semicolon", () => {
    expect(figure("去年底，全县有登记老年协会120个；养老机构45家。", "45家").year).toBe(2022);
  });
  it("全年, 当年 and 年内 are the year in context: an earlier year or 去年 still speaks for the figure (fresh3 c07)", () => {
    expect(figure("回顾2021年,全县全年共发放救助金100万元。", "100万元").year).toBe(2021);
    expect(figure("去年,全县年内新建站点5个。", "5个").year).toBe(2022);
    expect(figure("今年全年新增床位30张。", "30张").year).toBe(2023);
    // with nothing before them, the report's year
    expect(figure("全年新增床位30张。", "30张").year).toBe(2023);
    // a year the figure is measured from is a base, and 全年 the part's own year again (review of the rule)
    expect(figure("在2022年建成120张的基础上,全年新增养老床位200张。", "200张").year).toBe(2023);
    expect(figure("在去年超额完成任务的基础上,全年新增养老床位500张。", "500张").year).toBe(2023);
    expect(figure("对照2022年省定目标,全年完成困难群众住房改造120户。", "120户").year).toBe(2023);
  });
  it("a relative year after a lead-in (据悉,去年,…) frames the whole sentence (fresh3 c07)", () => {
    const t = "据悉,去年,余姚市“慈善一日捐”活动营造了良好的慈善氛围,带动了全年募集资金,共募集善款9400余万元,总收入超过亿元大关,支出超过8300余万元。";
    expect(figure(t, "8300余万元").year).toBe(2022);
    expect(figure(t.replace("据悉,去年,", "据悉,"), "8300余万元").year).toBe(2023);
  });
  it("计划 before 新培育 or 总投资 is the verb; an item of a list shares the plan of the item before unless it says done (fresh8 p02)", () => {
    const t = "社区养老服务功能进一步完善,年内计划新培育社区400个、村屯370个,一季度已完成80个社区和74个村屯。";
    expect([figure(t, "400个", 2024).kind, figure(t, "370个", 2024).kind, figure(t, "80个", 2024).kind]).toEqual(["target", "target", "actual"]);
    expect(figure("全市民政领域共谋划项目137项,计划总投资金额162.07亿元。", "162.07亿元", 2024).kind).toBe("target");
    expect(figure("计划新建养老院3所、已建成敬老院5所。", "5所").kind).toBe("actual");
    // a list of what was done stays done; a plan in another clause does not reach it
    expect(figure("新建养老院3所、敬老院5所,明年计划再建2所。", "5所").kind).toBe("actual");
    expect(figure("年内计划新培育社区400个、村屯370个已建成。", "370个", 2024).kind).toBe("actual");
  });
  it("a programme only launched, or a project entering approval, is a plan (fresh10 t07: 200个老年宜居社区创建工作已全面铺开)", () => {
    expect(figure("及时下拨4675万元中央专项资金,200个老年宜居社区创建工作已全面铺开。", "200个", 2017).kind).toBe("target");
    expect(figure("100个农村幸福院建设全面启动。", "100个").kind).toBe("target");
    expect(figure("总投资3200万元的市福利院迁建工程进入立项程序。", "3200万元").kind).toBe("target");
    // what was paid or built before the launch stays done; a launch far beyond the clause says nothing
    expect(figure("及时下拨4675万元中央专项资金,200个老年宜居社区创建工作已全面铺开。", "4675万元", 2017).kind).toBe("actual");
    expect(figure("建成老年人助餐点120个,覆盖全部街道,为下一步老年食堂建设全面启动打下基础。", "120个").kind).toBe("actual");
  });
  it("a year opening a sentence, after a lead-in clause (记者从会议上获悉,2020年,…), frames it past its semicolons (fresh10 t04)", () => {
    const t = "记者从会议上获悉,2020年,全省城乡低保平均标准达到588元/月和5003元/年,月人均救助386元和251元;城乡特困人员基本生活标准平均每人每年8751元和6297元;建成养老床位50万张,每千名老人39张。";
    expect(figure(t, "50万张", 2021).year).toBe(2020);
    expect(figure(t, "8751元", 2021).year).toBe(2020);
    expect(figure(t.replace("记者从会议上获悉,", ""), "50万张", 2021).year).toBe(2020);
    // the lead-in clause framing a relative year too
    expect(figure(t.replace("2020年,", "去年,"), "50万张", 2021).year).toBe(2020);
    // a nearer year of its own still speaks; a year that starts a period, or one without the comma, frames nothing
    expect(figure(t.replace("建成养老床位", "2021年建成养老床位"), "50万张", 2021).year).toBe(2021);
    expect(figure(t.replace("2020年,", "2016年以来,"), "50万张", 2021).year).toBe(2021);
    expect(figure(t.replace("2020年,全省", "2020年全省"), "50万张", 2021).year).toBe(2021);
    // nor a first clause that only mentions hearing mid-way (not a lead-in), nor another sentence
    expect(figure("2020年,全省城乡低保平均标准达到588元/月。建成养老床位50万张,每千名老人39张,护理型床位占比38%,农村特困供养服务机构改造提升任务全面完成。", "38%", 2021).year).toBe(2021);
  });
  it("a 低保 household's members and the utility subsidy for poor households are social assistance (fresh10 t02)", () => {
    expect(figure("全区共有低保家庭老年人733户876人。", "876人").domain).toBe("social_assistance");
    expect(figure("区级向低保家庭重度残疾人2430人发放一次性临时生活补贴。", "2430人").domain).toBe("social_assistance");
    expect(figure("2024年11月,发放水电气补贴273130元。", "273130元").domain).toBe("social_assistance");
    // the old and the disabled on their own keep their domains
    expect(figure("全区共有80岁以上老年人876人。", "876人").domain).toBe("elderly_care");
    expect(figure("为重度残疾人2430人发放护理补贴。", "2430人").domain).toBe("disability");
  });
  it("the causes of hardship in a survey of poor households are social assistance, 残疾 among them (fresh11 v08: 因残疾致困44人)", () => {
    const t = "家庭人均收入低于当地低保标准的困难群众中,因病致困94人、因残疾致困44人、因学致困38人。";
    for (const q of ["94人", "44人", "38人"]) expect(figure(t, q).domain).toBe("social_assistance");
    expect(figure("为1200名残疾人发放两项补贴。", "1200名").domain).toBe("disability");
    // 致贫 naming why people are poor does not outweigh what they are (review)
    expect(figure("为因残致贫的2300名重度残疾人发放护理补贴。", "2300名").domain).toBe("disability");
  });
  it("a year frame ends at a clause opening on another time or a plan, and the last frame before a figure speaks (review of the frame rule)", () => {
    const y22 = "2022年,全市民政系统认真贯彻落实各项决策部署,全年发放低保金4860万元,新建幸福院25个;";
    expect(figure(`${y22}截至目前,全市共有养老机构86家,养老床位1.2万张。`, "1.2万张").year).toBe(2023);
    expect(figure(`${y22}2023年,全市新建社区养老服务中心30个,新增床位1000张,投入资金3600万元,为困难老年人实施适老化改造1800户。`, "1800户").year).toBe(2023);
    expect(figure("2018年,市民政局被评为全省民政系统先进集体,工作经验在全省推广交流;近年来,全市累计建成村级幸福院1260个,新增养老床位8600张。", "8600张").year).toBe(2023);
    // a frame earlier than the report's year never dates a plan
    const plan = figure("2020年,全县共发放救助资金8600万元,惠及困难群众3.2万人次,全面完成年度各项目标任务;“十四五”期间,全县计划新建幸福院60个,新增养老床位1200张。", "60个");
    expect([plan.kind, plan.year]).toEqual(["target", 2023]);
    // a lead-in by 据介绍, and a half-year frame
    expect(figure("据介绍,2022年,全市共发放城乡低保金1.86亿元,特困供养金5200万元,临时救助金1300万元;新建社区养老服务站点25个,新增养老床位800张。", "800张").year).toBe(2022);
    expect(figure("2022年上半年,全市累计发放城乡低保资金1.86亿元,特困人员供养资金5200万元,临时救助资金1300万元;新建社区养老服务站点25个。", "25个").year).toBe(2022);
  });
  it("a launch makes a count a plan only when the work on it is launched (review of the launch rule)", () => {
    expect(figure("全市1.2万户特殊困难老年人家庭适老化改造工作全面启动。", "1.2万户").kind).toBe("target");
    expect(figure("100个农村幸福院建设工作已于年初全面展开。", "100个").kind).toBe("target");
    for (const [t, q] of [
      ["目前,“时间银行”模式已在全市156个社区全面铺开。", "156个"],
      ["全区已有132个村(社区)全面启动“一老一小”关爱服务。", "132个"],
      ["完成300户适老化改造后全面启动第二批改造。", "300户"],
      ["全区23个街道社工站于2022年正式启动运营,服务群众2万人次。", "23个"],
      ["全市已有45个社区养老服务综合体建成并全面启动服务。", "45个"],
    ]) expect(figure(t, q).kind).toBe("actual");
  });
  it("a planned thing then done is a record; a list item that says done keeps its own kind (review of the 计划 and list rules)", () => {
    expect(figure("去年计划新开的12家社区食堂已全部开业运营。", "12家").kind).toBe("actual");
    expect(figure("年初计划新设的8个社工站已全部建成并投入运营。", "8个").kind).toBe("actual");
    expect(figure("计划新开的老年食堂20家中,已有16家开业。", "20家").kind).toBe("target");
    for (const [t, q] of [
      ["计划新建养老床位500张、实际新建620张。", "620张"],
      ["下达年度危房改造任务120户、已开工115户、竣工98户。", "115户"],
      ["计划投资1200万元、到位资金860万元。", "860万元"],
      ["下达年度低保扩围任务1500人、新纳入1620人。", "1620人"],
    ]) expect(figure(t, q).kind).toBe("actual");
  });
  it("the weak-word look-ahead stops at a clause on another matter (同时…); 救助管理站 is strong", () => {
    expect(figure("全年累计救助1200人次，同时为800名残疾人发放两项补贴。", "1200人次").domain).toBe("social_assistance");
    expect(figure("市救助管理站2023年工作总结\n全年接待860人次。", "860人次").domain).toBe("social_assistance");
  });
  it("a noun before the figure still names it before a receiving verb", () => {
    expect(figure("农村五保户56户、孤儿12人享受集中供养。", "12人").indicator).toBe("孤儿人数");
  });
  it("a colon's lead-in (具体如下, 经研究决定) names nothing; a raise before the colon is dropped", () => {
    expect(figure("具体如下：每人每月700元。", "700元").indicator).toBe("每人每月金额");
    expect(figure("城乡低保标准分别提高至：每人每月800元、每人每月650元。", "800元").indicator).toBe("城乡低保标准每人每月金额");
  });
  it("funded money takes the next clause's domain only when that clause says what the money did", () => {
    expect(figure("全年共投入各类民政资金2.3亿元，城乡低保对象较上年减少1200人。", "2.3亿元").domain).toBe("other");
    expect(figure("拨付资金80万元，全年共办理婚姻登记5600对。", "80万元").domain).toBe("other");
  });
  it("a 其中 sentence takes the domain of the figure before in its own unit", () => {
    const t = "全年办理结婚登记3200对，发放低保金500万元。其中，城区2800对，农村400对。";
    expect(figure(t, "2800对").domain).toBe("marriage");
  });
  it("换届 counts villages; 十间房 is a place", () => {
    expect(figure("完成村委会换届186个。", "186个").value).toBe(186);
    expect(figures("十间房村新建互助幸福院1个。").map((r) => r.quote)).toEqual(["1个"]);
  });
});

describe("a comparison with a named year, and person-days", () => {
  it("比2022年12月增加316人 is a change; 2100人天 counts person-days, not people", () => {
    expect(figure("截止目前城乡低保人数11022人,比2022年12月增加316人。", "316人").measure).toBe("change");
    // a year blanked in a template is a named year too
    expect(figure("总产3124.97万公斤,比XX年的5296.56万公斤减产2171.59万公斤。", "2171.59万公斤")).toMatchObject({ measure: "change", indicator: "减产" });
    expect(figure("为受助人员提供临时住宿2100人天。", "2100人天")).toMatchObject({ unit: "other", measure_word: "人天" });
  });
});
