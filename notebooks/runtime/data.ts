// Loading the pipeline's tables for a notebook: CSV (BOM, RFC 4180, formula-neutralised cells) into typed rows,
// and danfojs DataFrames on request. Defensive on purpose: missing files and columns become empty tables.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import * as dfd from "danfojs-node";
import { parseCsv as readCsv, startsLikeFormula } from "../../pipelines/tables/csv.ts";
import type { DocumentRow, MetricRow } from "../../pipelines/types.ts";
import type { Lang } from "../charts/theme.ts";

/** One indicator of the catalog (indicators.csv); labels fall back to the id when the catalog lacks them. */
export interface Indicator {
  id: string;
  zh: string;
  en: string;
  domain: string;
  unit: string;
}

export interface Tables {
  dir: string;
  documents: DocumentRow[];
  metrics: MetricRow[];
  catalog: Map<string, Indicator>;
  /** Table files that were not there (documents.csv, metrics.csv, indicators.csv). */
  missing: string[];
  /** YYYY-MM-DD: when the pipeline wrote the tables (manifest or file time), never "now". */
  extractedAt: string;
}

/** RFC 4180 CSV (quotes, "" escapes, embedded newlines, BOM): the pipeline's own reader, blank lines dropped. */
export function parseCsv(text: string): string[][] {
  return readCsv(text).filter((r) => !(r.length === 1 && r[0] === ""));
}

/** Undo the writer's formula neutralisation: `'=...`, `'+...`, `'-...`, `'@...` were written with a leading quote. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") && startsLikeFormula(cell.slice(1, 2)) ? cell.slice(1) : cell;
}

const NUMERIC = new Set(["report_year", "chars", "metrics", "start", "end", "value", "low", "high", "year"]);

export function csvObjects(text: string): Record<string, string | number | null>[] {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  const names = header.map((h) => h.trim());
  return body.map((cells) => {
    const o: Record<string, string | number | null> = {};
    names.forEach((name, i) => {
      const raw = unneutralise(cells[i] ?? "");
      if (NUMERIC.has(name)) {
        const n = raw.trim() === "" ? NaN : Number(raw);
        o[name] = Number.isFinite(n) ? n : null;
      } else o[name] = raw;
    });
    return o;
  });
}

const DOC_DEFAULTS: DocumentRow = {
  doc_id: "", doc_file: "", title: "", agency: "", region_code: "", region_name: "", province: "", city: "",
  county: "", admin_level: "", report_year: null, period: "", published: "", script: "", encoding: "", chars: 0,
  metrics: 0, status: "ok", problems: "",
};
const METRIC_DEFAULTS: MetricRow = {
  doc_id: "", doc_file: "", region_code: "", region_name: "", report_year: null, period: "", section: "",
  sentence: "", quote: "", start: 0, end: 0, value: NaN, unit: "other", measure_word: "", qualifier: "exact",
  low: null, high: null, kind: "actual", measure: "level", year: null, domain: "other", indicator: "", indicator_id: "",
};

function withDefaults<T extends object>(defaults: T, o: Record<string, unknown>): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && v !== "") out[k] = v;
  else if (k in defaults && (defaults as Record<string, unknown>)[k] === null) out[k] = null;
  return out as T;
}

/** Catalog columns may still change: find id, Chinese label, English label, domain and unit by name. */
export function readCatalog(rows: Record<string, unknown>[]): Map<string, Indicator> {
  const map = new Map<string, Indicator>();
  if (!rows.length) return map;
  const cols = Object.keys(rows[0]);
  const find = (...patterns: RegExp[]) => {
    for (const p of patterns) {
      const c = cols.find((x) => p.test(x));
      if (c) return c;
    }
    return undefined;
  };
  const id = find(/^indicator_id$/i, /^id$/i, /_id$/i, /^key$/i);
  const zh = find(/^(label|name)_?zh$/i, /^zh(_label|_name)?$/i, /chinese/i, /^(label|name|indicator)$/i, /zh/i);
  const en = find(/^(label|name)_?en$/i, /^en(_label|_name)?$/i, /english/i, /(^|_)en(_|$)/i);
  const domain = find(/^domain$/i, /domain/i);
  const unit = find(/^unit$/i, /unit/i);
  if (!id) return map;
  for (const r of rows) {
    const key = String(r[id] ?? "").trim();
    if (!key) continue;
    const zhLabel = zh ? String(r[zh] ?? "").trim() : "";
    const enLabel = en ? String(r[en] ?? "").trim() : "";
    map.set(key, {
      id: key,
      zh: zhLabel || key,
      en: enLabel || zhLabel || key,
      domain: domain ? String(r[domain] ?? "") : "",
      unit: unit ? String(r[unit] ?? "") : "",
    });
  }
  return map;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function extractionDate(dir: string): string {
  const manifest = join(dir, "manifest.json");
  if (existsSync(manifest)) {
    try {
      const m = JSON.parse(readFileSync(manifest, "utf8")) as Record<string, unknown>;
      for (const [k, v] of Object.entries(m)) {
        if (/generated|created|extracted|finished|date|time/i.test(k) && typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
      }
    } catch {
      /* fall through to file times */
    }
  }
  for (const f of ["metrics.csv", "documents.csv", "manifest.json"]) {
    const p = join(dir, f);
    if (existsSync(p)) return isoDay(statSync(p).mtime);
  }
  return "";
}

export function loadTables(dir: string = process.env.NB_TABLES ?? "out/tables"): Tables {
  dir = resolve(dir);
  const missing: string[] = [];
  const read = (name: string) => {
    const p = join(dir, name);
    if (!existsSync(p)) {
      missing.push(name);
      return [];
    }
    return csvObjects(readFileSync(p, "utf8"));
  };
  const documents = read("documents.csv").map((o) => withDefaults(DOC_DEFAULTS, o));
  // A file with the same content as another is flagged by the pipeline; counting its figures again would double them.
  const duplicateFiles = new Set(documents.filter((d) => /(^|; )duplicate:/.test(d.problems)).map((d) => d.doc_file));
  const metrics = read("metrics.csv")
    .map((o) => withDefaults(METRIC_DEFAULTS, o))
    .filter((m) => Number.isFinite(m.value) && !duplicateFiles.has(m.doc_file));
  const catalogRows = read("indicators.csv");
  return { dir, documents, metrics, catalog: readCatalog(catalogRows), missing, extractedAt: extractionDate(dir) };
}

/** A danfojs DataFrame of rows (an empty frame with the given columns when there are none). */
export function frame<T extends object>(rows: T[], columns?: string[]): dfd.DataFrame {
  if (!rows.length) return new dfd.DataFrame([], { columns: columns ?? [] });
  return new dfd.DataFrame(rows as unknown as Record<string, unknown>[]);
}

/** Rows of a DataFrame as plain objects. */
export function rowsOf<T = Record<string, unknown>>(df: dfd.DataFrame): T[] {
  if (df.shape[0] === 0) return [];
  return dfd.toJSON(df) as T[];
}

// ---- labels an analyst reads -------------------------------------------------------------------------

/** Stable key of a report's region: its code, else its name, else the file (an unplaced report stays its own row). */
export function regionKey(r: { region_code: string; region_name: string; doc_file: string }): string {
  return r.region_code || r.region_name || `?${r.doc_file}`;
}

export function regionName(r: { region_code: string; region_name: string; doc_file: string }, lang: Lang): string {
  if (r.region_name) return r.region_name;
  const stem = r.doc_file.replace(/\.[a-z0-9]+$/i, "").slice(0, 10);
  return lang === "en" ? `unplaced (${stem})` : `未识别地区(${stem})`;
}

/** Label of a metric's indicator: the catalog's label when the row found one, else the row's own Chinese label. */
export function indicatorLabel(m: Pick<MetricRow, "indicator" | "indicator_id">, catalog: Map<string, Indicator>, lang: Lang): string {
  const c = m.indicator_id ? catalog.get(m.indicator_id) : undefined;
  if (c) return lang === "en" ? c.en : c.zh;
  return m.indicator || m.indicator_id || (lang === "en" ? "(unlabelled)" : "(未标注)");
}

/** Key that makes the same indicator in two reports one series: catalog id, else the Chinese label. */
export function indicatorKey(m: Pick<MetricRow, "indicator" | "indicator_id" | "unit">): string {
  return m.indicator_id ? `id:${m.indicator_id}` : `label:${m.indicator}|${m.unit}`;
}
