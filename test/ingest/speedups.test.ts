// Shortcuts taken for speed must not change what ingest produces: the facts they rest on, checked directly.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { literalNeeds, requiredLiterals, stripBoilerplate } from "../../pipelines/ingest/boilerplate.ts";
import { builder, identity } from "../../pipelines/ingest/offsets.ts";
import { isFastConverter } from "../../pipelines/ingest/script.ts";
import { ingestOk, ingestRef } from "./helpers.ts";

describe("requiredLiterals (removeInline skips texts that lack them)", () => {
  it("takes only characters every match must contain", () => {
    expect(requiredLiterals("[ \\t]*第\\s*\\d{1,4}\\s*页\\s*[/／,，]?\\s*共\\s*\\d{1,4}\\s*页[ \\t]*")).toEqual(["第", "页", "共"]);
    expect(requiredLiterals("a?bc")).toEqual(["bc"]);
    expect(requiredLiterals("ab*c")).toEqual(["a", "c"]);
    expect(requiredLiterals("a(b|c)d")).toEqual(["a", "d"]);
    expect(requiredLiterals("[页]x\\页y")).toEqual(["x", "y"]);
    expect(requiredLiterals("a|b")).toEqual([]);
    // escapes longer than one character are not read as literals ("4e00" is not in every match of \u4e00)
    for (const p of ["下载\\u4e00", "\\x41bc", "a\\p{Script=Han}b", "(a)b\\1"]) expect(requiredLiterals(p)).toEqual([]);
    expect(new RegExp("下载\\u4e00").test("下载一")).toBe(true);
    // per alternative; none when an alternative needs nothing
    expect(literalNeeds("豆丁网|docin\\.com")).toEqual([["豆丁网"], ["docin", "com"]]);
    expect(literalNeeds("(a|b)c|[|]x")).toEqual([["c"], ["x"]]);
    expect(literalNeeds("ab|")).toBe(null);
  });

  it("still removes inline furniture", () => {
    const c = ingestOk(Buffer.from("区民政局2023年工作总结\n其中新建 3 所,第 1 页 共 9 页下载后可任意编辑扩建有 3 所。"));
    expect(c.text).toContain("其中新建 3所,扩建有 3所。");
  });
});

describe("builder", () => {
  it("refuses use after finish, since its map is reused", () => {
    const b = builder(4);
    b.copy(identity("abcd"), 0, 4);
    expect(b.finish(4).text).toBe("abcd");
    expect(() => b.put("x", 0)).toThrow();
  });
});

describe("t→s conversion in one pass", () => {
  it("agrees with opencc on text dense with dictionary keys, ideographic description sequences and surrogates", () => {
    const cfg = (OpenCC.Locale as unknown as { configs: Record<string, { segmentation: string[]; conversionChain: string[][] }> }).configs.tw2s;
    const keys: string[] = [];
    for (const dict of [...cfg.segmentation, ...cfg.conversionChain.flat()]) {
      if (typeof dict === "string") for (const entry of dict.split("|")) if (entry.split(" ")[0]) keys.push(entry.split(" ")[0]);
    }
    const opencc = OpenCC.Converter({ from: "tw", to: "cn" });
    // characters the Hong Kong variant fixes touch are left out: there the converter goes beyond opencc on purpose
    const plain = keys.filter((k) => [...k].every((ch) => ingestRef.convert(ch) === opencc(ch)) && ingestRef.convert(k) === opencc(k));
    const extra = ["⿰氵每", "𠀀", "\n", "，", "養老服務", "發展"];
    let seed = 5;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    let differ = 0;
    for (let r = 0; r < 300; r++) {
      let s = "";
      while (s.length < 80) s += rnd() < 0.05 ? extra[Math.floor(rnd() * extra.length)] : plain[Math.floor(rnd() * plain.length)];
      if (ingestRef.convert(s) !== opencc(s)) differ++;
    }
    expect(differ).toBe(0);
    // the comparison means something only while the fast converter is the one in use
    expect(isFastConverter(ingestRef.convert)).toBe(true);
  });
});

describe("stripBoilerplate's reasons (worked out only when read)", () => {
  it("counts header lines, then each furniture line under the first pattern that matches it", () => {
    const page = "索引号：11330200/2023-00012\n发布机构：宁波市民政局\n2023年民政工作总结\n首页 > 政务公开 > 工作总结\n今年全市发放高龄津贴5598万元。\n上一篇：关于开展养老服务的通知\n版权所有：宁波市民政局\n打印本页";
    const out = stripBoilerplate(identity(page), ingestRef.boilerplate);
    expect(out.body.text).toBe("2023年民政工作总结\n今年全市发放高龄津贴5598万元。");
    expect(Object.entries(out.dropped)).toEqual([
      ["portal metadata header", 2],
      ["navigation breadcrumb", 1],
      ["article navigation", 1],
      ["copyright line", 1],
      ["page tools", 1],
    ]);
    expect(out.dropped).toBe(out.dropped);
  });
});
