// Runs one notebook in this process and writes everything it produced:
//   out/notebooks/NAME.html (+ NAME.ipynb with --ipynb), out/charts/NAME/CHART.{svg,png,vl.json}.
// The CLI starts one of these per notebook (a fresh process: no module cache, no state between notebooks).
// Usage: node --import tsx notebooks/runtime/exec.ts NOTEBOOK.ts [--tables DIR] [--out DIR] [--lang zh|en] [--ipynb]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { format } from "node:util";
import { pathToFileURL } from "node:url";
import type { Lang } from "../charts/theme.ts";
import { cellAtLine, parseCells } from "./cells.ts";
import { loadTables } from "./data.ts";
import { exportChart } from "./export.ts";
import { toIpynb } from "./ipynb.ts";
import { callerLine, type Output, type Recorded, type RunContext, setRunContext } from "./nb.ts";
import { type RenderedCell, type RenderedOutput, renderPage } from "./render-html.ts";

export interface ExecOptions {
  notebook: string;
  tablesDir: string;
  outDir: string;
  lang: Lang;
  /** Every language this run renders (so a page can link to its sibling before the sibling is written). */
  langs: Lang[];
  ipynb: boolean;
}

export interface ExecResult {
  name: string;
  html: string;
  ipynb?: string;
  charts: { name: string; png: string; width: number; height: number }[];
  cells: number;
  error?: string;
}

export async function runNotebook(opts: ExecOptions): Promise<ExecResult> {
  const file = resolve(opts.notebook);
  const name = basename(file).replace(/\.ts$/, "");
  const suffix = opts.lang === "en" ? ".en" : "";
  const tablesDir = resolve(opts.tablesDir);
  const ctx: RunContext = { file, lang: opts.lang, tablesDir, outputs: [] };
  setRunContext(ctx);
  process.env.NB_TABLES = tablesDir;
  process.env.NB_LANG = opts.lang;

  // console output of a cell is one of its outputs
  const original = { log: console.log, info: console.info, warn: console.warn };
  const capture = (...args: unknown[]) => ctx.outputs.push({ line: callerLine(file, new Error().stack), output: { type: "text", text: format(...args) } });
  console.log = capture;
  console.info = capture;
  console.warn = capture;
  let error: { line: number; text: string } | undefined;
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    error = { line: callerLine(file, err.stack), text: (err.stack ?? String(err)).split("\n").filter((l) => !l.includes("node:internal")).join("\n") };
  } finally {
    Object.assign(console, original);
    setRunContext(undefined);
  }

  // outputs → cells by the line that produced them
  const cells = parseCells(readFileSync(file, "utf8"));
  const rendered: RenderedCell[] = cells.map((cell) => ({ cell, outputs: [], skipped: false }));
  const lastCode = [...cells].reverse().find((c) => c.kind === "code")?.index ?? 0;
  let current = cells.find((c) => c.kind === "code")?.index ?? 0;
  const place = (rec: Recorded): number => {
    const at = cellAtLine(cells, rec.line);
    if (at >= 0) current = at;
    return at >= 0 ? at : current;
  };
  const chartsDir = join(resolve(opts.outDir), "charts", name);
  const htmlDir = join(resolve(opts.outDir), "notebooks");
  // charts of an earlier run that this run no longer draws must not linger next to the fresh ones
  if (existsSync(chartsDir)) {
    for (const f of readdirSync(chartsDir)) {
      const isEn = /\.en\.(svg|png|vl\.json)$/.test(f);
      if (/\.(svg|png|vl\.json)$/.test(f) && isEn === (opts.lang === "en")) rmSync(join(chartsDir, f));
    }
  }
  const charts: ExecResult["charts"] = [];
  const pngs = new Map<string, string>();
  for (const rec of ctx.outputs) {
    const idx = place(rec);
    const o: Output = rec.output;
    let out: RenderedOutput;
    if (o.type === "chart") {
      try {
        const ex = await exportChart(o.spec, chartsDir, o.name + suffix);
        charts.push({ name: o.name, png: ex.files.png, width: ex.pngWidth, height: ex.pngHeight });
        pngs.set(o.name, ex.png.toString("base64"));
        out = { type: "chart", name: o.name, spec: o.spec, caption: o.caption, svg: ex.outlined, files: ex.files };
      } catch (e) {
        const msg = `chart ${o.name}: ${e instanceof Error ? e.message : String(e)}`;
        error ??= { line: rec.line, text: msg };
        out = { type: "error", text: msg };
      }
    } else out = o;
    rendered[idx].outputs.push(out);
  }
  if (error) {
    const at = cellAtLine(cells, error.line);
    const idx = at >= 0 ? at : lastCode;
    if (!rendered[idx].outputs.some((o) => o.type === "error" && o.text === error!.text)) rendered[idx].outputs.push({ type: "error", text: error.text });
    for (const rc of rendered) if (rc.cell.index > idx && rc.cell.kind === "code") rc.skipped = true;
  }

  const tables = loadTables(tablesDir);
  const firstHeading = cells.find((c) => c.kind === "markdown")?.source.match(/^#\s+(.+)$/m)?.[1];
  mkdirSync(htmlDir, { recursive: true });
  const htmlFile = join(htmlDir, `${name}${suffix}.html`);
  const otherFile = join(htmlDir, `${name}${opts.lang === "en" ? "" : ".en"}.html`);
  const html = renderPage(
    {
      name,
      title: firstHeading ?? name,
      lang: opts.lang,
      tablesDir: opts.tablesDir,
      extractedAt: tables.extractedAt,
      otherLang: existsSync(otherFile) || opts.langs.includes(opts.lang === "en" ? "zh" : "en") ? { href: basename(otherFile), label: opts.lang === "en" ? "中文版" : "English" } : undefined,
    },
    rendered,
    htmlDir,
  );
  writeFileSync(htmlFile, html);
  const result: ExecResult = { name, html: htmlFile, charts, cells: cells.length, error: error?.text };
  if (opts.ipynb) {
    const ipynbFile = join(htmlDir, `${name}${suffix}.ipynb`);
    const doc = toIpynb({ cells: rendered, notebookFile: file, ipynbDir: htmlDir, tablesDir, lang: opts.lang, pngBase64: (n) => pngs.get(n) });
    writeFileSync(ipynbFile, JSON.stringify(doc, null, 1) + "\n");
    result.ipynb = ipynbFile;
  }
  return result;
}

function parseArgs(argv: string[]): ExecOptions {
  const opts: ExecOptions = { notebook: "", tablesDir: "out/tables", outDir: "out", lang: "zh", langs: [], ipynb: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--tables") opts.tablesDir = argv[++i];
    else if (a === "--out") opts.outDir = argv[++i];
    else if (a === "--lang") opts.lang = argv[++i] === "en" ? "en" : "zh";
    else if (a === "--ipynb") opts.ipynb = true;
    else if (a === "--langs") opts.langs = argv[++i].split(",").map((l) => (l === "en" ? "en" : "zh"));
    else if (!a.startsWith("--")) opts.notebook = a;
  }
  if (!opts.notebook) throw new Error("usage: exec.ts NOTEBOOK.ts [--tables DIR] [--out DIR] [--lang zh|en] [--ipynb]");
  return opts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const result = await runNotebook(parseArgs(process.argv.slice(2)));
  // one JSON line for the CLI
  process.stdout.write(JSON.stringify(result) + "\n");
  process.exitCode = result.error ? 1 : 0;
}
