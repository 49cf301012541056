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

describe("tables pasted one cell a line without ' |'", () => {
  const t = [
    "序号", "重点工作任务(民生实事项目)", "牵头单位", "负责科室", "负责人", "计划完成时间", "进展情况(一季度)",
    "1", "新增老年食堂(助餐点)15个", "区民政局", "养老服务科", "何滢", "11月底前", "已建成老年食堂3个。",
    "2", "新增认知障碍照护专区床位100张", "10月底前", "目前已完成20张专区床位建设。",
  ].join("\n");

  it("reads a header of short lines with a plan or progress column, then rows opening on their number, as a piped table's", () => {
    expect(figure(t, "15个", 2024).kind).toBe("target");
    expect(figure(t, "100张", 2024).kind).toBe("target");
    // a progress cell, even one left of its count (empty cells leave no line), and the deadline column is neither
    expect(figure(t, "3个", 2024).kind).toBe("actual");
    expect(figure(t, "20张", 2024).kind).toBe("actual");
  });

  it("needs a plan or progress column and a row number line: short lines alone are no table", () => {
    const noKinds = t.replace("重点工作任务(民生实事项目)", "项目名称").replace("进展情况(一季度)", "备注");
    expect(figure(noKinds, "15个", 2024).kind).toBe("actual");
    const noRowNumber = t.replace("\n1\n", "\n");
    expect(figure(noRowNumber, "15个", 2024).kind).toBe("actual");
  });
});

describe("topic markers after a figure", () => {
  it("二是…十是 right after a figure starts a new topic even without a full stop", () => {
    const t = "二是圆满完成返京人员接转工作,共接收返通人员8033人三是社会事务领域积极开展疫情防控。当日完成婚姻登记60对。";
    expect(figure(t, "8033人").indicator).toBe("接收返通人员人数");
    expect(figure(t, "60对").section).toContain("三是社会事务领域");
  });
});
