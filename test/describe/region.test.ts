// Region rules on small texts made of real report sentences.
import { afterAll, describe, expect, it } from "vitest";
import { describeDocument, loadDescribeReference } from "../../pipelines/describe/index.ts";
import type { CleanText } from "../../pipelines/types.ts";
import { REFERENCE_DIR, referenceWith, removeReferenceCopies } from "../extract/helpers.ts";
import { describeRef, ingestOk } from "../ingest/helpers.ts";

function describeText(text: string, fileName = "doc.txt") {
  const clean: CleanText = ingestOk(Buffer.from(text), fileName);
  return describeDocument(clean, fileName, describeRef);
}

const FILLER = "一是救助更加集成。更新编订和印发社会救助典型案例及常见问题解答汇编。二是救助更加积极。今年以来全区累计发放临时救助金额48.14万,发放人数257人次。";

describe("region", () => {
  it("leaves the region empty when the text names no place", () => {
    const d = describeText(`区民政局2023年工作总结\n${FILLER}`);
    expect(d.region.code).toBe("");
    expect(d.region.evidence).toMatch(/names no place/);
  });

  it("does not trust street names that exist in many provinces when they do not cluster", () => {
    // 永兴街道, 海滨街道, 城南街道, 中心镇: each in several provinces, no two under one county
    const d = describeText(`区民政局2023年工作总结\n${FILLER}永兴街道、海滨街道新建居家养老服务站2家。城南街道、中心镇完成适老化改造100户。`);
    expect(d.region.code).toBe("");
  });

  it("places a town's own report by its town when only one county has that name and the body names no other (fresh3 c05)", () => {
    const d = describeText(`四铺镇2023年三季度民政工作落实情况\n四铺镇民政办切实履行社会事务管理功能。${FILLER}`);
    expect(d.region.code).toBe("340621");
    expect(d.region.level).toBe("town");
    expect(d.region.name).toBe("四铺镇");
    // a town name many counties have says nothing; nor does one whose body names another county
    expect(describeText(`城关镇2023年民政工作总结\n${FILLER}`).region.code).toBe("");
    expect(describeText(`四铺镇2023年三季度民政工作落实情况\n${FILLER}赴灵璧县学习先进经验。`).region.code).toBe("");
    // a town further into the title is visited or written about; a county bureau's report is the county's (review)
    expect(describeText(`赴朱家角镇学习考察社区养老服务的报告\n${FILLER}`).region.code).toBe("");
    expect(describeText(`县民政局关于同里镇敬老院消防安全隐患整改情况的报告\n${FILLER}`).region.level).not.toBe("town");
    expect(describeText(`【工作落实】四铺镇2023年三季度民政工作落实情况\n${FILLER}`).region.code).toBe("340621");
    // or a news page whose opening line starts with the street (fresh4 e06); not a visit further into the line
    expect(describeText(`新闻动态\n钢山街道奋力书写民生满意答卷\n近年来,钢山街道以保基本为导向。${FILLER}`).region.code).toBe("370883");
    expect(describeText(`新闻动态\n我局赴钢山街道调研\n近年来,${FILLER}`).region.code).toBe("");
  });

  it("places a district report by three of its streets", () => {
    const d = describeText(`区民政局2021年上半年工作总结\n${FILLER}瑶溪街道五和、蒲州街道万年青、状元街道元善为老等项目落地。`);
    expect(d.region.code).toBe("330303");
    expect(d.region.evidence).toMatch(/瑶溪街道/);
  });

  it("places a city report by the counties it names", () => {
    const d = describeText(`市民政局2022年工作总结\n${FILLER}张家港市、太仓市、昆山市、吴中区、姑苏区等地打造多个沉浸式公园式婚姻登记场所。`);
    expect(d.region.code).toBe("320500");
    expect(d.region.level).toBe("city");
  });

  it("uses the place the title names, down to the district", () => {
    const d = describeText(`常州市天宁区民政局2024年工作总结\n${FILLER}`);
    expect(d.region).toMatchObject({ code: "320402", name: "天宁区", city: "常州市", level: "county" });
    expect(d.region.evidence).toMatch(/title/);
  });

  it("keeps the district the title names whatever the body names (the body is then not read for places)", () => {
    // three streets of 龙湾区 and 温州市 itself, named again and again: enough to place a report without a title
    const streets = "瑶溪街道五和、蒲州街道万年青、状元街道元善为老等项目落地,温州市民政局督导。".repeat(3);
    const d = describeText(`常州市天宁区民政局2024年工作总结\n${FILLER}${streets}`);
    expect(d.region).toMatchObject({ code: "320402", name: "天宁区", level: "county" });
    expect(describeText(`区民政局2024年工作总结\n${FILLER}${streets}`).region.code).toBe("330303");
  });

  it("settles an ambiguous district name in the title (鼓楼区 is in several cities) by the body, else leaves it empty", () => {
    expect(describeText(`鼓楼区民政局2023年工作总结\n${FILLER}`).region.code).toBe("");
    const d = describeText(`鼓楼区民政局2023年工作总结\n${FILLER}获评南京市养老服务先进单位,湖南路街道、宁海路街道、华侨路街道新增助餐点3个。`);
    expect(d.region.code).toBe("320106");
  });

  it("gives a functional zone its parent city's code and keeps the zone's name", () => {
    const d = describeText(`苏州工业园区社会事业局2023年工作总结\n${FILLER}`);
    expect(d.region).toMatchObject({ code: "320500", name: "苏州工业园区", city: "苏州市" });
    const bh = describeText(`天津滨海新区民政局2023年工作总结\n${FILLER}`);
    expect(bh.region.code).toBe("120116");
  });

  it("reads a city's short name with a zone word as a zone of that city when the zone list lacks it (fresh4 e07: 岳阳经开区)", () => {
    const d = describeText(`岳阳经开区民政局晒出第一季度民政工作“成绩单”\n${FILLER}`);
    expect(d.region).toMatchObject({ code: "430600", name: "岳阳经开区" });
    expect(d.agency).toBe("岳阳经开区民政局");
    // 岳阳 alone is both the city and 岳阳县: no zone word, no pick
    expect(describeText(`岳阳民政局晒出第一季度民政工作“成绩单”\n${FILLER}`).region.code).toBe("");
    // a zone the alias table places keeps its entry (杭州高新区 is 滨江区's, not the city's or both)
    expect(describeText(`杭州高新区社会事务局2023年度工作总结\n${FILLER}`).region).toMatchObject({ code: "330108", name: "杭州高新区" });
  });

  it("reads an Inner Mongolian banner by its standard abbreviation (fresh11 v08: 科右中旗; fresh9 s05: 新左旗)", () => {
    expect(describeText(`科右中旗城镇困难群众摸底排查工作情况\n来源:科右中旗民政局 时间:2022-06-29 08:05:04\n${FILLER}`).region).toMatchObject({ code: "152222", name: "科尔沁右翼中旗" });
    expect(describeText(`东乌旗民政局2023年工作总结\n${FILLER}`).region.code).toBe("152525");
  });

  it("a reviewer's counter-examples to the session's place rules", () => {
    // a district government's document is not the author's; another province cited in passing is not the author
    expect(describeText(`区民政局工作总结\n今年以来,区民政局积极学习兄弟区经验,龙岗区政府印发《深圳市龙岗区社区养老服务办法》后,我局组织专题学习。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).region.code).toBe("");
    expect(describeText(`省民政厅工作总结\n今年以来,全省民政系统扎实推进各项工作,全省新增养老床位2万张。据了解,浙江民政在智慧养老方面起步较早,其“浙里养”平台值得关注。全省…全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).region.code).toBe("");
    // a zone named after a city whose county the body places it in (长沙经开区, 星沙街道): the county
    expect(describeText(`长沙经开区社会事务局工作总结\n今年以来,社会事务局联合星沙街道、泉塘街道,扎实推进社会救助和养老服务工作。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).region.code).toBe("430121");
    // 海南 is a province's short name: no made-up zone of 青海's 海南州
    expect(describeText(`海南经济开发区社会事务局工作总结\n今年以来,我省民政系统…全省…全省…我局积极对接海口、三亚等市县,扎实推进社会救助工作。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).region.code).not.toBe("632500");
    // a listed zone's shortened form keeps its listed place (杭州经济技术开发区 → 钱塘区)
    expect(describeText(`杭州经开区社会事务局2023年工作总结\n${FILLER}`).region.code).toBe("330114");
  });

  it("a text at a province's level speaks of its own province by its short name before 民政 (fresh10 t08, t09)", () => {
    const sd = "近年来,山东民政系统坚持以高质量党建引领民政事业高质量发展,在山东省委考核办组织的绩效考核中,省民政厅连续3年获得“优秀”等次。";
    expect(describeText(`${sd}${FILLER}`).region).toMatchObject({ code: "370000", name: "山东省" });
    const jx = "为介绍“十四五”江西民政事业发展情况,今天召开新闻发布会。全省累计发放低保资金553亿元,全省城乡低保标准实现19年连涨,全省特困供养标准同步提高。";
    expect(describeText(`${jx}${FILLER}`).region.code).toBe("360000");
    // not for a text at a city's or county's level, nor against a city of another province named in the body
    expect(describeText(`${jx.replace(/全省/g, "全市")}${FILLER}`).region.code).toBe("");
    expect(describeText(`市民政局2023年工作总结\n${sd}${FILLER}`).region.code).toBe("");
    expect(describeText(`${jx}赴杭州市学习养老服务经验。${FILLER}`).region.code).toBe("");
  });

  it("places a bare bureau by a document it issues named after a division of its level (fresh9 r01: 区民政局出台《深圳市罗湖区…》)", () => {
    const issued = "7-9月,区民政局出台《深圳市罗湖区第二届社区居民议事会规范化建设工作方案》,指导各社区开展工作。";
    const d = describeText(`区民政局2017年工作总结\n${FILLER}${issued}`);
    expect(d.region).toMatchObject({ code: "440303", name: "罗湖区" });
    // a province's or city's document cited beside it says nothing against it
    expect(describeText(`区民政局2017年工作总结\n${FILLER}印发《广东省养老服务条例》宣传册。${issued}`).region.code).toBe("440303");
    // not a document followed (按照《…》), not another level's bureau, not an ambiguous name, not two divisions
    expect(describeText(`区民政局2017年工作总结\n${FILLER}按照《深圳市罗湖区第二届社区居民议事会规范化建设工作方案》要求开展工作。`).region.code).toBe("");
    expect(describeText(`市民政局2017年工作总结\n${FILLER}${issued}`).region.code).toBe("");
    expect(describeText(`区民政局2022年工作总结\n${FILLER}拟定《南山区构建“老有颐养”民生幸福标杆三年行动计划》。`).region.code).toBe("");
    expect(describeText(`区民政局2017年工作总结\n${FILLER}${issued}修订《福田区社区议事规则》。`).region.code).toBe("");
    // nor when the body names a county elsewhere
    expect(describeText(`区民政局2017年工作总结\n${FILLER}${issued}赴宁夏利通区学习养老服务经验。`).region.code).toBe("");
  });

  it("takes a county whose name no other division shares when the body names it twice and no other county (宁夏利通区 news page)", () => {
    const text = `宁夏利通区“一二三四”解民困、办实事、促和谐\n宁夏利通区坚持“以民为本、为民解困、为民服务”的宗旨,做好全区民政工作。${FILLER}`;
    expect(describeText(text).region.code).toBe("640302");
    // once is not enough, nor twice with another county named as well
    expect(describeText(`宁夏利通区坚持“以民为本、为民解困、为民服务”的宗旨。${FILLER}`).region.code).toBe("");
    expect(describeText(`${text}与仙居县签订协作协议。`).region.code).toBe("");
    // named twice, but mid-sentence: a county visited, partnered or hosting a meeting, not the author
    for (const body of ["在利通区召开全市养老服务现场推进会。全市推广利通区“互联网+养老”经验。", "组织干部赴仙居县学习考察养老服务工作。借鉴仙居县经验，推进农村养老。", "与利通区民政局签订结对协议。接收利通区转来流浪人员5人。"]) {
      expect(describeText(`区民政局2023年工作总结\n${FILLER}${body}`).region.code).toBe("");
    }
  });

  it("an untitled text that speaks of its own place by a short name before 民政 (fresh6 k02, k07)", () => {
    const haian = "2024年以来,在市委、市政府的正确领导下,我局深入践行工作理念,不断推动海安民政事业高质量发展。对海安市人民医院血透中心尿毒症患者进行慰问。";
    expect(describeText(`${haian}${FILLER}`).region.code).toBe("320685");
    expect(describeText(`市民政局2024年工作总结\n近年来,市民政局坚持守正创新。民政部领导莅厦调研时,对厦门民政工作给予了高度肯定。${FILLER}`).region.code).toBe("350200");
    // not a place learnt from, not when another county is named, not against a bare bureau's level
    expect(describeText(`我局组织干部学习海安民政工作经验。${FILLER}`).region.code).toBe("");
    expect(describeText(`${haian}与如皋市签订协议。${FILLER}`).region.code).toBe("");
    expect(describeText(`区民政局2024年工作总结\n${haian}${FILLER}`).region.code).toBe("");
    // everyday words that are also short names (平安民政, 长寿社会) and a visitor (…一行来我市交流) place nothing
    expect(describeText(`2023年全县扎实推进平安民政建设,持续深化长寿社会创建。${FILLER}`).region.code).toBe("");
    expect(describeText(`${haian}海安民政系统一行来我市交流。${FILLER}`).region.code).toBe("");
    // a visiting or partner bureau named in the body is not the agency either
    expect(describeText(`新会区民政局来我区考察交流。\n2023年,全区统筹推进各项工作。${FILLER}`).agency).toBe("");
    expect(describeText(`我局与海安民政局签订协议。${FILLER}`).agency).toBe("");
    // nor are the bureaus whose documents the text follows; the author signs lower down (fresh8 p07)
    const followed = `按照湖南省统计局、湖南省人力资源和社会保障局、市委、市政府相关文件精神,现将我单位承办的2023年重点民生实事项目完成情况予以公示。${FILLER}\n蒸湘区民政局,地址:衡阳市蒸湘区红湘北路4号`;
    expect([describeText(followed).agency, describeText(followed).region.code]).toEqual(["蒸湘区民政局", "430408"]);
    expect(describeText(`贯彻落实湖南省民政厅、长沙市民政局文件精神,我局扎实推进各项工作。${FILLER}`).agency).toBe("");
    // nor a bureau that praised the author (fresh11 v06: “五社联动”试点被省民政厅通报表彰)
    expect(describeText(`“四型”社区建设受到省委主要领导肯定批示,“五社联动”试点被省民政厅通报表彰。${FILLER}`).agency).toBe("");
    expect(describeText(`全市社会救助工作受到市民政局表扬。${FILLER}`).agency).toBe("");
    // but a bureau that is the subject after the lead-in (根据工作安排宁乡市民政局牵头开展…) is the author
    expect(describeText(`根据工作安排宁乡市民政局牵头开展困难群众走访。${FILLER}`).agency).toBe("宁乡市民政局");
  });

  it("a bare district bureau's report whose body has one district speak as the author, twice (fresh5 f04)", () => {
    const body = "2020年来,新会区民政部门统筹做好民政服务机构疫情防控工作。全年新入住老人710名。新会区共有13家社工机构参与一线防控。";
    expect(describeText(`区民政局2020年工作成效及2021年工作计划\n${body}${FILLER}`).region.code).toBe("440705");
    // a county bureau is not a district's; named once is not enough
    expect(describeText(`县民政局2020年工作成效\n${body}${FILLER}`).region.code).toBe("");
    expect(describeText(`区民政局2020年工作成效\n2020年来,新会区民政部门统筹做好民政服务机构疫情防控工作。${FILLER}`).region.code).toBe("");
    // a partner, visitor or model named again at a sentence's start is not the author; 老城区 is an everyday word
    for (const other of ["与新会区民政局签订合作协议。新会区民政局派员来我区交流。", "我局学习借鉴新会区社会救助经验。新会区社会救助工作走在全市前列。", "\n新会区民政局来我区考察交流；\n新会区民政局与我局签订协作协议。", "老城区社区养老服务覆盖率提升,老城区社会组织活跃。"]) {
      expect(describeText(`区民政局2023年工作总结\n2023年,全区扎实推进各项工作。${other}${FILLER}`).region.code).toBe("");
    }
  });

  it("reads the division code carried by a portal index number (unified social credit code)", () => {
    const text = ["1133028241969155XE/2024-177750", "市民政局", "计划总结", "2024-07-04", "2024-07-04", "面向社会", `2023年,市民政局坚持稳中求进工作总基调。${FILLER}慈溪市新增养老床位120张,慈溪市老年食堂15家,慈溪市助浴服务覆盖全市。`].join("\n");
    const d = describeText(text);
    expect(d.region.code).toBe("330282");
    expect(d.region.evidence).toMatch(/index number/);
  });

  it("takes the county an index number's code names when the body names it once too (仙居县 portal page)", () => {
    const text = `索引号 113310247405400961/2024-104569\n发布机构 县民政局\n县民政局2023年重点工作总结\n${FILLER}仙居县乡镇养老服务中心二期项目通过审批。`;
    const d = describeText(text);
    expect(d.region.code).toBe("331024");
    expect(d.region.evidence).toMatch(/仙居县 1 time and the index number/);
    // the index number alone is not enough
    expect(describeText(`索引号 113310247405400961/2024-104569\n发布机构 县民政局\n县民政局2023年重点工作总结\n${FILLER}`).region.code).toBe("");
  });

  it("takes the city an index number's leading division code names (530400 2017…) when the body's places lie in it", () => {
    const text = `| 索引号 | 5304002017607969 |\n民政部到我市调研殡葬改革工作\n调研组先后来到凤麓街道牛宝山公墓,江川区大街街道福德山公墓。${FILLER}`;
    const d = describeText(text);
    expect(d.region.code).toBe("530400");
    expect(d.region.evidence).toMatch(/index number/);
  });

  it("does not take a higher-level or neighbouring place mentioned once as the region", () => {
    const d = describeText(`区民政局2023年工作总结\n${FILLER}获评浙江省民政系统先进集体,赴杭州市学习考察。`);
    expect(d.region.code).toBe("");
  });

  it("counts a document number that abbreviates city and district (温龙减办) as agreeing evidence", () => {
    const streets = "瑶溪街道五和、状元街道元善为老等项目落地。";
    expect(describeText(`区民政局2021年上半年工作总结\n${FILLER}${streets}`).region.code).toBe("");
    const d = describeText(`区民政局2021年上半年工作总结\n${FILLER}${streets}印发关于做好2021年防灾备灾工作的通知(温龙减办20212号)。`);
    expect(d.region.code).toBe("330303");
    expect(d.region.evidence).toMatch(/温龙减办/);
  });

  it("places a province report by the cities it names", () => {
    const d = describeText(`省民政厅2023年工作总结\n${FILLER}南京市、苏州市、无锡市、常州市获评全国居家和社区养老服务改革试点优秀地区。`);
    expect(d.region).toMatchObject({ code: "320000", level: "province", province: "江苏省" });
  });

  it("finds a two-character county name and a bare short name in the title", () => {
    expect(describeText(`泾县民政局2023年工作总结\n${FILLER}`).region.code).toBe("341823");
    expect(describeText(`慈溪民政2023年工作总结\n${FILLER}`).region.code).toBe("330282");
  });

  it("keeps a city report at city level when it names one county (and one of its towns) often but itself more", () => {
    const text = `市民政局2023年工作总结\n${FILLER}苏州市新增养老床位1210张。苏州市养老服务体系建设获省政府督查激励。苏州市福彩销售23.6亿元。苏州市婚姻登记场所入选十佳新事。张家港市社会救助服务中心获评先进单位,张家港市新增助餐点20个,张家港市杨舍镇完成适老化改造100户。`;
    expect(describeText(text).region.code).toBe("320500");
  });

  it("resolves a division abolished or renamed since 2008 to the one that took it over", () => {
    expect(describeText(`闸北区民政局2010年工作总结\n${FILLER}`).region).toMatchObject({ code: "310106", name: "静安区" });
    expect(describeText(`金坛市民政局2012年工作总结\n${FILLER}`).region).toMatchObject({ code: "320413", level: "county" });
    expect(describeText(`襄樊市民政局2009年工作总结\n${FILLER}`).region).toMatchObject({ code: "420600", level: "city" });
  });

  it("places a blanked district inside the province the title names, when the body's streets agree", () => {
    const streets = "瑶溪街道五和、海滨街道夕阳系彩、蒲州街道万年青、状元街道元善为老等项目落地。";
    expect(describeText(`浙江省**区民政局2021年上半年工作总结\n${FILLER}${streets}`).region.code).toBe("330303");
    // without the blank the title's province stands
    expect(describeText(`浙江省民政厅2021年上半年工作总结\n${FILLER}${streets}`).region.code).toBe("330000");
    // streets of another province do not move it
    expect(describeText(`江苏省**区民政局2021年上半年工作总结\n${FILLER}${streets}`).region.code).toBe("320000");
  });

  describe("well-known aliases (place-aliases.csv)", () => {
    const TZ = "区委社会工委区民政局2020年工作总结\n2020年区委社会工委区民政局紧紧围绕城市副中心建设大局,大力践行以人民为中心的发展理念。";
    const TZ_END = "我区将继续开拓创新,为北京城市副中心建设做出新的贡献。";

    it("places a district report by 北京城市副中心 and 城市副中心 when nothing else is named (holdout 001)", () => {
      const d = describeText(`${TZ}${FILLER}${TZ_END}`);
      expect(d.region.code).toBe("110112");
      expect(d.region.evidence).toMatch(/北京城市副中心/);
    });

    it("places a city report by an enterprise named after its city, named twice (holdout 003)", () => {
      const d = describeText(`篇一\n20xx年我市民政工作在市委、市政府的领导下,在省民政厅的指导下取得了明显成效。全市城市低保对象33087户57374人,其中市本级23502户41878人,双矿集团低保对象6273户。四是重点对双矿集团开展救助。已救助符合条件的人员957人。`);
      expect(d.region.code).toBe("230500");
      expect(d.region.level).toBe("city");
    });

    it("does not place a report by a generic alias alone, by one mention, at the wrong level, or against other places", () => {
      expect(describeText(`区民政局2020年工作总结\n紧紧围绕城市副中心建设大局。${FILLER}服务城市副中心。`).region.code).toBe("");
      expect(describeText(`区民政局2020年工作总结\n${FILLER}${TZ_END}`).region.code).toBe("");
      expect(describeText(`区民政局工作总结\n${FILLER}双矿集团低保对象6273户。重点对双矿集团开展救助。`).region.code).toBe("");
      expect(describeText(`${TZ}${FILLER}${TZ_END}海淀区、朝阳区对口帮扶。`).region.code).toBe("");
    });
  });
});

describe("place-names.json drives the place words", () => {
  afterAll(removeReferenceCopies);
  const describeWith = (dir: string, text: string) => describeDocument(ingestOk(Buffer.from(text), "doc.txt"), "doc.txt", loadDescribeReference(dir));
  const without = (list: unknown, word: string) => (list as string[]).filter((w) => w !== word);

  it("knows a city by its short name, the name less a level word it lists", () => {
    const text = `苏州民政局2023年工作总结\n${FILLER}`;
    expect(describeWith(REFERENCE_DIR, text).region.name).toBe("苏州市");
    const noCityWord = referenceWith("place-names.json", (p) => (p.levelSuffixes = without(p.levelSuffixes, "市")));
    expect(describeWith(noCityWord, text).region.name).not.toBe("苏州市");
  });

  it("names the file and the entry when one is malformed", () => {
    const broken = referenceWith("place-names.json", (p) => (p.documentNumberEnd = "文"));
    expect(() => loadDescribeReference(broken)).toThrow(/place-names\.json: "documentNumberEnd" must be what documentNumber ends with/);
  });
});
