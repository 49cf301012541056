// Shared fixtures for the extract/segment/classify tests: the real reference data, and a way to run
// the extractor on a few sentences without going through ingest.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { extractFigures, loadExtractReference } from "../../pipelines/extract/index.ts";
import type { CleanText, DocumentDescription, FigureRow, Period } from "../../pipelines/types.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const REFERENCE_DIR = join(ROOT, "data/reference");
export const ref = loadExtractReference(REFERENCE_DIR);

export function cleanOf(text: string): CleanText {
  const toOriginal = new Int32Array(text.length + 1).map((_, i) => i);
  return { original: text, encoding: "utf-8", text, toOriginal, script: "simplified", header: {}, titleHint: "", problems: [] };
}

export function descOf(reportYear: number | null = 2023, period: Period = "annual"): DocumentDescription {
  return {
    title: "", agency: "", published: "", reportYear, period,
    region: { code: "", name: "", province: "", city: "", county: "", level: "", evidence: "" },
  };
}

/** Figures of a small text, as the pipeline would read them in a 2023 annual report. */
export function figures(text: string, reportYear: number | null = 2023, period: Period = "annual"): FigureRow[] {
  return extractFigures(cleanOf(text), descOf(reportYear, period), ref);
}

/** The one figure whose quote is `quote` (fails loudly when absent or ambiguous). */
export function figure(text: string, quote: string, reportYear: number | null = 2023, period: Period = "annual"): FigureRow {
  const rows = figures(text, reportYear, period).filter((r) => r.quote === quote);
  if (rows.length !== 1) throw new Error(`expected one figure "${quote}" in "${text}", got ${JSON.stringify(figures(text, reportYear, period).map((r) => r.quote))}`);
  return rows[0];
}

const referenceCopies: string[] = [];

/** A copy of the reference folder with one JSON file edited: what an analyst editing the data would run with. */
export function referenceWith(file: string, edit: (data: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "reference-"));
  referenceCopies.push(dir);
  cpSync(REFERENCE_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const data = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  edit(data);
  writeFileSync(path, JSON.stringify(data));
  return dir;
}

/** Removes the copies referenceWith made (call from afterAll). */
export function removeReferenceCopies(): void {
  for (const dir of referenceCopies.splice(0)) rmSync(dir, { recursive: true, force: true });
}
