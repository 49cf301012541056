// indicator-labels.json holds the words an indicator label is trimmed of: editing the file changes labels, no
// code change needed, and a malformed entry is reported with the file's name.
import { afterAll, describe, expect, it } from "vitest";
import { extractFigures, loadExtractReference } from "../../pipelines/extract/index.ts";
import { cleanOf, descOf, REFERENCE_DIR, referenceWith as copyWith, removeReferenceCopies } from "../extract/helpers.ts";

afterAll(removeReferenceCopies);

/** A copy of the reference folder with indicator-labels.json edited. */
const referenceWith = (edit: (rules: Record<string, unknown>) => void) => copyWith("indicator-labels.json", edit);

const labelOf = (text: string, dir: string) => extractFigures(cleanOf(text), descOf(), loadExtractReference(dir))[0]?.indicator;

describe("indicator-labels.json", () => {
  const sentence = "全市共有低保对象9527人。";

  it("trims the filler words it lists at a phrase's start and end, longer words first whatever their order in the file", () => {
    expect(labelOf(sentence, REFERENCE_DIR)).toBe("低保对象人数");
    // 共有 listed after its prefix 共: still read as one word, so nothing of it is left in the label.
    const reordered = referenceWith((r) => (r.fillerStart = [...(r.fillerStart as string[]).filter((w) => w !== "共有"), "共有"]));
    expect(labelOf(sentence, reordered)).toBe("低保对象人数");
    // Without 共有 and 共, the label keeps them; with 对象 as a filler word at the end, it loses that.
    const fewer = referenceWith((r) => (r.fillerStart = (r.fillerStart as string[]).filter((w) => w !== "共有" && w !== "共")));
    expect(labelOf(sentence, fewer)).toBe("共有低保对象人数");
    const more = referenceWith((r) => (r.fillerEnd = [...(r.fillerEnd as string[]), "对象"]));
    expect(labelOf(sentence, more)).toBe("低保人数");
  });

  it("cuts the words after a figure at the words it lists", () => {
    const text = "为1800户老年人家庭开展适老化改造。";
    expect(labelOf(text, REFERENCE_DIR)).toBe("老年人家庭户数");
    const cut = referenceWith((r) => ((r.cutBefore as { words: string[] }).words.push("家庭")));
    expect(labelOf(text, cut)).toBe("老年人户数");
  });

  it("ends a label with its unit's word, completing a word the label already ends with", () => {
    // 老年人 + 人数 is said 老年人数; 床位 + 床位数 is 床位数.
    expect(labelOf("全区共有1124名老年人。", REFERENCE_DIR)).toBe("老年人数");
    expect(labelOf("新增养老床位500张。", REFERENCE_DIR)).toBe("新增养老床位数");
    const plain = referenceWith((r) => delete (r.suffixes as { units: Record<string, { complete?: unknown }> }).units.person.complete);
    expect(labelOf("全区共有1124名老年人。", plain)).toBe("老年人人数");
  });

  it("names the file and the entry when an entry is malformed", () => {
    const broken = referenceWith((r) => (r.fillerStart = "其中"));
    expect(() => loadExtractReference(broken)).toThrow(/indicator-labels\.json: "fillerStart" must be a list of words/);
    const noRaised = referenceWith((r) => delete r.raised);
    expect(() => loadExtractReference(noRaised)).toThrow(/indicator-labels\.json: "raised\.from" must be a list of words/);
  });
});

describe("phrases around a raised standard and a bracketed aside", () => {
  const labels = (text: string, dir = REFERENCE_DIR) => extractFigures(cleanOf(text), descOf(), loadExtractReference(dir)).map((r) => r.indicator);

  it("drops the raise (拟分别提高到) but keeps the per-head and per-period words after it", () => {
    expect(labels("全市城乡低保标准分别提高到每人每月850元和720元。")).toEqual(["城乡低保标准每人每月金额", "城乡低保标准每人每月金额"]);
    expect(labels("城乡低保标准拟分别提高到每人每月900元。")).toEqual(["城乡低保标准每人每月金额"]);
    expect(labels("老年助餐点发展到356个。")).toEqual(["老年助餐点数"]);
    // Without 发展 among the verbs, 发展到 stays in the label.
    const without = referenceWith((r) => ((r.raised as { verbs: string[] }).verbs = (r.raised as { verbs: string[] }).verbs.filter((w) => w !== "发展")));
    expect(labels("老年助餐点发展到356个。", without)).toEqual(["老年助餐点发展到数"]);
  });

  it("keeps per-head words after a link (标准为每人每月), an age in 周岁, and drops 仅为", () => {
    expect(labels("全区80-89周岁老年人高龄津贴标准为每人每月100元，90周岁以上为每人每月300元。")).toEqual(["80-89周岁老年人高龄津贴标准每人每月金额", "90周岁以上每人每月金额"]);
    expect(labels("每千名老人养老床位数仅为32张。")).toEqual(["每千名老人养老床位数"]);
  });

  it("names a count of people by what they receive (享受, 参与 …), not by who they are", () => {
    expect(labels("全区1124名老年人享受高龄津贴，1143名老年人享受老年人意外险。")).toEqual(["享受高龄津贴人数", "享受老年人意外险人数"]);
    expect(labels("142名妇女参与免费检查。")).toEqual(["参与免费检查人数"]);
    // money paid for them keeps its own name
    expect(labels("资助困难群众参加基本医疗保险，资助金额705.6万元。")[0]).not.toMatch(/^参加/);
    // without the verb in the file, the noun names them as before
    const without = referenceWith((r) => ((r.receivingVerbs as { verbs: string[] }).verbs = []));
    expect(labels("697名老年人享受居家养老服务补贴。", without)).toEqual(["老年人数"]);
  });

  it("leaves a bracketed aside to the figure before it", () => {
    expect(labels("孤儿基本生活保障标准提高到每人每月1950元（集中养育）和1450元（社会散居）。")).toEqual(["孤儿基本生活保障标准每人每月金额", "孤儿基本生活保障标准每人每月金额"]);
  });

  it("drops a unit's tail only where a figure or date leaves one, not the first character of a word", () => {
    expect(labels("年检合格率92%。")).toEqual(["年检合格率"]);
    expect(labels("天宁区互助基金累计募集慈善款项469.29万元。")[0]).toMatch(/^天宁区/);
    expect(labels("年补差水平提高到不低于3060元(255元/月/人)。")).toEqual(["年补差水平金额", "年补差水平金额"]);
    expect(labels("1至10月年发放高龄补贴9.99万人次。")).toEqual(["发放高龄补贴人次"]);
  });

  it("gives an attribute before a figure to the owner after 的 (owners), up to an action, and only for the attributes listed", () => {
    expect(labels("床位数500张的金色小镇养老综合体建设顺利推进。")).toEqual(["金色小镇养老综合体床位数"]);
    // only when the words before the figure are the attribute alone, and never a frame (基础上, 标准, 年度任务)
    expect(labels("全市养老机构床位数达到5000张的基础上继续推进。")).toEqual(["养老机构床位数"]);
    expect(labels("完成新增床位数200张的年度任务。")).toEqual(["完成新增床位数"]);
    expect(labels("投资30万元的标准对农村幸福院进行改造。")).toEqual(["投资"]);
    expect(labels("建筑面积3000平方米的养老服务中心投入使用。")).toEqual(["养老服务中心建筑面积"]);
    expect(labels("床位数128张的区级社会福利院改造升级。")).toEqual(["区级社会福利院床位数"]);
    // an attribute alone right after a count of places is theirs
    expect(labels("全市共有养老机构22家，床位4610张。")).toEqual(["养老机构数", "养老机构床位数"]);
    expect(labels("新增护理员30名，床位100张。")).toEqual(["新增护理员人数", "床位数"]);
    // after a share (其中公办8家) the beds are the total's, as before
    expect(labels("全市有养老机构22家，其中公办8家，床位4610张。")[2]).toBe("床位数");
    // …and of their domain: the beds of child-welfare institutions are child welfare's, though 床位 alone reads as elderly care
    const rows = extractFigures(cleanOf("全国共有儿童福利和保护服务机构753个,床位10万张。"), descOf(), loadExtractReference(REFERENCE_DIR));
    expect(rows.map((r) => [r.indicator, r.domain])).toEqual([["儿童福利和保护服务机构数", "child_welfare"], ["儿童福利和保护服务机构床位数", "child_welfare"]]);
    // Not an attribute: the figure still counts what stands before it.
    expect(labels("全区12个乡镇的困难群众得到救助。")).toEqual(["乡镇数"]);
    const without = referenceWith((r) => ((r.owners as { attributes: string[] }).attributes = []));
    expect(labels("床位数500张的金色小镇养老综合体建设顺利推进。", without)).toEqual(["床位数"]);
  });

  it("does not cut the words after a figure inside a word of notInside (不达标 at 达)", () => {
    expect(labels("关停1家不达标养老机构。")).toEqual(["关停不达标养老机构数"]);
    expect(labels("全市23家养老机构达标率达到95%。")[0]).toBe("养老机构数");
    const without = referenceWith((r) => ((r.cutBefore as { notInside: string[] }).notInside = []));
    expect(labels("关停1家不达标养老机构。", without)).toEqual(["关停数"]);
  });

  it("names a place's share of a total after 其中 by the place and the total's thing (shares)", () => {
    expect(labels("全县共有农村低保对象3260户，其中保华镇420户，清溪镇380户。")).toEqual(["农村低保对象户数", "保华镇农村低保对象户数", "清溪镇农村低保对象户数"]);
    // the total in the same unit, not the figure just before (57374人)
    expect(labels("全市城市低保对象33087户57374人,其中市本级23502户。")).toEqual(["城市低保对象户数", "城市低保对象人数", "市本级城市低保对象户数"]);
    // the total is a figure before the first 其中, not a share listed after it; two totals of one unit leave it open
    expect(labels("全县共有低保对象3260户，其中城市低保对象580户，农村2680户。")[2]).toBe("农村低保对象户数");
    expect(labels("全区共有特困人员1500人，其中集中供养320人，城区180人。")[2]).toBe("城区特困人员人数");
    expect(labels("结婚登记6200对，离婚登记2400对。其中市区1800对。")[2]).toBe("市区对数");
    // a part after a semicolon may name a new total; parts that only list shares keep the one before
    expect(labels("全市城市低保对象33087户,其中市本级23502户；农村低保对象25070户,其中市本级3127户。")[3]).toBe("市本级农村低保对象户数");
    expect(labels("全区实施临时救助52户。其中保华镇2户;大河镇8户。")[2]).toBe("大河镇实施临时救助户数");
    // a share that names its thing, a category rather than a place, and places with no total before them keep their own words
    expect(labels("全区共有困境儿童257名，其中孤儿6名。")).toEqual(["困境儿童人数", "孤儿人数"]);
    expect(labels("其中保华镇2户，大河镇8户。")).toEqual(["保华镇户数", "大河镇户数"]);
    // a sentence opening on 其中 breaks down the sentence before; a count paired with a share is that share's too
    expect(labels("全区实施临时救助52户134人。其中保华镇2户10人，大河镇8户17人。")).toEqual([
      "实施临时救助户数", "实施临时救助人数", "保华镇实施临时救助户数", "保华镇实施临时救助人数", "大河镇实施临时救助户数", "大河镇实施临时救助人数",
    ]);
    const without = referenceWith((r) => ((r.shares as { openers: string[] }).openers = []));
    expect(labels("全县共有农村低保对象3260户，其中保华镇420户。", without)).toEqual(["农村低保对象户数", "保华镇户数"]);
  });

  it("names money only funded (投入) after what the next clause says it paid for (fundedMoney)", () => {
    expect(labels("投入42万元,新建成8个居家养老服务站。")).toEqual(["建成居家养老服务站投入", "建成居家养老服务站数"]);
    expect(labels("投入资金120万元，用于改造提升敬老院3所。")[0]).toBe("改造提升敬老院投入资金");
    // not when the next clause says something else, nor when the money names its use itself
    expect(labels("投入资金120万元，全区低保对象减少200人。")[0]).toBe("投入资金");
    // only things built or bought: not a rate, nor a label that ends on a place
    expect(labels("投入资金80万元，完成率达100%。")[0]).toBe("投入资金");
    expect(labels("投入资金35万元，完成全县42个村(社区)换届选举工作。")[0]).toBe("投入资金");
    expect(labels("发放高龄津贴120万元，惠及老人3000人。")[0]).toBe("发放高龄津贴");
    const without = referenceWith((r) => ((r.fundedMoney as { bare: string[] }).bare = []));
    expect(labels("投入42万元,新建成8个居家养老服务站。", without)[0]).toBe("投入");
  });
});
