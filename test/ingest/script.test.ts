// Traditional → simplified keeps the offset map even when a conversion changes length.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { identity } from "../../pipelines/ingest/offsets.ts";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { detectScript, isFastConverter, makeConverter, toSimplified, traditionalTable } from "../../pipelines/ingest/script.ts";
import { ingestRef } from "./helpers.ts";

describe("script conversion", () => {
  it("maps every character of a same-length conversion to its source character", () => {
    const src = "養老服務補貼5598.07萬元\n認知癥床位237張";
    const out = toSimplified(identity(src), ingestRef.convert);
    expect(out.text).toBe("养老服务补贴5598.07万元\n认知症床位237张");
    for (let i = 0; i < out.text.length; i++) expect(out.map[i]).toBe(i);
  });

  it("falls back to sentence and character conversion when a phrase changes length, keeping the map monotone and exact", () => {
    // a converter with a phrase rule that shortens 「養老服務」 to 「养老」 and a character rule 萬 → 万
    const convert = (s: string) => s.replace(/養老服務/g, "养老").replace(/萬/g, "万");
    const src = "發放養老服務補貼5598.07萬元。新增床位237張。";
    const out = toSimplified(identity(src), convert);
    expect(out.text).toBe("發放養老服務補貼5598.07万元。新增床位237張。");
    expect(out.map.length).toBe(out.text.length + 1);
    for (let i = 1; i < out.map.length; i++) expect(out.map[i]).toBeGreaterThanOrEqual(out.map[i - 1]);
    const at = out.text.indexOf("5598.07万元");
    expect(src.slice(out.map[at], out.map[at + 8] + 1)).toBe("5598.07萬元");
    const at2 = out.text.indexOf("237");
    expect(src.slice(out.map[at2], out.map[at2 + 2] + 1)).toBe("237");
  });

  it("simplifies Hong Kong variant characters too (衞, 敍, 枱)", () => {
    expect(ingestRef.convert("香港衞生署敍述枱面")).toBe("香港卫生署叙述台面");
  });

  it("converts exactly as opencc's own tw → cn converter (phrases, variants, description sequences, astral characters)", () => {
    const opencc = OpenCC.Converter({ from: "tw", to: "cn" });
    const samples = [
      "發展養老服務體系，乾隆皇帝的頭髮後來在臺灣著作中被瞭解。",
      "民政局堅持穩中求進工作總基調,著力兜好基本民生底線;滑鼠、軟體、資料庫、計程車。",
      "⿰氵每⿱艹⿰氵每 𠀀\ud840 乾燥 幹部 乾淨 里程 裡面 麵條 鐘錶 複雜 覆蓋",
      "",
    ];
    for (const s of samples) expect(ingestRef.convert(s)).toBe(opencc(s));
  });

  it("reads the table of traditional forms off the probe conversion exactly as converting every character tells it", () => {
    // the table came with the probe only for the fast converter; a wrapper of it converts every character again
    expect(isFastConverter(ingestRef.convert)).toBe(true);
    const again = traditionalTable((s) => ingestRef.convert(s));
    expect(again).not.toBe(ingestRef.traditional);
    expect(Buffer.from(again).equals(Buffer.from(ingestRef.traditional))).toBe(true);
    expect(again.reduce((n, x) => n + x, 0)).toBeGreaterThan(2000);
  });

  it("comes to the same converter whether its check against opencc was kept or is made again", () => {
    const cache = new URL("../../node_modules/.cache/welfare-pipeline/", import.meta.url).pathname;
    for (const f of readdirSync(cache)) if (f.startsWith("opencc-tw2cn-verdict-")) rmSync(join(cache, f), { force: true });
    const checked = makeConverter();
    const kept = makeConverter();
    for (const convert of [checked, kept]) {
      expect(isFastConverter(convert)).toBe(true);
      expect(Buffer.from(traditionalTable(convert)).equals(Buffer.from(ingestRef.traditional))).toBe(true);
      expect(convert("香港衞生署敍述枱面，發展養老服務體系")).toBe("香港卫生署叙述台面，发展养老服务体系");
    }
  });

  it("calls a text traditional only when a clear share of its characters are traditional forms", () => {
    expect(detectScript("市民政局坚持稳中求进工作总基调,著力兜好基本民生底线。", ingestRef.traditional).script).toBe("simplified");
    expect(detectScript("市民政局堅持穩中求進工作總基調,著力兜好基本民生底線。", ingestRef.traditional).script).toBe("traditional");
    // one quoted traditional name in a simplified report is not enough
    expect(detectScript(`${"全区新增养老床位一百二十张,发放高龄津贴。".repeat(20)}《臺灣》`, ingestRef.traditional).script).toBe("simplified");
  });
});
