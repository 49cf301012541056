// The indicator catalog as a table (out/tables/indicators.csv/.parquet), read generically from whatever
// data/reference/indicators.{csv,json,jsonl} holds: the catalog's own columns, in its own order.
// Lists become "a|b|c", nested objects JSON; every column is a string so nothing is reinterpreted.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openCsvWriter, parseCsv } from "./csv.ts";
import { openParquetWriter } from "./parquet.ts";

export interface CatalogTable {
  source: string;
  columns: string[];
  rows: Record<string, string>[];
}

function flat(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x))).join("|");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function fromObjects(items: unknown[], source: string): CatalogTable {
  const columns: string[] = [];
  const rows: Record<string, string>[] = [];
  for (const item of items) {
    if (!item || typeof item !== "object" || Array.isArray(item)) continue;
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(item)) {
      if (!columns.includes(k)) columns.push(k);
      row[k] = flat(v);
    }
    rows.push(row);
  }
  return { source, columns, rows };
}

/** The catalog under the reference folder, or null when there is none (yet). Throws on a malformed file. */
export function readCatalog(referenceDir: string): CatalogTable | null {
  for (const name of ["indicators.csv", "indicators.json", "indicators.jsonl"]) {
    const path = join(referenceDir, name);
    if (!existsSync(path)) continue;
    const text = readFileSync(path, "utf8");
    if (name.endsWith(".csv")) {
      const [head = [], ...body] = parseCsv(text).filter((r) => r.length > 1 || r[0] !== "");
      const columns = head.map((h) => h.trim());
      return { source: name, columns, rows: body.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""]))) };
    }
    if (name.endsWith(".jsonl")) {
      return fromObjects(text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown), name);
    }
    const json = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
    const items = Array.isArray(json)
      ? json
      : json && typeof json === "object"
        ? (Object.values(json).find(Array.isArray) as unknown[] | undefined) ??
          Object.entries(json).map(([id, v]) => (v && typeof v === "object" && !Array.isArray(v) ? { id, ...v } : { id, value: v }))
        : [];
    return fromObjects(items, name);
  }
  return null;
}

/** Writes indicators.csv and indicators.parquet into dir; returns a note for the run summary. */
export function writeCatalogTables(referenceDir: string, dir: string): string {
  let catalog: CatalogTable | null;
  try {
    catalog = readCatalog(referenceDir);
  } catch (err) {
    return `indicator catalog not written: could not read it (${(err as Error).message})`;
  }
  if (!catalog) return "indicator catalog not written: no data/reference/indicators.{csv,json,jsonl} yet";
  const columns = catalog.columns.map((name) => ({ name, type: "string" as const, description: "" }));
  const csv = openCsvWriter<Record<string, string>>(join(dir, "indicators.csv"), columns);
  const pq = openParquetWriter<Record<string, string>>(join(dir, "indicators.parquet"), columns);
  for (const row of catalog.rows) {
    csv.write(row);
    pq.write(row);
  }
  csv.close();
  pq.close();
  return `indicator catalog: ${catalog.rows.length} indicators from ${catalog.source}`;
}
