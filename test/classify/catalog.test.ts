// The indicator catalog and the other reference files are data an analyst edits: check they stay well-formed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOMAINS, UNITS, readCsvObjects } from "../../pipelines/extract/reference.ts";
import { REFERENCE_DIR, ref } from "../extract/helpers.ts";

describe("indicator catalog", () => {
  const rows = readCsvObjects(join(REFERENCE_DIR, "indicators.csv"));

  it("has at least 40 indicators across at least 12 domains", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.domain)).size).toBeGreaterThanOrEqual(12);
  });

  it("every row is well-formed: unique id, both labels, known domain, canonical unit, measure, phrasings", () => {
    const ids = new Set<string>();
    for (const r of rows) {
      expect(r.id, JSON.stringify(r)).toMatch(/^[a-z][a-z0-9_]+$/);
      expect(ids.has(r.id), `duplicate id ${r.id}`).toBe(false);
      ids.add(r.id);
      expect(r.label_zh, r.id).toMatch(/[\u4e00-\u9fff]/);
      expect(r.label_en, r.id).toMatch(/[A-Za-z]/);
      expect(DOMAINS, r.id).toContain(r.domain);
      expect(UNITS, r.id).toContain(r.unit);
      expect(["level", "rate", "change"], r.id).toContain(r.measure);
      expect(r.keywords.split("|").filter(Boolean).length, r.id).toBeGreaterThan(0);
    }
  });

  it("covers the comparable indicators analysts chart", () => {
    const labels = rows.map((r) => r.label_zh).join(" ");
    for (const word of ["床位", "护理员", "助餐", "高龄津贴", "低保", "特困", "临时救助", "儿童", "残疾", "慈善", "彩票", "结婚", "离婚", "社会组织"]) {
      expect(labels, word).toContain(word);
    }
  });

  it("is what the extractor loaded", () => {
    expect(ref.indicators.map((i) => i.id)).toEqual(rows.map((r) => r.id));
  });
});

describe("other reference files", () => {
  it("units.csv maps every measure word to a canonical unit", () => {
    for (const r of readCsvObjects(join(REFERENCE_DIR, "units.csv"))) {
      expect(UNITS, r.measure_word).toContain(r.unit);
      expect(r.measure_word.length).toBeGreaterThan(0);
    }
    // GOLD.md: 个 stays item whatever it counts.
    expect(ref.unitRules.get("个")!.map((r) => r.unit)).toEqual(["item"]);
  });

  it("domains.json names only known domains", () => {
    const d = JSON.parse(readFileSync(join(REFERENCE_DIR, "domains.json"), "utf8")) as { domains: Record<string, string[]> };
    for (const k of Object.keys(d.domains)) expect(DOMAINS).toContain(k);
  });
});
