// General extraction rules found wanting on unseen reports, each pinned on the smallest real sentence that needs it.
import { describe, expect, it } from "vitest";
import { figure } from "./helpers.ts";

describe("measure words GOLD.md does not list", () => {
  it("goods by weight or container (斤, 瓶) are kept with unit other", () => {
    expect(figure("筹集口罩8万多个、消毒液8700斤、酒精7000瓶。", "8700斤")).toMatchObject({ value: 8700, unit: "other" });
    expect(figure("筹集口罩8万多个、消毒液8700斤、酒精7000瓶。", "7000瓶")).toMatchObject({ value: 7000, unit: "other" });
  });
});
