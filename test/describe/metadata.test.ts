// Report year, period, title and published date rules on small real-shaped texts.
import { afterAll, describe, expect, it } from "vitest";
import { describeDocument, loadDescribeReference } from "../../pipelines/describe/index.ts";
import { REFERENCE_DIR, referenceWith, removeReferenceCopies } from "../extract/helpers.ts";
import { describeRef, ingestOk } from "../ingest/helpers.ts";

const BODY = "全年新增养老床位120张,发放高龄津贴3049.08万元,完成婚姻登记1876对。";
const describeText = (text: string, fileName = "doc.txt") => describeDocument(ingestOk(Buffer.from(text), fileName), fileName, describeRef);

describe("report year and period", () => {
  const cases: Array<[string, number | null, string]> = [
    ["宁波高新区社会事务管理局2023年度工作总结及2024年工作思路", 2023, "annual"],
    ["区民政局2021年上半年工作总结和下半年工作思路", 2021, "H1"],
    ["市民政局2019年下半年工作总结", 2019, "H2"],
    ["县民政局2022年第一季度工作总结", 2022, "Q1"],
    ["区民政局2024年第一季度工作小结", 2024, "Q1"],
    ["县民政局2023年1-9月工作情况", 2023, "Q3"],
    ["县民政局2020年第三季度工作情况汇报", 2020, "Q3"],
    ["市民政局关于2024年工作计划和2023年工作总结的报告", 2023, "annual"],
    ["区民政局2024年工作要点", 2024, "annual"],
    ["2021年浙江省民政事业发展统计公报", 2021, "annual"],
    ["2021年内蒙古自治区民政事业发展统计公报", 2021, "annual"],
    ["市民政局二〇一八年工作总结", 2018, "annual"],
    ["2010年民政工作总结", 2010, "annual"],
  ];
  for (const [title, year, period] of cases) {
    it(`${title} → ${year} ${period}`, () => {
      const d = describeText(`${title}\n${BODY}`);
      expect(d.title).toBe(title);
      expect(d.reportYear).toBe(year);
      expect(d.period).toBe(period);
    });
  }

  it("reads the year from the first section heading or the first sentence when there is no title", () => {
    expect(describeText(`一、2024年工作总结\n${BODY}`).reportYear).toBe(2024);
    expect(describeText(`2022年,在市委、市政府的正确领导下,全市民政系统${BODY}`).reportYear).toBe(2022);
  });

  it("falls back to the year the opening keeps returning to, then to the publication year", () => {
    expect(describeText(`民政工作情况\n今年以来,2019年度新增养老床位120张;截至2019年底,发放高龄津贴356万元。`).reportYear).toBe(2019);
    const d = describeText(`民政工作情况\n今年以来新增养老床位120张。\n区民政局\n2016年12月20日`);
    expect(d.published).toBe("2016-12-20");
    expect(d.reportYear).toBe(2016);
  });

  it("does not read a year from a 20xx年 placeholder (but a yearly summary is still annual)", () => {
    const d = describeText(`区民政局20xx年工作总结\n${BODY}`);
    expect(d.reportYear).toBeNull();
    expect(d.period).toBe("annual");
  });

  it("rejoins a title broken over two lines after the agency", () => {
    const d = describeText(`宁波市鄞州区民政局\n2023年度工作总结及2024年工作思路\n${BODY}`);
    expect(d.title).toBe("宁波市鄞州区民政局2023年度工作总结及2024年工作思路");
    expect(d.region.code).toBe("330212");
  });

  it("drops a file extension and a site name from a title line", () => {
    expect(describeText(`区民政局2022年工作总结.docx - 原创力文档\n${BODY}`).title).toBe("区民政局2022年工作总结");
  });

  it("takes the title from a document file name when the text has none", () => {
    const d = describeText(BODY, "区民政局2021年上半年工作总结和下半年工作思路.doc");
    expect(d.title).toBe("区民政局2021年上半年工作总结和下半年工作思路");
    expect(d.reportYear).toBe(2021);
    expect(d.period).toBe("H1");
  });

  it("reads the publication date from a closing date line", () => {
    const d = describeText(`区民政局2023年工作总结\n${BODY}\n区民政局\n2024年1月15日`);
    expect(d.published).toBe("2024-01-15");
    expect(describeText(`区民政局2023年工作总结\n${BODY}\n区民政局\n二〇二四年一月二十一日`).published).toBe("2024-01-21");
    expect(describeText(`区民政局2023年工作总结\n(2024年2月3日)\n${BODY}`).published).toBe("2024-02-03");
  });

  it("reads a notice's title (…的通知) without the page's date after it, and that date as the publication date (fresh10 t03)", () => {
    const d = describeText(`上海市民政局关于下达2025年民心工程和为民办实事项目任务指标的通知 ( 2025-01-27 )\n各区民政局:\n${BODY}`);
    expect([d.title, d.published, d.reportYear]).toEqual(["上海市民政局关于下达2025年民心工程和为民办实事项目任务指标的通知", "2025-01-27", 2025]);
    expect(describeText(`市民政局2023年工作总结（2024年1月15日）\n${BODY}`).title).toBe("市民政局2023年工作总结");
  });

  it("reads a news page's dateline with its time of day, and a 时间 field, as the publication date", () => {
    const news = describeText(`2024-02-29 10:27:28\n记者昨日从全市民政工作会议上获悉,今年我市将新增养老床位700张。`);
    expect(news.published).toBe("2024-02-29");
    // no year in the text: the report is the year it was published in
    expect(news.reportYear).toBe(2024);
    expect(news.period).toBe("annual");
    expect(describeText(`看看新闻\n2021-01-27 20:45\n${BODY}`).published).toBe("2021-01-27");
    expect(describeText(`来源:果洛州政府办    时间:2016年11月18日    编辑:段福善\n${BODY}`).published).toBe("2016-11-18");
    // day first with dots (fresh4 e07): 1 April, not 4 January; only as a whole line, never a figure like 12.5.2015年
    expect(describeText(`岳阳经开区民政局晒出第一季度民政工作“成绩单”\n01.04.2015 13:33\n本文来源: 湖南新闻网\n${BODY}`).published).toBe("2015-04-01");
    expect(describeText(`区民政局晒出民政工作“成绩单”\n31.12.2016\n${BODY}`).published).toBe("2016-12-31");
    expect(describeText(`区民政局晒出民政工作“成绩单”\n13.13.2016\n${BODY}`).published).toBe("");
  });

  it("reads a header laid out as table cells (| 公开日期 | 2017-08-28 |), and a report year from an opening 2023年底", () => {
    const d = describeText(`| 索引号 | 5304002017607969 | 文     号 |   |\n| 来   源 | 玉溪网 | 公开日期 | 2017-08-28 |\n民政部到我市调研殡葬改革工作\n${BODY}`);
    expect(d.published).toBe("2017-08-28");
    expect(d.reportYear).toBe(2017);
    expect(describeText(`2023年底,我区共有享受各类困境儿童基本生活费的257名。${BODY}`).reportYear).toBe(2023);
  });

  it("does not take a bureau named inside a cited document's title (《…》) as the author", () => {
    const d = describeText(`2019年度海珠区残疾人两项补贴资金发放使用情况\n按照《广州市民政局 广州市财政局关于做好困难残疾人生活补贴工作的通知》要求,我局认真开展发放工作。${BODY}`);
    expect(d.agency).toBe("");
    expect(d.region.code).toBe("440105");
  });

  it("a year-end stock opening (2023年底,…) gives the year only to a text without a date; a body table's header row is not the page's header", () => {
    expect(describeText(`区民政局上半年工作总结\n发布日期：2024-07-10\n2023年底，全区户籍老年人口12.3万人。今年上半年，新增养老床位200张。`).reportYear).toBe(2024);
    const d = describeText(`某县民政局2022年养老服务工作总结\n| 名称 | 床位数 | 入住人数 |\n| 县福利院 | 120 | 86 |\n${BODY}`);
    expect(d.title).toBe("某县民政局2022年养老服务工作总结");
  });

  it("an untitled snippet: a quarter opening the first sentence, or the second after a lead-in without a year (fresh5 f08)", () => {
    const q1 = describeText(`2023年第一季度,全旗发放各类社会救助资金共计337.1万元。${BODY}`);
    expect([q1.reportYear, q1.period]).toEqual([2023, "Q1"]);
    const lead = describeText(`东乌旗全面贯彻落实各项民生政策,切实保障困难群众基本生活。2023年第一季度,发放各类社会救助资金共计337.1万元,惠及3014人。`);
    expect([lead.reportYear, lead.period]).toEqual([2023, "Q1"]);
    // a first sentence that names a year of its own is not a lead-in; a titled text takes its year from the title
    expect(describeText(`2019年以来,全县持续推进养老服务改革。2023年第一季度,新增养老床位120张。`).reportYear).toBe(2019);
    expect(describeText(`县民政局2022年工作总结\n全县民政系统持续推进改革,成效明显。2023年第一季度,新增养老床位120张,全年发放高龄津贴3049.08万元。`).reportYear).toBe(2022);
  });

  it("an undated opening that names one year only, as the year of the plan it works to, reports on that year (fresh3 c03)", () => {
    const h1 = describeText(`乡镇民政工作上半年总结\n上半年,我镇民政工作在市民政局的正确指导下,结合我镇2012年民政工作要点,圆满完成了上半年的工作任务。${BODY}`);
    expect([h1.reportYear, h1.period]).toEqual([2012, "H1"]);
    expect(describeText(`民政办工作总结\n今年以来,我办认真落实《2023年全省民政工作要点》,各项工作取得新进展。${BODY}`).reportYear).toBe(2023);
    // the title's period stands, month ranges included
    const q3 = describeText(`民政局1-9月工作总结\n今年以来,我局对照年初确定的2023年重点工作,逐项推进。${BODY}`);
    expect([q3.reportYear, q3.period]).toEqual([2023, "Q3"]);
    // not next year's section, a plan for a later part, a year as a start, a second year, or over the page's own date
    expect(describeText(`县民政局工作总结\n今年以来,我局扎实推进各项工作。\n三、2024年工作打算\n(一)计划新建养老服务站2个。`).reportYear).toBeNull();
    expect(describeText(`民政所上半年工作总结\n上半年,我所按照2023年下半年工作计划做好准备。${BODY}`).period).toBe("H1");
    expect(describeText(`县民政局工作总结\n今年我局扎实推进各项工作,2021年以来重点打造一刻钟养老服务圈。${BODY}`).reportYear).toBeNull();
    expect(describeText(`上半年,我镇民政工作结合我镇2012年民政工作要点推进,敬老院于2011年建成。${BODY}`).reportYear).toBeNull();
    expect(describeText(`社区民政工作总结\n发布日期：2023-12-28\n今年以来,我们按照2024年工作计划提前谋划。${BODY}`).reportYear).toBe(2023);
    // a first-quarter report that starts its year well (fresh8 p02); not a year-end summary saying the same of next year
    const q1 = describeText(`一季度以来,市民政局各项重点任务稳步推进,为2024年各项工作开好局、起好步奠定了坚实基础。\n一、一季度工作完成情况\n${BODY}`);
    expect([q1.reportYear, q1.period]).toEqual([2024, "Q1"]);
    expect(describeText(`民政局工作总结\n今年全县全面完成各项目标任务,为2024年各项工作开好局、起好步奠定了坚实基础。${BODY}`).reportYear).toBeNull();
    // a period named bare, then once with its year (fresh7 m06); not a span of another period, not a comparison
    const h1Span = describeText(`上半年工作总结\n上半年,我局按照县委县政府工作部署,统筹推进民政事业发展。低保标准提高到1255元/月,2023年1-6月,主动发现困难群众58人。${BODY}`);
    expect([h1Span.reportYear, h1Span.period]).toEqual([2023, "H1"]);
    const q3Span = describeText(`前三季度工作总结\n前三季度,我局统筹推进民政事业发展。2021年前三季度,共发放低保金320万元。${BODY}`);
    expect([q3Span.reportYear, q3Span.period]).toEqual([2021, "Q3"]);
    expect(describeText(`上半年工作总结\n上半年,我局统筹推进民政事业发展。2023年1-9月,主动发现困难群众58人。${BODY}`).reportYear).toBeNull();
    expect(describeText(`上半年工作总结\n上半年,我局统筹推进民政事业发展,发放低保金320万元,与2022年1-6月相比增长5%。${BODY}`).reportYear).toBeNull();
    // nor a sentence that looks ahead (谋划, 明年) or to a five-year plan's end year
    expect(describeText(`民政局工作总结\n今年以来,我局围绕2024年重点工作提前谋划。${BODY}`).reportYear).toBeNull();
    expect(describeText(`民政局中期评估报告\n我局对照“十四五”规划确定的2025年目标任务逐项评估。${BODY}`).reportYear).toBeNull();
  });

  it("does not count a comparison base (较2020年) as the year an undated opening keeps coming back to (fresh10 t08)", () => {
    const t = "近年来,山东民政系统坚持以高质量党建引领民政事业高质量发展。城乡低保平均标准每人每月1010元和838元,较2020年分别增长38%、49.6%;城乡特困人员基本生活标准每人每月1353元和1126元,较2020年分别增长34.1%、44.9%。";
    expect(describeText(t).reportYear).toBeNull();
    expect(describeText(t.replace(/较2020年/g, "2020年")).reportYear).toBe(2020);
  });

  it("an undated news page whose one year opens a paragraph among its first lines reports on that year (fresh10 t05)", () => {
    const page = `西湖民政局连续五年荣获“全市民政工作先进单位”\n(会议现场)\n3月26日,全市民政工作会议上传来喜讯,西湖民政局再次被评为“全市民政工作先进单位”,这已是连续五年获此殊荣。\n会上,西湖管理区民政局局长作了典型发言,介绍了工作经验,得到市民政局的充分肯定和高度赞扬。\n`;
    expect(describeText(`${page}2020年度,西湖民政工作在社会救助、优抚安置、慈善福利等各个方面狠下功夫,稳步推进民政工作跨越发展。\n${BODY}`).reportYear).toBe(2020);
    // not a second year, not a year's end, not a page with its own date, not a year mid-sentence
    expect(describeText(`${page}2020年度,西湖民政工作在社会救助、优抚安置、慈善福利等各个方面狠下功夫,2019年建成的敬老院新增床位30张。\n${BODY}`).reportYear).toBeNull();
    expect(describeText(`${page}2020年底,全区共有低保对象1074人,全年共发放低保资金373万余元,临时救助389万元,救助对象达4299余人。\n${BODY}`).reportYear).toBeNull();
    expect(describeText(`${page}2020年度,西湖民政工作在社会救助、优抚安置、慈善福利等各个方面狠下功夫,稳步推进民政工作跨越发展。\n${BODY}\n2022-03-27 10:00`).reportYear).toBe(2022);
    expect(describeText(`${page}西湖民政工作在2020年度社会救助、优抚安置、慈善福利等各个方面狠下功夫,稳步推进民政工作跨越发展。\n${BODY}`).reportYear).toBeNull();
  });

  it("a page dated early in a year whose opening frames the year before reports on that year (fresh10 t04)", () => {
    const news = (body: string, date = "2021-01-21 15:19") => describeText(`湖南城乡低保平均标准达588元/月\n时间:${date}\n潇湘晨报长沙讯 1月20日,2021年全省民政工作会议在长沙举行。${body}`);
    expect(news("记者从会议上获悉,2020年,全省城乡低保平均标准达到588元/月,建成养老床位50万张。").reportYear).toBe(2020);
    // not a page of the year's second half, not when the page's own year frames a clause too, not without a frame
    expect(news("记者从会议上获悉,2020年,全省城乡低保平均标准达到588元/月。", "2021-08-21 15:19").reportYear).toBe(2021);
    expect(news("记者从会议上获悉,2020年,全省城乡低保平均标准达到588元/月;2021年,全省新增养老床位2万张。").reportYear).toBe(2021);
    // a plan for the page's year is no record of it (review): 2021年,全省将… leaves the year before's frame standing
    expect(news("记者从会议上获悉,2020年,全省城乡低保平均标准达到588元/月;2021年,全省将新增养老床位2万张。").reportYear).toBe(2020);
    expect(news("记者从会议上获悉,全省城乡低保平均标准达到588元/月,较2020年提高30元。").reportYear).toBe(2021);
  });

  it("reads a page's date from a field run into its title line, and a news lead or 去年 as the year before's frame (fresh11 v01, v06)", () => {
    const v01 = describeText(`县民政局立足保障“底线民生” 全力做好社会救助 作者:曹志杰 时间:2014-01-22次数:149\n本报讯2013年,县民政局立足保障“底线民生”,坚持从应助尽助的思路和目标出发。\n${BODY}`);
    expect([v01.published, v01.reportYear]).toEqual(["2014-01-22", 2013]);
    const v06 = describeText(`去年宝鸡市发放社会救助补助资金8.1亿元 惠及14.37万困难群众\n发布日期:2023-03-13 19:11:01\n(宝鸡新闻网)3月13日下午,记者从2023年全市民政工作会议上获悉,去年宝鸡市发放各类社会救助补助资金8.1亿元。${BODY}`);
    expect(v06.reportYear).toBe(2022);
    // 去年同期 is a comparison, not a frame; a page of the second half keeps its year
    expect(describeText(`县民政局工作动态\n发布日期:2023-03-13\n记者获悉,今年一季度发放低保金800万元,去年同期为750万元。${BODY}`).reportYear).toBe(2023);
    expect(describeText(`县民政局工作动态\n发布日期:2023-09-13\n记者从会议上获悉,去年全县发放低保金3200万元。${BODY}`).reportYear).toBe(2023);
  });

  it("an undated review of a finished five-year period reports on its last year (fresh11 v05: “十三五”期间,…)", () => {
    const plan = `重庆市民政事业发展“十四五”规划\n依据《“十四五”民政事业发展规划》,特制定本规划。规划期为2021—2025年,展望至2035年。\n“十三五”期间,全市民政系统深入贯彻习近平总书记关于民政工作的重要指示批示精神,全市民政事业呈现良好局面。\n基本民生保障更加有力。2016年以来,城乡低保标准分别从每人每月460元、300元提高到620元、496元。`;
    expect(describeText(plan).reportYear).toBe(2020);
    // not a plan for the period, not over a page's own date
    expect(describeText(`县民政局工作思路\n“十四五”期间,我县将新建养老服务中心12个,新增养老床位3000张。${BODY}`).reportYear).toBeNull();
    expect(describeText(`${plan}\n发布日期:2021-12-30`).reportYear).toBe(2021);
  });

  it("a second reviewer's counter-examples to the page-year and inline-date rules", () => {
    // a first quarter comparing with last year's keeps the page's year; so does a clause of 今年
    expect(describeText(`一季度婚姻登记情况通报\n发布时间:2023-04-08\n一季度,全县办理结婚登记652对,去年一季度为598对。${BODY}`).reportYear).toBe(2023);
    expect(describeText(`县民政局工作动态\n发布时间:2023-03-08\n记者获悉,去年全县发放低保金3200万元;今年,全县新增养老床位120张。${BODY}`).reportYear).toBe(2023);
    // last year's award or a start since last year frames nothing
    expect(describeText(`县民政局工作动态\n发布时间:2023-04-08\n去年,我局获评全省民政系统先进集体。${BODY}`).reportYear).toBe(2023);
    // an update time is no page date; a signature date wins over a field in the title line; a range is no date
    const upd = describeText(`县民政局年度工作总结 作者:办公室 更新时间:2024-03-15\n${BODY}\n县民政局\n2023年12月28日`);
    expect([upd.published, upd.reportYear]).toEqual(["2023-12-28", 2023]);
    expect(describeText(`县民政局社会救助工作 统计时间:2023-01-01至2023-09-30 次数:12\n${BODY}`).published).toBe("");
  });

  it("a reviewer's counter-examples to the session's year and date rules stay as they were", () => {
    // a year with a period in brackets, last year's figure, dates no half-year summary
    expect(describeText(`民政局上半年工作总结\n上半年,我局扎实推进各项工作。全县共办理结婚登记1200对(2022年上半年为1100对),离婚登记300对。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).reportYear).toBeNull();
    // a history paragraph among the first lines is not the report's year
    expect(describeText(`县社会福利中心开展敬老月活动\n近日,县社会福利中心组织开展敬老月系列活动,为入住老人送去关爱。\n全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。\n2015年,该中心被民政部评为全国模范养老机构,此后多次获得省、市表彰,成为全县养老服务的一块招牌。`).reportYear).toBeNull();
    // a dotted number ending a text is no dateline; 参与2023年 is no comparison base
    expect([describeText(`县民政局工作总结\n今年以来,我局紧紧围绕2023年民政工作要点,扎实开展各项工作。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。\n一、主要工作\n2023年全县新增养老床位300张,发放低保金1200万元。\n附:系统版本\n1.2.2020`).published, describeText(`县民政局工作总结\n今年以来,我局紧紧围绕2023年民政工作要点,扎实开展各项工作。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。\n一、主要工作\n2023年全县新增养老床位300张,发放低保金1200万元。\n附:系统版本\n1.2.2020`).reportYear]).toEqual(["", 2023]);
    expect(describeText(`民政局工作动态\n今年以来,全县民政系统扎实推进各项工作。2023年全县新增养老床位500张,积极参与2023年全省“敬老月”活动,获评优秀组织单位。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).reportYear).toBe(2023);
    // a notice quoted above the report's title does not take its place
    expect(describeText(`关于做好2022年度社会组织年报工作的通知\n民政局上半年工作总结\n上半年,我局扎实推进各项工作。全面落实城乡低保提标政策,按时足额发放各类救助资金,困难群众基本生活得到有效保障。`).title).toBe("民政局上半年工作总结");
  });

  it("a review heading of achievements (2017年突出成绩、主要工作亮点) gives the year (fresh9 r01)", () => {
    expect(describeText(`一、2017年突出成绩、主要工作亮点。\n(一)圆满完成基层队伍换届选举工作。\n${BODY}`).reportYear).toBe(2017);
  });

  it("a work report given early in a year whose first review heading names the year before reports on that year (fresh9 r02)", () => {
    const d = describeText(`2018年海珠区民政工作报告\n发布日期:2018-03-22\n一、2017年工作推进落实情况\n2017年,我局扎实做好民政工作。${BODY}`);
    expect(d.reportYear).toBe(2017);
    // a summary (总结) keeps its title's year; so does a report whose heading names its own year
    expect(describeText(`2018年民政工作总结\n一、2017年工作推进落实情况\n${BODY}`).reportYear).toBe(2018);
    expect(describeText(`2018年民政工作报告\n一、2018年工作推进落实情况\n${BODY}`).reportYear).toBe(2018);
  });

  it("finds the title below a site's banner lines", () => {
    const d = describeText(`会员登录  新用户注册 退出\n公文搜网 - 蓝秘书公文之家\n民政\n六枝特区民政局2019年工作总结及2020年工作打算\n${BODY}`);
    expect(d.title).toBe("六枝特区民政局2019年工作总结及2020年工作打算");
    expect(d.reportYear).toBe(2019);
  });

  it("leaves the report year empty rather than take a deadline or a start the opening names", () => {
    const d = describeText(`今年以来,我局扎实推进各项民政工作。全区新建养老院一所,于2019年6月底竣工投入使用。${BODY}`);
    expect(d.reportYear).toBeNull();
  });

  it("takes the agency from the signature when the title names the bureau without its place", () => {
    const d = describeText(`民政局2019年第三季度工作总结\n\n三季度,共办理结婚登记320对。\n\n西安市雁塔区民政局\n二〇一九年十月八日`);
    expect(d.agency).toBe("西安市雁塔区民政局");
    expect(d.region.code).toBe("610113");
    // with a place in the title, the title's agency stands
    expect(describeText(`长春市朝阳区民政局2022年工作总结\n${BODY}\n北京市朝阳区民政局`).region.code).toBe("220104");
    // a town's name is read whole: 孝丰镇, not the short name 丰镇 (丰镇市, Inner Mongolia) inside it
    const town = describeText(`某镇2023年民政工作总结\n${BODY}\n\n湖州市安吉县孝丰镇人民政府\n2024年1月`);
    expect(town.agency).toBe("湖州市安吉县孝丰镇人民政府");
    expect(town.region).toMatchObject({ code: "330523", name: "孝丰镇", level: "town", county: "安吉县" });
    // a street's own report: its county's code, at the town level; a county's report stays a county's
    expect(describeText(`杭州市西湖区转塘街道2023年民政工作总结\n${BODY}`).region).toMatchObject({ code: "330106", name: "转塘街道", level: "town" });
    expect(describeText(`杭州市西湖区民政局2023年工作总结\n${BODY}`).region).toMatchObject({ code: "330106", level: "county" });
    // with none anywhere, the bare bureau is still the agency
    expect(describeText(`民政局2019年第三季度工作总结\n${BODY}`).agency).toBe("民政局");
  });

  it("reads the year a first paragraph opens on when a newspaper's navigation stands before it (fresh4 e01)", () => {
    const d = describeText(`返回主页 | 郑州晚报 | 标题导航\n上一期  下一期\n以民为本、为民解困、为民服务\n中牟县全面推进民政工作长足发展 多项工作取得新突破\n\n2017年,中牟县民政工作坚持“以民为本、为民解困、为民服务”的工作宗旨,做好“基本民生”,保障“底线民生”。\n${BODY}`);
    expect(d.reportYear).toBe(2017);
    // a short line is no paragraph
    expect(describeText(`返回主页 | 标题导航\n上一期  下一期\n民政动态\n2017年,中牟县民政工作\n${BODY}`).reportYear).not.toBe(2017);
  });

  it("reads a year written straight before its period, without 年 (2022上半年工作总结)", () => {
    const d = describeText(`某区民政局2022上半年工作总结\n${BODY}`);
    expect(d.reportYear).toBe(2022);
    expect(d.period).toBe("H1");
    expect(describeText(`民政局2023前三季度工作总结\n${BODY}`).period).toBe("Q3");
    // a number run into a month range is no year
    expect(describeText(`某区民政局20221-6月工作总结\n${BODY}`).reportYear).toBe(null);
  });

  it("reads the year and period of a title run into the first paragraph (fresh3 c02)", () => {
    const d = describeText(`民政局2021年一季度工作小结在区委、区政府的领导下,民政工作紧紧围绕全区经济和发展的大局,对照区委、区政府下达的年度工作目标,精心组织。\n${BODY}`);
    expect(d.reportYear).toBe(2021);
    expect(d.period).toBe("Q1");
    // a report phrase deep in a first paragraph is not a title, nor one after 根据/据/召开 (review of the rule)
    expect(describeText(`在区委、区政府的领导下,我局认真总结2020年工作总结的经验,紧紧围绕全区经济和发展的大局,对照区委、区政府下达的目标。\n${BODY}`).reportYear).not.toBe(2020);
    expect(describeText(`据2020年第七次人口普查情况显示,全区60周岁以上老年人口达到12.3万人,占总人口的18.6%。\n${BODY}`).reportYear).not.toBe(2020);
    expect(describeText(`近日,县民政局召开2022年度工作总结表彰暨2023年上半年工作推进会,会议总结了过去一年的工作。\n${BODY}`).reportYear).not.toBe(2022);
  });

  it("a first sentence opening on a blanked year leaves the report year unknown, whatever the page's date (fresh3 d04)", () => {
    const d = describeText(`民政工作年度总结\n\n时间:2021-08-31\n\n20xx年,在镇党委、政府的正确领导下,镇民政办紧紧围绕中心工作,认真做好各项民政工作。\n${BODY}`);
    expect(d.published).toBe("2021-08-31");
    expect(d.reportYear).toBe(null);
  });

  it("reads the period from a title that names one but no year, the year coming from the page's date", () => {
    const d = describeText(`发布时间：2023-07-10\n民政局上半年工作总结\n${BODY}`);
    expect(d.reportYear).toBe(2023);
    expect(d.period).toBe("H1");
    expect(describeText(`民政局第三季度工作情况汇报\n${BODY}`).period).toBe("Q3");
    // a period word outside the report phrase says nothing
    expect(describeText(`发布时间：2023-07-10\n关于上半年养老床位的通知落实情况的工作总结\n${BODY}`).period).toBe("annual");
    // nor one after 暨/及/附 (review of the rule)
    expect(describeText(`发布时间：2024-01-08\n县民政局全年工作总结暨第四季度工作情况汇报\n${BODY}`).period).toBe("annual");
    expect(describeText(`发布时间：2024-01-08\n县民政局年度工作总结（附一季度工作情况）\n${BODY}`).period).toBe("annual");
    expect(describeText(`发布时间：2023-07-08\n民政局上半年工作总结及下半年工作计划\n${BODY}`).period).toBe("H1");
    // a fourth quarter dated only by a page of next January is the year before's
    const q4 = describeText(`发布时间：2024-01-08\n县民政局第四季度工作总结\n${BODY}`);
    expect([q4.reportYear, q4.period]).toEqual([2023, "Q4"]);
  });

  it("reads the period from an opening that starts with 上半年 when the title names none (holdout 006, 012)", () => {
    const d = describeText(`县政府民政工作总结\n\n上半年,我局在县委、县政府的领导和在上级民政部门的指导下,较好的完成了上半年的目标任务。\n\n一、上半年工作开展情况\n2010年新增养老床位120张,2010年发放高龄津贴30万元。`);
    expect(d.reportYear).toBe(2010);
    expect(d.period).toBe("H1");
    const e = describeText(`下载后可任意编辑民政局上年工作总结和下年工作计划一、上半年工作总结1、扎实有序推动民生工程。全县共调出城乡低保 4025 人,调进 4132 人。`);
    expect(e.reportYear).toBe(null);
    expect(e.period).toBe("H1");
    // a title that says annual keeps it, whatever the opening says
    expect(describeText(`区民政局2023年工作总结\n一、上半年工作开展情况\n${BODY}`).period).toBe("annual");
  });

  it("a blanked year (20xx年) leaves the year empty, not the publication year, and still gives the period (holdout 003, 005)", () => {
    const d = describeText(`篇一\n20xx年我市民政工作取得了明显成效。\n一、20xx年全市民政工作情况\n${BODY}\n市民政局\n2016年12月20日`);
    expect(d.published).toBe("2016-12-20");
    expect(d.reportYear).toBe(null);
    expect(d.period).toBe("annual");
    const e = describeText(`县民政局工作总结与工作安排\nxx年,我局在县委、县政府的领导下,${BODY}`);
    expect(e.reportYear).toBe(null);
    expect(e.period).toBe("annual");
    expect(describeText(`县民政局20xx年上半年工作总结\n${BODY}`).period).toBe("H1");
  });

  it("takes a dated progress table as the report of its year (holdout 011)", () => {
    const d = describeText(`海安市民政局2023年民生实事项目实施进度表\n序号 |\n实施内容 |\n新增民营养老机构不少于2家、养老床位不少于300张。 |`);
    expect(d.title).toBe("海安市民政局2023年民生实事项目实施进度表");
    expect(d.reportYear).toBe(2023);
    expect(d.period).toBe("annual");
  });
});

describe("portal page lines", () => {
  it("joins a title broken before 及2021年…, and does not prepend a line that is more than the bureau (holdout 002)", () => {
    const d = describeText(`岳阳市岳阳楼区民政局2020年政府信息公开年报\n岳阳楼区民政局2020年度工作总结\n及2021年工作重点\n${BODY}`);
    expect(d.title).toBe("岳阳楼区民政局2020年度工作总结及2021年工作重点");
    expect(d.reportYear).toBe(2020);
  });

  it("takes the last step of a breadcrumb as the title (holdout 007)", () => {
    const d = describeText(`找總結網(wǎng) > 工作總結 > 年度工作總結 > 民政局2019年工作總結及2020年工作計劃\n\n民政局2019年工作總結及2020年工作計劃\n\n${BODY}`);
    expect(d.title).toBe("民政局2019年工作总结及2020年工作计划");
    expect(d.reportYear).toBe(2019);
  });

  it("reads a portal's date/source line as header: published date and agency", () => {
    const d = describeText(`2023年工作总结\n发布时间：2024-01-30 来源：天宁区民政局 字号：大 中 小\n${BODY}`);
    expect(d.published).toBe("2024-01-30");
    expect(d.agency).toBe("天宁区民政局");
  });

  it("does not take the bureau that guides the author as the agency (holdout 003)", () => {
    const d = describeText(`篇一\n20xx年我市民政工作在市委、市政府的领导下,在省民政厅的指导下,各项工作取得了明显成效。\n${BODY}`);
    expect(d.agency).toBe("");
    expect(describeText(`民政工作情况\n在上级民政局的大力支持下,县民政局全年${BODY}县民政局完成婚姻登记。`).agency).toBe("县民政局");
  });

  it("takes a government's general office named as the source as the agency, and places the report by it (fresh b04)", () => {
    const d = describeText(`政府工作报告解读之六:着力改善民生 增进民生福祉\n来源:果洛州政府办    时间:2016年11月18日\n${BODY}`);
    expect(d.agency).toBe("果洛州政府办");
    // 果洛州: the everyday form of 果洛藏族自治州
    expect(d.region.code).toBe("632600");
    expect(describeText(`2023年工作总结\n来源：长阳县人民政府办公室\n${BODY}`).region.code).toBe("420528");
    // only as a last resort: a bureau the title names stays the agency (review of the rule)
    expect(describeText(`平江县民政局2023年工作总结\n来源:县政府办公室\n${BODY}`).agency).toBe("平江县民政局");
    // 河南县 (河南蒙古族自治县) is no everyday form: 河南 is a province's short name
    expect(describeText(`河南县域养老服务体系建设情况调研报告\n${BODY}`).region.code).not.toBe("632324");
  });

  it("does not take a newspaper as the agency", () => {
    const d = describeText(`2023年工作总结\n来源：苏州日报 发布时间：2024-01-30\n${BODY}`);
    expect(d.agency).toBe("");
  });
});

describe("describe-metadata.json drives the reading", () => {
  // Edited copies of the reference folder (removed after the run): the rules follow the file, no code change needed.
  afterAll(removeReferenceCopies);
  const describeWith = (dir: string, text: string) => describeDocument(ingestOk(Buffer.from(text), "doc.txt"), "doc.txt", loadDescribeReference(dir));

  it("reads a date written in Chinese digits, with the digits it lists", () => {
    const text = `市民政局2023年工作总结\n${BODY}\n二〇二三年十二月三十日`;
    expect(describeWith(REFERENCE_DIR, text).published).toBe("2023-12-30");
    const noChineseZero = referenceWith("describe-metadata.json", (m) => delete (m.dates as { year_digits: Record<string, string> }).year_digits["〇"]);
    expect(describeWith(noChineseZero, text).published).toBe("");
  });

  it("takes the agency from the header fields it lists", () => {
    const text = `发布机构：宁海县民政局\n宁海县2023年民政工作总结\n${BODY}`;
    expect(describeWith(REFERENCE_DIR, text).agency).toBe("宁海县民政局");
    const noField = referenceWith("describe-metadata.json", (m) => ((m.agency_names as { header_fields: string[] }).header_fields = []));
    expect(describeWith(noField, text).agency).not.toBe("宁海县民政局");
  });
});
