import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { loadDescribeReference } from "../../pipelines/describe/index.ts";
import { ingestFile, loadIngestReference } from "../../pipelines/ingest/index.ts";
import { DEFAULT_REFERENCE_DIR } from "../../pipelines/reference.ts";
import type { CleanText, IngestOutcome } from "../../pipelines/types.ts";

export const ingestRef = loadIngestReference(DEFAULT_REFERENCE_DIR);
export const describeRef = loadDescribeReference(DEFAULT_REFERENCE_DIR);

const RAW = new URL("../../data/raw/", import.meta.url).pathname;
export const SEEDS = ["000_9389790027280c33.txt", "001_7c5661e86e9ca99d.txt", "002_ff06c050c38722df.txt", "003_e44e2715150f1896.txt", "004_7140cf0dcf4c8110.txt"];

export function seedBytes(i: number): Buffer {
  return readFileSync(join(RAW, SEEDS[i]));
}

export function seedText(i: number): string {
  return seedBytes(i).toString("utf8");
}

export function ingest(bytes: Uint8Array, name = "doc.txt"): IngestOutcome {
  return ingestFile({ path: name, name, bytes }, ingestRef);
}

export function ingestOk(bytes: Uint8Array, name = "doc.txt"): CleanText {
  const out = ingest(bytes, name);
  expect(out.clean, out.problems.join("; ")).not.toBeNull();
  return out.clean!;
}

/** The original text behind clean span [a, b). */
export function back(clean: CleanText, a: number, b: number): string {
  return clean.original.slice(clean.toOriginal[a], clean.toOriginal[b - 1] + 1);
}

/** The map's shape: one entry per character plus the end, non-decreasing, inside the original. */
export function expectWellFormedMap(clean: CleanText): void {
  const m = clean.toOriginal;
  expect(m.length).toBe(clean.text.length + 1);
  for (let i = 1; i < m.length; i++) if (m[i] < m[i - 1]) throw new Error(`map decreases at ${i}`);
  expect(m[0]).toBeGreaterThanOrEqual(0);
  expect(m[m.length - 1]).toBeLessThanOrEqual(clean.original.length);
}

/** Every run of digits (with . and %) in the clean text quotes the same characters in the original. Returns how many. */
export function expectDigitRunsMapBack(clean: CleanText): number {
  let n = 0;
  for (const m of clean.text.matchAll(/\d+(?:\.\d+)?%?/g)) {
    const a = m.index!;
    const b = a + m[0].length;
    const orig = back(clean, a, b).replace(/[ \u3000]/g, "");
    expect(orig, `digit run ${m[0]} at ${a}`).toBe(m[0]);
    n++;
  }
  return n;
}
