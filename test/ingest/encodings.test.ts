// The same report in other encodings and as an HTML page: same clean text, same description, offsets still quote the original.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { describeDocument } from "../../pipelines/describe/index.ts";
import type { CleanText } from "../../pipelines/types.ts";
import { describeRef, expectDigitRunsMapBack, expectWellFormedMap, ingest, ingestOk, seedBytes, seedText, SEEDS } from "./helpers.ts";

const describeOf = (clean: CleanText, i: number) => {
  const d = describeDocument(clean, SEEDS[i], describeRef);
  return { title: d.title, agency: d.agency, year: d.reportYear, period: d.period, published: d.published, code: d.region.code, name: d.region.name };
};

const withBom = (bom: number[], body: Buffer) => Buffer.concat([Buffer.from(bom), body]);

describe("encodings", () => {
  const cases: Array<{ seed: number; label: string; bytes: () => Buffer; encoding: string }> = [
    { seed: 3, label: "GBK", bytes: () => iconv.encode(seedText(3), "gbk"), encoding: "gb18030" },
    { seed: 2, label: "GB18030", bytes: () => iconv.encode(seedText(2), "gb18030"), encoding: "gb18030" },
    { seed: 4, label: "GBK (sharing-site scrape)", bytes: () => iconv.encode(seedText(4), "gb18030"), encoding: "gb18030" },
    { seed: 1, label: "Big5 (traditional)", bytes: () => iconv.encode(seedText(1), "big5"), encoding: "big5" },
    { seed: 0, label: "UTF-16LE with BOM", bytes: () => withBom([0xff, 0xfe], iconv.encode(seedText(0), "utf-16le")), encoding: "utf-16le" },
    { seed: 0, label: "UTF-16BE with BOM", bytes: () => withBom([0xfe, 0xff], iconv.encode(seedText(0), "utf-16be")), encoding: "utf-16be" },
    { seed: 1, label: "UTF-16LE without BOM", bytes: () => iconv.encode(seedText(1), "utf-16le"), encoding: "utf-16le" },
    { seed: 3, label: "UTF-16BE without BOM", bytes: () => iconv.encode(seedText(3), "utf-16be"), encoding: "utf-16be" },
    { seed: 2, label: "UTF-8 with BOM", bytes: () => withBom([0xef, 0xbb, 0xbf], Buffer.from(seedText(2))), encoding: "utf-8-bom" },
  ];
  for (const c of cases) {
    it(`${c.label}: seed ${c.seed} gives the same text and description as the UTF-8 file`, () => {
      const base = ingestOk(seedBytes(c.seed));
      const out = ingest(c.bytes());
      expect(out.encoding).toBe(c.encoding);
      expect(out.status, out.problems.join("; ")).toBe("ok");
      const clean = out.clean!;
      expect(clean.original).toBe(seedText(c.seed));
      expect(clean.text).toBe(base.text);
      expect(clean.script).toBe(base.script);
      expect(describeOf(clean, c.seed)).toEqual(describeOf(base, c.seed));
      expectWellFormedMap(clean);
      expect(expectDigitRunsMapBack(clean)).toBeGreaterThan(30);
    });
  }
});

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function asHtml(text: string, title: string): string {
  const paras = text.split("\n").filter((l) => l.trim()).map((l) => `  <p>${escapeHtml(l).replace(/,/g, "&#44;")}</p>`);
  return [
    "<!DOCTYPE html>",
    `<html><head><meta charset="gbk"><title>${title}</title>`,
    "<style>p { margin: 0 } .x::after { content: '新增床位999张' }</style>",
    "<script>var stats = '累计发放8888万元';</script></head>",
    "<body><nav><a href='/'>首页</a> &gt; <a href='/mz'>民政动态</a></nav>",
    "<div class='breadcrumb'>您当前的位置：首页 &gt; 工作总结</div>",
    "<div class='content'>",
    ...paras,
    "</div><footer><p>版权所有 &copy; 某某市民政局 浙ICP备12345678号</p></footer></body></html>",
  ].join("\n");
}

describe("HTML pages", () => {
  it("keeps a table's cells apart: two cells of digits never join into one number", () => {
    const page = "<html><head><title>t</title></head><body><p>全区养老服务情况如下。</p><table><tr><td>项目</td><td>2022年</td><td>2023年</td></tr>" +
      "<tr><td>助餐点（个）</td><td>120</td><td>152</td></tr><tr><td>服务人次</td><td>3 456</td><td>4 012</td></tr></table></body></html>";
    const text = ingestOk(Buffer.from(page), "page.html").text;
    expect(text).toContain("助餐点（个） 120 152");
    // a space inside one cell is still a thousands gap
    expect(text).toContain("服务人次 3456 4012");
  });

  it("turns a GBK HTML page of seed 002 into the same report text: scripts, styles, nav dropped, entities decoded", () => {
    const base = ingestOk(seedBytes(2));
    const html = asHtml(seedText(2), "2024年天宁区民政局工作总结_常州市天宁区人民政府");
    const out = ingest(iconv.encode(html, "gbk"), "page.html");
    expect(out.encoding).toBe("html+gb18030");
    const clean = out.clean!;
    expect(clean.original).not.toMatch(/<p>|&amp;|&#44;|var stats|content:/);
    expect(clean.text).not.toMatch(/8888万元|999张|版权所有|您当前的位置/);
    expect(clean.text).toBe(base.text);
    // For HTML the original is the extracted text: offsets quote it
    expectWellFormedMap(clean);
    expect(expectDigitRunsMapBack(clean)).toBeGreaterThan(30);
    const at = clean.text.indexOf("发放人数257人次");
    expect(clean.original.slice(clean.toOriginal[at], clean.toOriginal[at + 8] + 1)).toBe("发放人数257人次");
    const d = describeDocument(clean, "page.html", describeRef);
    expect(d.title).toBe("2024年天宁区民政局工作总结");
    expect(d.region.code).toBe("320402");
    expect(d.reportYear).toBe(2024);
    expect(d.period).toBe("annual");
  });

  it("recognises HTML by its content even when the file is named .txt", () => {
    const html = asHtml(seedText(3), "苏州民政2022年工作回顾");
    const out = ingest(Buffer.from(html), "page.txt");
    expect(out.encoding).toBe("html+utf-8");
    expect(out.clean!.text).toBe(ingestOk(seedBytes(3)).text);
    const d = describeDocument(out.clean!, "page.txt", describeRef);
    expect(d.region.code).toBe("320500");
    expect(d.reportYear).toBe(2022);
  });

  it("reads the portal's meta tags (ArticleTitle, PubDate, ContentSource) as header fields", () => {
    const html = [
      "<html><head><title>工作总结_天宁区人民政府</title>",
      '<meta name="ArticleTitle" content="2024年天宁区民政局工作总结">',
      '<meta name="PubDate" content="2024-12-20 10:30">',
      '<meta name="ContentSource" content="天宁区民政局">',
      "</head><body>",
      ...seedText(2).split("\n").map((l) => `<p>${escapeHtml(l)}</p>`),
      "</body></html>",
    ].join("\n");
    const clean = ingestOk(Buffer.from(html), "page.htm");
    expect(clean.header["PubDate"]).toBe("2024-12-20 10:30");
    const d = describeDocument(clean, "page.htm", describeRef);
    expect(d.title).toBe("2024年天宁区民政局工作总结");
    expect(d.published).toBe("2024-12-20");
    expect(d.agency).toBe("天宁区民政局");
    expect(d.region.code).toBe("320402");
    expect(d.reportYear).toBe(2024);
  });

  it("does not take a plain report with a few angle brackets for HTML", () => {
    const text = `区民政局2023年工作总结\n低保边缘家庭认定标准<1.5倍,覆盖率>95%,新增床位<b>120张。\n${seedText(2)}`;
    const out = ingest(Buffer.from(text), "report.txt");
    expect(out.encoding).toBe("utf-8");
    expect(out.clean!.text).toContain("覆盖率>95%");
  });
});

