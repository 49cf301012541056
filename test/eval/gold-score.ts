// A small scorer for gold folders in the format of shared/eval/gold, as score.mjs matches rows (by unit and value,
// required rows first): the loose floors the tests keep. score.mjs stays the real measure.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MetricRow } from "../../pipelines/types.ts";

interface GoldRow {
  quote: string;
  value: number;
  unit: string;
  kind: string;
  measure: string;
  year: number | null;
  domain: string;
  indicator: string;
  optional?: boolean;
}

export interface GoldScore {
  tp: number;
  fp: number;
  fn: number;
  /** Matched rows whose kind, measure, year and domain are all right. */
  facts: number;
  /** Sum over matched rows of the bigram overlap (Dice) of the labels. */
  labels: number;
}

const bigrams = (s: string): Set<string> => {
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
};

/** score.mjs's label similarity: the Dice coefficient of two labels' character bigrams. */
export function labelSimilarity(a: string, b: string): number {
  const A = bigrams(a.trim());
  const B = bigrams(b.trim());
  if (!A.size || !B.size) return 0;
  let n = 0;
  for (const g of A) if (B.has(g)) n++;
  return (2 * n) / (A.size + B.size);
}

/** One document's rows against its gold file (none: nothing counted), added to `into`. */
export function scoreDocument(goldDir: string, doc: string, rows: readonly MetricRow[], into: GoldScore): GoldScore {
  const file = join(goldDir, doc.replace(/\.txt$/, ".jsonl"));
  if (!existsSync(file)) return into;
  const gold: GoldRow[] = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
  const pool = rows.map((r) => ({ r, used: false }));
  const order = [...gold].sort((a, b) => Number(!!a.optional) - Number(!!b.optional));
  for (const g of order) {
    const p = pool.find((x) => !x.used && x.r.unit === g.unit && Math.abs(x.r.value - g.value) <= 1e-6 * Math.max(1, Math.abs(g.value)));
    if (!p) {
      if (!g.optional) into.fn++;
      continue;
    }
    p.used = true;
    if (g.optional) continue;
    into.tp++;
    const r = p.r;
    if (r.kind === g.kind && r.measure === g.measure && r.year === g.year && r.domain === g.domain) into.facts++;
    into.labels += labelSimilarity(g.indicator, r.indicator);
  }
  into.fp += pool.filter((x) => !x.used).length;
  return into;
}

export const emptyScore = (): GoldScore => ({ tp: 0, fp: 0, fn: 0, facts: 0, labels: 0 });

/** fact_F1 as score.mjs computes it: facts over matched plus spurious, and over matched plus missed. */
export function factF1(s: GoldScore): number {
  const P = s.facts / Math.max(1, s.tp + s.fp);
  const R = s.facts / Math.max(1, s.tp + s.fn);
  return (2 * P * R) / Math.max(1e-9, P + R);
}

export const precision = (s: GoldScore): number => s.tp / Math.max(1, s.tp + s.fp);
export const meanLabelSimilarity = (s: GoldScore): number => s.labels / Math.max(1, s.tp);
