// What a figure means (kind, year, measure, domain) is read with words from plan-markers.json,
// measure-markers.json and domains.json: editing those files changes the reading, no code change needed,
// and a malformed pattern is reported with the file and key.
import { afterAll, describe, expect, it } from "vitest";
import { extractFigures, loadExtractReference } from "../../pipelines/extract/index.ts";
import type { FigureRow } from "../../pipelines/types.ts";
import { cleanOf, descOf, REFERENCE_DIR, referenceWith, removeReferenceCopies } from "../extract/helpers.ts";

afterAll(removeReferenceCopies);

const without = (list: unknown, word: string) => (list as string[]).filter((w) => w !== word);

/** The only figure of a sentence, read as in a 2023 annual report. */
function only(text: string, dir = REFERENCE_DIR): FigureRow {
  const rows = extractFigures(cleanOf(text), descOf(2023), loadExtractReference(dir));
  expect(rows).toHaveLength(1);
  return rows[0];
}

describe("plan-markers.json", () => {
  it("reads a year before the figure as its year, except the start of a period (yearStartsPeriodAfter)", () => {
    const text = "2019年以来累计新增养老床位500张。";
    expect(only(text).year).toBe(2023);
    const edited = referenceWith("plan-markers.json", (p) => (p.yearStartsPeriodAfter = without(p.yearStartsPeriodAfter, "以来")));
    expect(only(text, edited).year).toBe(2019);
  });

  it("takes 计划 for a programme's name unless an action or amount follows it (nounUnlessFollowedBy)", () => {
    expect(only("落实助餐服务倍增计划惠及老年人1200名。").kind).toBe("actual");
    expect(only("落实计划新增助餐点12个。").kind).toBe("target");
    expect(only("扩建五面井敬老院,计划可利用床位数20张。").kind).toBe("target");
    // 可行性 is a study, 原计划 what was planned before
    expect(only("完成项目计划可行性研究报告3份。").kind).toBe("actual");
    expect(extractFigures(cleanOf("原计划可容纳200人的敬老院目前入住150人。"), descOf(2023), loadExtractReference(REFERENCE_DIR)).find((r) => r.quote === "150人")?.kind).toBe("actual");
    const noNoun = referenceWith("plan-markers.json", (p) => (p.nounUnlessFollowedBy = {}));
    expect(only("落实助餐服务倍增计划惠及老年人1200名。", noNoun).kind).toBe("target");
  });

  it("reads a plan word followed by 了 as done (doneRightAfterPlanWord)", () => {
    const text = "确保了新增养老床位500张。";
    expect(only(text).kind).toBe("actual");
    const edited = referenceWith("plan-markers.json", (p) => (p.doneRightAfterPlanWord = []));
    expect(only(text, edited).kind).toBe("target");
  });

  it("names the file and key of a malformed pattern", () => {
    const broken = referenceWith("plan-markers.json", (p) => (p.yearMention = "((?:19|20)\\d{2}"));
    expect(() => loadExtractReference(broken)).toThrow(/plan-markers\.json yearMention: .*Unterminated group/);
    const missing = referenceWith("plan-markers.json", (p) => delete p.yearMention);
    expect(() => loadExtractReference(missing)).toThrow(/plan-markers\.json yearMention: expected a pattern/);
  });
});

describe("measure-markers.json", () => {
  it("makes an amount a change only when its clause compares periods (periodComparisons)", () => {
    const text = "低保人数比上年减少120人。";
    expect(only(text).measure).toBe("change");
    const edited = referenceWith("measure-markers.json", (m) => (m.periodComparisons = without(m.periodComparisons, "比上年")));
    expect(only(text, edited).measure).toBe("level");
  });

  it("reads a bare number after a rate word and a linking verb as a rate (bareRateEnds, linkVerbs)", () => {
    const text = "养老服务覆盖率达95。";
    expect(only(text).measure).toBe("rate");
    const noLink = referenceWith("measure-markers.json", (m) => (m.linkVerbs = without(m.linkVerbs, "达")));
    expect(only(text, noLink).measure).toBe("level");
  });
});

describe("measure-markers.json coordinatingWords", () => {
  it("makes a figure joined to a change by one of them a change too", () => {
    const text = "养老服务补贴同比增长30%和20%。";
    const rows = (dir: string) => extractFigures(cleanOf(text), descOf(2023), loadExtractReference(dir)).map((r) => r.measure);
    expect(rows(REFERENCE_DIR)).toEqual(["change", "change"]);
    const none = referenceWith("measure-markers.json", (m) => (m.coordinatingWords = []));
    expect(rows(none)).toEqual(["change", "rate"]);
  });
});

describe("exclusions.json", () => {
  it("leaves out a threshold (及以上) and reads money after a lead word (共有5万的补助)", () => {
    expect(extractFigures(cleanOf("对床位100张及以上的养老机构给予补助。"), descOf(2023), loadExtractReference(REFERENCE_DIR))).toHaveLength(0);
    const noThreshold = referenceWith("exclusions.json", (e) => (e.thresholdAfter = []));
    expect(only("对床位100张及以上的养老机构给予补助。", noThreshold).value).toBe(100);
    expect(only("共有5万的补助。").unit).toBe("yuan");
    const noLead = referenceWith("exclusions.json", (e) => (e.moneyAfterFigureLeads = []));
    expect(extractFigures(cleanOf("共有5万的补助。"), descOf(2023), loadExtractReference(noLead)).map((r) => r.unit)).not.toContain("yuan");
  });
});

describe("domains.json", () => {
  it("takes the domain from a following clause that says what the money was for (purposeClauseStarts, purposeClauseLeads)", () => {
    expect(only("拨付资金1200万元，主要用于困难群众临时救助。").domain).toBe("social_assistance");
    // (fundingVerbs, which also read the next clause after 拨付, are cleared to see the leads alone)
    const noLead = referenceWith("domains.json", (d) => ((d.purposeClauseLeads = []), (d.fundingVerbs = [])));
    expect(only("拨付资金1200万元，主要用于困难群众临时救助。", noLead).domain).toBe("other");
    expect(only("拨付资金1200万元，用于困难群众临时救助。", noLead).domain).toBe("social_assistance");
  });

  it("reads the next clause after money a funding verb put in (fundingVerbs)", () => {
    expect(only("投入资金42万元,新建成居家养老服务站。").domain).toBe("elderly_care");
    const none = referenceWith("domains.json", (d) => (d.fundingVerbs = []));
    expect(only("投入资金42万元,新建成居家养老服务站。", none).domain).toBe("other");
  });
});
