// Layouts of scraped report text: tables flattened one cell a line (`实施内容 |`), topic markers after a lost full stop.
import { describe, expect, it } from "vitest";
import { figure } from "../extract/helpers.ts";

describe("flattened tables", () => {
  // Empty cells (分管领导 here) leave no line: the progress cell sits one column left of its count.
  const t = [
    "2023年民生实事项目实施进度表",
    "序号 |", "责任单位 |", "实施内容 |", "协同单位 |", "分管 领导 |", "最新进度(8月24日) |", "是否 达序时 |",
    "15 |",
    "民政局 |",
    "新增民营养老机构不少于2家、养老床位不少于300张,主城区增设4-5家居家养老服务场所。 |",
    "财政局 住建局 行政审批局 城管局 瑞海集团 各区镇街道 |",
    "新增海安博爱医院、海安新生医院2家医养结合机构,新增床位近100张。 |",
    "是 |",
  ].join("\n");

  it("a cell under a plan column (实施内容) is a target, under a progress column (最新进度) a record", () => {
    expect(figure(t, "4-5家", 2023)).toMatchObject({ kind: "target", year: 2023 });
    expect(figure(t, "300张", 2023).kind).toBe("target");
    expect(figure(t, "近100张", 2023).kind).toBe("actual");
    expect(figure(t, "近100张", 2023).year).toBe(2023);
  });
});

describe("topic markers after a figure", () => {
  it("二是…十是 right after a figure starts a new topic even without a full stop", () => {
    const t = "二是圆满完成返京人员接转工作,共接收返通人员8033人三是社会事务领域积极开展疫情防控。当日完成婚姻登记60对。";
    expect(figure(t, "8033人").indicator).toBe("接收返通人员人数");
    expect(figure(t, "60对").section).toContain("三是社会事务领域");
  });
});
