// Each seed's description against the gold documents (/work/shared/eval/gold/documents.json, copied here so the
// test runs on a fresh clone).
import { describe, expect, it } from "vitest";
import { describeDocument } from "../../pipelines/describe/index.ts";
import { describeRef, ingestOk, seedBytes, SEEDS } from "../ingest/helpers.ts";

const GOLD = [
  { codes: ["330200", "330212"], nameContains: "高新", year: 2023, period: "annual" },
  { codes: ["330282"], nameContains: "慈溪", year: 2023, period: "annual" },
  { codes: ["320402"], nameContains: "天宁", year: 2024, period: "annual" },
  { codes: ["320500"], nameContains: "苏州", year: 2022, period: "annual" },
  { codes: ["330303"], nameContains: "龙湾", year: 2021, period: "H1" },
];

const describeSeed = (i: number) => describeDocument(ingestOk(seedBytes(i)), SEEDS[i], describeRef);

describe("describe on the seeds", () => {
  GOLD.forEach((g, i) => {
    it(`seed ${i}: region ${g.codes.join("|")}, report year ${g.year}, period ${g.period}`, () => {
      const d = describeSeed(i);
      expect(g.codes).toContain(d.region.code);
      expect(d.region.name).toContain(g.nameContains);
      expect(d.region.evidence).not.toBe("");
      expect(d.reportYear).toBe(g.year);
      expect(d.period).toBe(g.period);
    });
  });

  it("fills province, city, county and level consistently with the code", () => {
    const [zone, cixi, tianning, suzhou, longwan] = [0, 1, 2, 3, 4].map(describeSeed).map((d) => d.region);
    expect(zone).toMatchObject({ code: "330200", name: "宁波高新区", province: "浙江省", city: "宁波市", level: "city" });
    expect(cixi).toMatchObject({ province: "浙江省", city: "宁波市", county: "慈溪市", level: "county" });
    expect(tianning).toMatchObject({ province: "江苏省", city: "常州市", county: "天宁区", level: "county" });
    expect(suzhou).toMatchObject({ name: "苏州市", province: "江苏省", city: "苏州市", county: "", level: "city" });
    expect(longwan).toMatchObject({ province: "浙江省", city: "温州市", county: "龙湾区", level: "county" });
  });

  it("reads title, agency and publication date from header, title line or file-name title", () => {
    const d0 = describeSeed(0);
    expect(d0.title).toBe("宁波高新区社会事务管理局2023年度工作总结及2024年工作思路");
    expect(d0.agency).toBe("社会事务管理局");
    expect(d0.published).toBe("2024-01-30");
    const d1 = describeSeed(1);
    expect(d1.agency).toBe("市民政局");
    expect(d1.published).toBe("2024-07-04");
    const d3 = describeSeed(3);
    expect(d3.agency).toBe("市民政局");
    const d4 = describeSeed(4);
    expect(d4.title).toBe("区民政局2021年上半年工作总结和下半年工作思路");
    expect(d4.agency).toBe("区民政局");
  });
});
