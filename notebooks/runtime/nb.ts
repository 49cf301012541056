// The notebook's side of the runtime: `nb.md()`, `nb.chart()`, `nb.table()`, `nb.note()`.
// Each call records an output with the line it was called from; the runtime maps lines to `// %%` cells.
// Run outside the runtime (plain `tsx notebooks/x.ts`), the same calls print a short text summary instead.
import { createRequire } from "node:module";
import type { Lang } from "../charts/theme.ts";

/** A Vega-Lite spec; kept loose on purpose (builders produce them, vega-lite validates them). */
export type VlSpec = Record<string, unknown>;
export type Cellvalue = string | number | boolean | null;

export type Output =
  | { type: "markdown"; text: string }
  | { type: "note"; text: string; level: "info" | "warn" }
  | { type: "table"; columns: string[]; rows: Cellvalue[][]; caption: string; total: number }
  | { type: "chart"; name: string; spec: VlSpec; caption: string }
  | { type: "text"; text: string }
  | { type: "error"; text: string };

export interface Recorded {
  /** 1-based line in the notebook file of the top-level statement that produced the output (-1: unknown). */
  line: number;
  output: Output;
}

/** What the runtime puts on globalThis before it imports a notebook. */
export interface RunContext {
  file: string;
  lang: Lang;
  tablesDir: string;
  outputs: Recorded[];
}

const KEY = "__notebookRun";
export function runContext(): RunContext | undefined {
  return (globalThis as Record<string, unknown>)[KEY] as RunContext | undefined;
}
export function setRunContext(ctx: RunContext | undefined): void {
  (globalThis as Record<string, unknown>)[KEY] = ctx;
}

/** Line of the outermost stack frame inside the notebook file (tsx maps frames back to the .ts source). */
export function callerLine(file: string, stack: string | undefined): number {
  if (!stack) return -1;
  let line = -1;
  for (const frame of stack.split("\n")) {
    const at = frame.lastIndexOf(file);
    if (at < 0) continue;
    const m = /:(\d+):\d+\)?\s*$/.exec(frame.slice(at + file.length));
    if (m) line = Number(m[1]);
  }
  return line;
}

interface TslabDisplay { html(s: string): void; markdown(s: string): void; text(s: string): void }
let tslabDisplay: TslabDisplay | null | undefined;
function tslab(): TslabDisplay | null {
  if (tslabDisplay !== undefined) return tslabDisplay;
  try {
    // Inside a tslab kernel, globalThis.__tslab__.require answers "tslab" even when tslab is installed globally.
    const inKernel = (globalThis as { __tslab__?: { require?: NodeRequire } }).__tslab__?.require;
    const req = inKernel ?? createRequire(process.cwd() + "/");
    tslabDisplay = (req("tslab") as { display: TslabDisplay }).display;
  } catch {
    tslabDisplay = null;
  }
  return tslabDisplay;
}

/**
 * Charts and tables shown through tslab are drawn asynchronously. Each output is shown once it is drawn and every
 * earlier one is shown, so they keep the order of the calls; the exported .ipynb ends each cell with
 * `await nbShown()` (runtime/tslab.cjs), which waits for them, so each output lands in its own cell.
 */
let tslabShown: Promise<unknown> = Promise.resolve();
let tslabPending = 0;
function tslabShow(d: TslabDisplay, drawn: Promise<() => void>): void {
  tslabPending++;
  const ready = drawn.catch((e: unknown) => () => d.text(String(e)));
  tslabShown = Promise.all([ready, tslabShown])
    .then(([show]) => show())
    .catch((e: unknown) => console.error(e))
    .finally(() => tslabPending--);
  const g = globalThis as { __notebookDrawing?: Promise<unknown>[] };
  (g.__notebookDrawing ??= []).push(tslabShown);
}

function record(output: Output): void {
  const ctx = runContext();
  if (ctx) {
    ctx.outputs.push({ line: callerLine(ctx.file, new Error().stack), output });
    return;
  }
  // Outside the runtime: Jupyter with tslab shows rich output, a terminal gets text.
  const d = tslab();
  if (d && output.type === "markdown") {
    if (tslabPending === 0) return d.markdown(output.text);
    return tslabShow(d, Promise.resolve(() => d.markdown(output.text)));
  }
  if (d && output.type === "chart") {
    // outlined SVG: draws the same whether or not the browser has a Chinese font
    return tslabShow(d, import("./export.ts").then(async (m) => {
      const svg = m.outlineSvg(await m.chartSvg(output.spec), `tslab-${output.name}`);
      return () => d.html(svg);
    }));
  }
  if (d && (output.type === "table" || output.type === "note")) {
    return tslabShow(d, import("./render-html.ts").then((m) => {
      const html = output.type === "table" ? m.tableHtml(output, nb.lang) : `<div style="border-left:4px solid #4e79a7;padding:.4em .8em">${m.escapeText(output.text)}</div>`;
      return () => d.html(html);
    }));
  }
  if (output.type === "chart") console.log(`[chart ${output.name}]`);
  else if (output.type === "table") console.log(`[table ${output.caption}: ${output.total} rows]\n` + output.rows.slice(0, 10).map((r) => r.join("\t")).join("\n"));
  else if (output.type === "text" || output.type === "error") console.log(output.text);
  else console.log(output.text);
}

function isFrame(x: unknown): x is { columns: string[]; values: unknown[][] } {
  return typeof x === "object" && x !== null && Array.isArray((x as { columns?: unknown }).columns) && Array.isArray((x as { values?: unknown }).values);
}

function cellValue(v: unknown): Cellvalue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? Number(v.toPrecision(6)) : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

export interface TableOptions {
  /** Columns to show, or a map column → header text (order kept). Default: all. */
  columns?: string[] | Record<string, string>;
  caption?: string;
  /** Rows shown (the rest counted). Default 50. */
  maxRows?: number;
}

const usedNames = new Set<string>();

export const nb = {
  /** Language of labels: `zh` by default, `en` with `--lang en`. */
  get lang(): Lang {
    return runContext()?.lang ?? (process.env.NB_LANG === "en" ? "en" : "zh");
  },
  /** Pick the label for the current language. */
  t(zh: string, en: string): string {
    return nb.lang === "en" ? en : zh;
  },
  /** Where the tables are read from (`--tables DIR`, default out/tables). */
  get tablesDir(): string {
    return runContext()?.tablesDir ?? process.env.NB_TABLES ?? "out/tables";
  },
  /** Markdown written by the notebook author (raw HTML in it is shown as text, not interpreted). */
  md(text: string): void {
    record({ type: "markdown", text });
  },
  /** A call-out: what is missing, what to keep in mind. Plain text, escaped. */
  note(text: string, level: "info" | "warn" = "info"): void {
    record({ type: "note", text, level });
  },
  /** An HTML table from a danfojs DataFrame or an array of row objects. */
  table(data: unknown, opts: TableOptions = {}): void {
    let columns: string[];
    let rows: unknown[][];
    if (isFrame(data)) {
      columns = data.columns;
      rows = data.values;
    } else if (Array.isArray(data)) {
      const objs = data as Record<string, unknown>[];
      columns = [...new Set(objs.flatMap((o) => Object.keys(o)))];
      rows = objs.map((o) => columns.map((c) => o[c]));
    } else {
      throw new Error("nb.table: expected a DataFrame or an array of objects");
    }
    let headers = columns;
    if (opts.columns) {
      const pick = Array.isArray(opts.columns) ? opts.columns : Object.keys(opts.columns);
      const idx = pick.map((c) => columns.indexOf(c));
      rows = rows.map((r) => idx.map((i) => (i >= 0 ? r[i] : null)));
      headers = Array.isArray(opts.columns) ? pick : pick.map((c) => (opts.columns as Record<string, string>)[c]);
    }
    const max = opts.maxRows ?? 50;
    record({ type: "table", columns: headers, rows: rows.slice(0, max).map((r) => r.map(cellValue)), caption: opts.caption ?? "", total: rows.length });
  },
  /** A Vega-Lite chart; `name` becomes out/charts/NOTEBOOK/NAME.{svg,png,vl.json}. */
  chart(name: string, spec: VlSpec, caption = ""): void {
    let slug = name.toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "chart";
    // names must be unique in a notebook, or one export would overwrite another
    const base = slug;
    for (let i = 2; usedNames.has(slug); i++) slug = `${base}-${i}`;
    usedNames.add(slug);
    record({ type: "chart", name: slug, spec, caption });
  },
};
