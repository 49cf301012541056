// The five seed reports through the whole pipeline: every quote is exactly the original text at its
// offsets (traditional 001 included), each seed yields a plausible number of rows, and the seeds
// score loosely against the gold labels (only when the shared gold folder is present).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { processDocument } from "../../pipelines/process.ts";
import { loadReference } from "../../pipelines/reference.ts";
import type { ProcessedDocument } from "../../pipelines/types.ts";
import { emptyScore, factF1, precision, scoreDocument } from "../eval/gold-score.ts";
import { REFERENCE_DIR, ROOT } from "./helpers.ts";

const RAW = join(ROOT, "data/raw");
const GOLD = join(ROOT, "../shared/eval/gold");
const reference = loadReference(REFERENCE_DIR);
const seeds = readdirSync(RAW).filter((f) => f.endsWith(".txt")).sort();
const processed = new Map<string, ProcessedDocument>(
  seeds.map((name) => {
    const bytes = readFileSync(join(RAW, name));
    return [name, processDocument({ path: join(RAW, name), name, bytes: new Uint8Array(bytes) }, reference)];
  }),
);

describe("seed reports", () => {
  it("are all there", () => {
    expect(seeds.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of seeds) {
    it(`${name}: every quote is the original text at [start, end)`, () => {
      const doc = processed.get(name)!;
      expect(doc.clean).toBeDefined();
      const original = doc.clean!.original;
      for (const row of doc.metrics) {
        expect(original.slice(row.start, row.end), `${row.quote} @${row.start}`).toBe(row.quote);
        expect(row.quote).toMatch(/[0-9０-９零〇一二两三四五六七八九十百千万亿萬億兩]/);
      }
    });

    it(`${name}: a plausible number of rows, every field in range`, () => {
      const rows = processed.get(name)!.metrics;
      expect(rows.length).toBeGreaterThanOrEqual(20);
      expect(rows.length).toBeLessThanOrEqual(150);
      for (const r of rows) {
        expect(Number.isFinite(r.value)).toBe(true);
        expect(r.year === null || (r.year >= 2000 && r.year <= 2100)).toBe(true);
        expect(r.indicator).not.toBe("");
        if (r.qualifier === "range") expect(r.low! < r.high!).toBe(true);
      }
    });
  }

  it("001 is traditional: its quotes stay traditional and its sentences are simplified", () => {
    const rows = processed.get(seeds.find((s) => s.startsWith("001"))!)?.metrics ?? [];
    const trad = rows.filter((r) => /[萬張個項億兩]/.test(r.quote));
    expect(trad.length).toBeGreaterThan(10);
    const wan = rows.find((r) => r.quote.endsWith("萬元"))!;
    expect(wan.sentence).not.toMatch(/萬/);
  });
});

describe.skipIf(!existsSync(GOLD))("seed score (loose floor; score.mjs is the real measure)", () => {
  it("fact_F1 ≥ 0.85 and precision ≥ 0.9 over the five seeds", () => {
    const score = emptyScore();
    for (const name of seeds) scoreDocument(GOLD, name, processed.get(name)!.metrics, score);
    expect(factF1(score)).toBeGreaterThanOrEqual(0.85);
    expect(precision(score)).toBeGreaterThanOrEqual(0.9);
  });
});
