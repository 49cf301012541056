// One notebook → NAME.ipynb with its outputs embedded, so Jupyter, VS Code and any .ipynb viewer show them,
// and the tslab kernel named, so an analyst with Jupyter can re-run the cells.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { escapeHtml } from "./escape.ts";
import type { RenderedCell, RenderedOutput } from "./render-html.ts";


type Json = Record<string, unknown>;

function lines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((l, i) => (i < parts.length - 1 ? l + "\n" : l)).filter((l, i) => l !== "" || i < parts.length - 1);
}

function tableText(o: Extract<RenderedOutput, { type: "table" }>): string {
  return [o.columns.join("\t"), ...o.rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join("\t"))].join("\n");
}

function output(o: RenderedOutput, png: (name: string) => string | undefined, tableHtml: (o: Extract<RenderedOutput, { type: "table" }>) => string): Json {
  switch (o.type) {
    case "markdown":
      return { output_type: "display_data", metadata: {}, data: { "text/markdown": lines(o.text), "text/plain": lines(o.text) } };
    case "note":
      return { output_type: "display_data", metadata: {}, data: { "text/html": [`<div style="border-left:4px solid ${o.level === "warn" ? "#e15759" : "#4e79a7"};padding:.4em .8em">${escapeHtml(o.text)}</div>`], "text/plain": lines(o.text) } };
    case "text":
      return { output_type: "stream", name: "stdout", text: lines(o.text.endsWith("\n") ? o.text : o.text + "\n") };
    case "error":
      return { output_type: "error", ename: "Error", evalue: o.text.split("\n")[0], traceback: o.text.split("\n") };
    case "table":
      return { output_type: "display_data", metadata: {}, data: { "text/html": lines(tableHtml(o)), "text/plain": lines(tableText(o)) } };
    case "chart": {
      const data: Json = {
        // JupyterLab renders this mimetype with its own vega; the spec uses nothing newer than v5 offers.
        "application/vnd.vegalite.v5+json": { ...o.spec, $schema: "https://vega.github.io/schema/vega-lite/v5.json" },
        "image/svg+xml": lines(o.svg),
        "text/plain": [`<chart ${o.name}>`],
      };
      const p = png(o.name);
      if (p) data["image/png"] = p;
      return { output_type: "display_data", metadata: {}, data };
    }
  }
}

export interface IpynbInput {
  cells: RenderedCell[];
  /** Absolute path of the .ts notebook (imports are rewritten relative to the .ipynb). */
  notebookFile: string;
  ipynbDir: string;
  tablesDir: string;
  /** Labels the notebook was rendered in; an English .ipynb re-runs in English (NB_LANG). */
  lang?: "zh" | "en";
  pngBase64: (name: string) => string | undefined;
}

/** Rewrite `from "./x.ts"` / `from "../x.ts"` so the imports resolve from where the .ipynb lives. */
export function rewriteImports(source: string, notebookDir: string, ipynbDir: string): string {
  return source.replace(/(from\s+|import\s*\(\s*|import\s+)(["'])(\.{1,2}\/[^"']+)\2/g, (_m, pre: string, q: string, spec: string) => {
    return `${pre}${q}${relPath(ipynbDir, `${notebookDir}/${spec}`)}${q}`;
  });
}

function relPath(fromDir: string, file: string): string {
  const rel = relative(fromDir, file);
  return rel.startsWith(".") ? rel : "./" + rel;
}

/**
 * tslab compiles cells with its own TypeScript and cannot import the project's modules (`.ts` import paths, files
 * outside the notebook's folder, ESM-only packages): turn each relative import into a run-time load through
 * `nbLoad` (runtime/tslab.cjs, set up by the first cell). Imported types become `any`; package imports stay.
 */
export function tslabImports(source: string): string {
  return source.replace(
    /^([ \t]*)import\s+(type\s+)?(?:([^"';]*?)\s*from\s+)?(["'])(\.{1,2}\/[^"']+)\4[ \t]*;?/gm,
    (_m, indent: string, typeOnly: string | undefined, clause: string | undefined, q: string, spec: string) => {
      const load = `await nbLoad(${q}${spec}${q})`;
      if (!clause) return `${indent}${load};`;
      const values: string[] = [];
      const types: string[] = [];
      const named = /\{([\s\S]*)\}/.exec(clause);
      for (const item of named ? named[1].split(",") : []) {
        const m = /^\s*(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(item);
        if (!m) continue;
        if (typeOnly || m[1]) types.push(m[3] ?? m[2]);
        else values.push(m[3] ? `${m[2]}: ${m[3]}` : m[2]);
      }
      const rest = clause.replace(/\{[\s\S]*\}/, "").split(",").map((x) => x.trim()).filter(Boolean);
      const lines: string[] = [];
      for (const r of rest) {
        const ns = /^\*\s*as\s+([\w$]+)$/.exec(r);
        if (typeOnly) types.push(ns ? ns[1] : r);
        else if (ns) lines.push(`const ${ns[1]} = ${load};`);
        else values.push(`default: ${r}`);
      }
      if (values.length) lines.unshift(`const { ${values.join(", ")} } = ${load};`);
      if (types.length) lines.push(types.map((t) => `type ${t} = any;`).join(" "));
      return lines.map((l) => indent + l).join("\n");
    },
  );
}

const TSLAB_LOADER = fileURLToPath(new URL("./tslab.cjs", import.meta.url));

export function toIpynb(input: IpynbInput): Json {
  const nbDir = input.notebookFile.slice(0, input.notebookFile.lastIndexOf("/"));
  const tableHtml = (o: Extract<RenderedOutput, { type: "table" }>) => {
    const head = o.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
    const body = o.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(v ?? "")}</td>`).join("")}</tr>`).join("");
    return `<table>${o.caption ? `<caption>${escapeHtml(o.caption)}</caption>` : ""}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  };
  let count = 0;
  const setup = {
    cell_type: "code",
    id: "setup",
    execution_count: null,
    metadata: { tags: ["setup"] },
    source: lines([
      "// Written by the exporter, for re-running in Jupyter (tslab): where this notebook reads its tables, and",
      "// how the cells below load the project's modules (tslab cannot import them itself; runtime/tslab.cjs).",
      `process.env.NB_TABLES ??= ${JSON.stringify(relative(input.ipynbDir, input.tablesDir) || ".")};`,
      ...(input.lang === "en" ? ['process.env.NB_LANG ??= "en";'] : []),
      `const nbLoader = require(${JSON.stringify(relPath(input.ipynbDir, TSLAB_LOADER))});`,
      "// tslab does not see the project's types: an export is untyped, but generic calls like rowsOf<T>(df) still compile",
      "type NbExport = { <A = any, B = any, C = any, D = any>(...args: any[]): any; new (...args: any[]): any; [key: string]: any; [Symbol.iterator](): Iterator<any> };",
      "const nbLoad: (path: string) => Promise<Record<string, NbExport>> = nbLoader.load;",
      "const nbShown: () => Promise<void> = nbLoader.shown;",
    ].join("\n")),
    outputs: [],
  };
  const cells = input.cells.map((rc, i) => {
    if (rc.cell.kind === "markdown") {
      return { cell_type: "markdown", id: `cell-${i}`, metadata: {}, source: lines(rc.cell.source) };
    }
    return {
      cell_type: "code",
      id: `cell-${i}`,
      execution_count: rc.skipped ? null : ++count,
      metadata: {},
      // the last line lets charts and tables drawn through tslab show in this cell, not a later one
      source: lines(`${tslabImports(rewriteImports(rc.cell.source, nbDir, input.ipynbDir))}\nawait nbShown();`),
      outputs: rc.outputs.map((o) => output(o, input.pngBase64, tableHtml)),
    };
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript", codemirror_mode: { name: "javascript", typescript: true } },
    },
    cells: [setup, ...cells],
  };
}
