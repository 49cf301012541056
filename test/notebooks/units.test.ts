// Unit tests of the notebook runtime's pieces: cells, CSV reading, escaping, number formats, glyph rendering.
import { describe, expect, it } from "vitest";
import { briefing, paddedDomain, sourceLine } from "../../notebooks/charts/builders.ts";
import { formatNumber, numberExpr, regionColorMap, wrapText } from "../../notebooks/charts/theme.ts";
import { cellAtLine, parseCells } from "../../notebooks/runtime/cells.ts";
import { csvObjects, parseCsv, readCatalog, unneutralise } from "../../notebooks/runtime/data.ts";
import { escapeHtml, jsonForScript } from "../../notebooks/runtime/escape.ts";
import { chartSvg, compileSpec, svgSize, svgToPng } from "../../notebooks/runtime/export.ts";
import { callerLine } from "../../notebooks/runtime/nb.ts";
import { renderMarkdown } from "../../notebooks/runtime/render-html.ts";
import { rewriteImports, tslabImports } from "../../notebooks/runtime/ipynb.ts";
import * as vega from "vega";
import { decodePng, differingPixels, inkShare } from "./png.ts";

describe("percent-format cells", () => {
  const src = ["// %% [markdown]", "// # Title", "// prose", "", "// %%", "const a = 1;", "nb.md('x');", "// %% [markdown]", "// more", "// %%", "nb.note('y');"].join("\n");
  it("splits markdown and code cells and strips comment prefixes", () => {
    const cells = parseCells(src);
    expect(cells.map((c) => c.kind)).toEqual(["markdown", "code", "markdown", "code"]);
    expect(cells[0].source).toBe("# Title\nprose");
    expect(cells[1].source).toBe("const a = 1;\nnb.md('x');");
  });
  it("maps a line to its cell", () => {
    const cells = parseCells(src);
    expect(cellAtLine(cells, 7)).toBe(1);
    expect(cellAtLine(cells, 11)).toBe(3);
  });
  it("finds the outermost notebook frame of a stack", () => {
    const stack = "Error\n    at record (/x/notebooks/runtime/nb.ts:60:5)\n    at f (/x/notebooks/a.ts:4:3)\n    at async <anonymous> (/x/notebooks/a.ts:12:1)";
    expect(callerLine("/x/notebooks/a.ts", stack)).toBe(12);
  });
});

describe("reading the tables", () => {
  it("parses RFC 4180 with BOM, quotes, embedded newlines and CRLF", () => {
    const rows = parseCsv('\ufeffa,b\r\n"x, ""y""","line1\nline2"\r\n');
    expect(rows).toEqual([["a", "b"], ['x, "y"', "line1\nline2"]]);
  });
  it("undoes formula neutralisation only where the writer added it", () => {
    expect(unneutralise("'=SUM(A1)")).toBe("=SUM(A1)");
    expect(unneutralise("'-3.5%")).toBe("-3.5%");
    expect(unneutralise("'quoted'")).toBe("'quoted'");
  });
  it("types numeric columns and keeps empty numbers as null (missing, not zero)", () => {
    const [r] = csvObjects("value,low,region_code\n12,,330282\n");
    expect(r).toEqual({ value: 12, low: null, region_code: "330282" });
  });
  it("reads the indicator catalog whatever its label columns are called", () => {
    const cat = readCatalog([{ id: "eld_beds", label_zh: "养老床位数", label_en: "Beds", domain: "elderly_care", unit: "bed" }]);
    expect(cat.get("eld_beds")).toMatchObject({ zh: "养老床位数", en: "Beds", unit: "bed" });
    const alt = readCatalog([{ indicator_id: "x", name: "名称", english: "Name" }]);
    expect(alt.get("x")).toMatchObject({ zh: "名称", en: "Name" });
  });
});

describe("escaping", () => {
  it("escapes HTML and keeps </script> out of script blocks", () => {
    expect(escapeHtml(`<script>alert("x")</script>`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(jsonForScript({ s: "</script><!--" })).not.toMatch(/<\/script|<!--/);
  });
  it("shows raw HTML in markdown as text and drops javascript: links", () => {
    const html = renderMarkdown("a <script>alert(1)</script> [x](javascript:alert(1))");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("javascript:");
  });
  it("rewrites relative imports for the .ipynb location", () => {
    expect(rewriteImports('import { nb } from "./runtime/nb.ts";', "/r/notebooks", "/r/out/notebooks")).toBe('import { nb } from "../../notebooks/runtime/nb.ts";');
  });
  it("turns relative imports into run-time loads for tslab, leaving package imports", () => {
    const src = 'import * as dfd from "danfojs-node";\nimport { openCorpus, type Topic, b as c } from "../x/corpus.ts";\nimport type { Row } from "../t.ts";\nimport * as ns from "./ns.ts";';
    expect(tslabImports(src)).toBe(
      'import * as dfd from "danfojs-node";\nconst { openCorpus, b: c } = await nbLoad("../x/corpus.ts");\ntype Topic = any;\ntype Row = any;\nconst ns = await nbLoad("./ns.ts");',
    );
  });
});

describe("briefing formats", () => {
  it("writes numbers the Chinese way, in TypeScript and in the vega expression", async () => {
    expect(formatNumber(30490800)).toBe("3049万");
    expect(formatNumber(410000000)).toBe("4.1亿");
    expect(formatNumber(237)).toBe("237");
    expect(formatNumber(null)).toBe("");
    expect(await evalExpr(numberExpr("datum.v", "zh"), 30490800)).toBe("3049万");
    expect(await evalExpr(numberExpr("datum.v", "zh"), 410000000)).toBe("4.1亿");
    expect(await evalExpr(numberExpr("datum.v", "zh"), 12)).toBe("12");
    expect(await evalExpr(numberExpr("datum.v", "en"), 410000000)).toBe("410M");
  });
  it("gives each region one colour, the same whatever order it is seen in", () => {
    const a = regionColorMap(["330282", "320402", "330303"]);
    const b = regionColorMap(["330303", "330282", "320402", "330282"]);
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(new Set(a.values()).size).toBe(3);
  });
  it("leaves room for labels and includes negative values", () => {
    expect(paddedDomain([2600, 980, null])[1]).toBeGreaterThan(2600 * 1.1);
    expect(paddedDomain([-3.5, 12.2])[0]).toBeLessThan(-3.5);
  });
  it("wraps long subtitles instead of widening the chart", () => {
    const lines = wrapText("慈溪市、天宁区、龙湾区；报告所述实际完成数(张)，按数值排序；2份报告未提及，标为“未提及”而非零", 300, 12);
    expect(lines.length).toBeGreaterThan(1);
  });
  it("prints a source line with reports, regions, years and extraction date", () => {
    const s = sourceLine({ reports: 2, regions: ["慈溪市", "?x.txt"], years: [2022, 2023], extractedAt: "2026-11-20" }, "zh");
    expect(s).toBe("来源：2份民政工作报告（慈溪市；1份未识别地区），2022–2023年；数据提取于2026-11-20。");
  });
});

/** Evaluate a vega expression over `v` with vega's own expression functions (format, abs, isValid). */
async function evalExpr(expr: string, v: number): Promise<string> {
  const spec = compileSpec({ data: { values: [{ v }] }, transform: [{ calculate: expr, as: "out" }], mark: "text", encoding: { text: { field: "out" } } });
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  await view.runAsync();
  return (view.data("data_0") as { out: string }[])[0].out;
}

describe("Chinese glyphs in PNGs", () => {
  it("draws Chinese text with the bundled font, and nothing like it without", async () => {
    const spec = briefing({ width: 200, height: 40, data: { values: [{ a: "养老床位" }] }, mark: { type: "text", fontSize: 20 }, encoding: { text: { field: "a" } } },
      { title: "养老服务床位数对比", subtitle: "慈溪市、天宁区", source: { reports: 1, regions: ["慈溪市"], years: [2023], extractedAt: "2026-11-20" }, lang: "zh" }, 200);
    const svg = await chartSvg(spec);
    const withFont = decodePng(svgToPng(svg, 2, true).png);
    const without = decodePng(svgToPng(svg, 2, false).png);
    const { width, height } = svgSize(svg);
    expect(withFont.width).toBe(Math.round(width * 2));
    expect(withFont.height).toBe(Math.round(height * 2));
    // with no font resvg draws no text at all: the glyphs account for thousands of pixels
    expect(inkShare(without)).toBeLessThan(0.002);
    expect(inkShare(withFont)).toBeGreaterThan(0.01);
    expect(differingPixels(withFont, without)).toBeGreaterThan(3000);
  });
});

describe("running a notebook", () => {
  it("puts each output in the cell that made it, shows errors where they happened, skips the rest", async () => {
    const { execFile } = await import("node:child_process");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const out = mkdtempSync(join(tmpdir(), "mini-nb-"));
    const code = await new Promise<number | null>((done) => {
      execFile(process.execPath, ["--import", "tsx", "notebooks/runtime/exec.ts", "test/notebooks/fixtures/mini-notebook.ts", "--tables", "test/notebooks/fixtures/tables", "--out", out], () => undefined).on("close", done);
    });
    expect(code).toBe(1); // a failing cell fails the run
    const html = readFileSync(join(out, "notebooks", "mini-notebook.html"), "utf8");
    // what a cell shows: its section after the folded code
    const cell = (i: number) => (html.split(`data-cell="${i}"`)[1]?.split("</section>")[0] ?? "").split("</details>").pop() ?? "";
    expect(cell(0)).toContain("&lt;b&gt;HTML&lt;/b&gt;");
    expect(cell(1)).toContain("output of cell 1");
    expect(cell(1)).toContain("printed by cell 1");
    expect(cell(1)).not.toContain("note from a helper");
    expect(cell(2)).toContain("note from a helper");
    expect(cell(2)).toContain("&lt;i&gt;report text&lt;/i&gt;");
    expect(cell(3)).toContain("cell 3 starts");
    expect(cell(3)).toContain("boom in cell 3");
    expect(cell(4)).toContain('class="skipped"');
    expect(html).not.toContain("never shown</p>");
  }, 60_000);
});
