// Hostile and random text: the extractor never throws, every quote is the original text at its offsets,
// values are finite, and a long line without breaks is read in linear time.
import { describe, expect, it } from "vitest";
import { extractFigures } from "../../pipelines/extract/index.ts";
import { cleanOf, descOf, ref } from "./helpers.ts";

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const ALPHABET = [..."0123456789０１２.,，。、；：%％-~至万亿千百十一二两三四五六七八九零余多约近超不足以上以下左右家张名人次户对元个项件起场天小时平方米《》“”()（）第每岁年月日号\n 　养老低保救助慈善福彩婚姻殡葬社区计划将拟目标同比增长人均率"];

describe("fuzz", () => {
  it("never throws and keeps provenance on random text", () => {
    const rnd = prng(20240601);
    for (let n = 0; n < 300; n++) {
      const len = 1 + Math.floor(rnd() * 400);
      let t = "";
      for (let i = 0; i < len; i++) t += ALPHABET[Math.floor(rnd() * ALPHABET.length)];
      const rows = extractFigures(cleanOf(t), descOf(rnd() < 0.5 ? null : 2023), ref);
      for (const r of rows) {
        expect(t.slice(r.start, r.end)).toBe(r.quote);
        expect(Number.isFinite(r.value)).toBe(true);
      }
    }
  });

  it("empty, blank and number-only texts", () => {
    for (const t of ["", "\n\n", "   ", "1234567890", "一二三四五六七八九十", "%%%", "万万万亿"]) {
      expect(() => extractFigures(cleanOf(t), descOf(), ref)).not.toThrow();
    }
  });

  it("a 1 MB line without breaks or punctuation is read in linear time", () => {
    const unit = "全区新增养老床位300张发放低保金48.14万元惠及群众257人次";
    const t = unit.repeat(Math.ceil(1_000_000 / unit.length));
    const t0 = performance.now();
    const rows = extractFigures(cleanOf(t), descOf(), ref);
    const ms = performance.now() - t0;
    expect(rows.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(20_000);
  });
});
