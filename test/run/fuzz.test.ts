// Fuzz: thousands of random mutations of the seeds (bytes cut, inserted, swapped, encodings mixed) and
// random byte files go through processDocument and the runner; none throws, each ends as a row with a status.
// Seeded PRNG: a failure names its case number and reproduces exactly.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { processDocument } from "../../pipelines/process.ts";
import { loadReference } from "../../pipelines/reference.ts";
import { mulberry32 } from "../../bench/corpus.ts";
import { runPipeline } from "../../pipelines/run.ts";
import { parseCsv } from "../../pipelines/tables/csv.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const RAW = join(ROOT, "data/raw");
const seeds = readdirSync(RAW).sort().map((f) => new Uint8Array(readFileSync(join(RAW, f))));
const texts = seeds.map((b) => Buffer.from(b).toString("utf8"));

const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** One fuzz case: a base (slice of a seed in some encoding, or random bytes) and 1–4 mutations. */
export function fuzzCase(n: number): Uint8Array {
  const rng = mulberry32(0x5eed + n);
  const int = (k: number) => Math.floor(rng() * k);
  const randomBytes = (len: number) => new Uint8Array(Array.from({ length: len }, () => int(256)));
  const s = int(texts.length);
  const kind = int(10);
  let bytes: Uint8Array;
  if (kind === 0) bytes = randomBytes(int(3000));
  else {
    // Mostly slices (fast), sometimes the whole seed.
    const text = int(4) === 0 ? texts[s] : texts[s].slice(int(texts[s].length), int(texts[s].length) + 200 + int(3000));
    const enc = ["utf8", "utf8", "utf8", "gbk", "big5", "utf16le", "utf16be"][int(7)];
    bytes = new Uint8Array(iconv.encode(text, enc, { addBOM: int(3) === 0 }));
    if (kind === 1) bytes = new TextEncoder().encode(`<html><head><title>${text.slice(0, 30)}</title><script>var x = "</p>";</script></head><body><p>${text.replace(/\n/g, "</p><p>")}</body>`);
  }
  const mutations = 1 + int(4);
  for (let m = 0; m < mutations; m++) {
    const at = int(bytes.length + 1);
    switch (int(8)) {
      case 0: bytes = bytes.slice(0, at); break; // truncated
      case 1: bytes = concat(bytes.slice(0, at), randomBytes(1 + int(64)), bytes.slice(at)); break; // inserted garbage
      case 2: { // two ranges swapped
        const b = int(bytes.length + 1);
        const [x, y] = at < b ? [at, b] : [b, at];
        const mid = x + int(y - x + 1);
        bytes = concat(bytes.slice(0, x), bytes.slice(mid, y), bytes.slice(x, mid), bytes.slice(y));
        break;
      }
      case 3: bytes = concat(bytes.slice(0, at), iconv.encode(texts[int(texts.length)].slice(0, 300), ["gbk", "big5", "utf16le"][int(3)]), bytes.slice(at)); break; // encodings mixed
      case 4: bytes = concat(bytes.slice(0, at), new Uint8Array(1 + int(50)), bytes.slice(at)); break; // NULs
      case 5: bytes = bytes.map((b) => (rng() < 0.01 ? int(256) : b)); break; // bit rot
      case 6: bytes = concat(bytes.slice(0, at), new TextEncoder().encode("\u200b\ufeff\u3000１２３４５万元\r\n\u0000（一）"), bytes.slice(at)); break; // odd characters
      default: bytes = bytes.slice(int(Math.max(1, bytes.length))); break; // cut at the front
    }
  }
  return bytes;
}

const STATUSES = new Set(["ok", "warning", "rejected"]);

describe("fuzz", () => {
  const ref = loadReference();

  it("processDocument never throws on 2500 mutated seeds and random byte files", () => {
    const internal: string[] = [];
    for (let n = 0; n < 2500; n++) {
      const bytes = fuzzCase(n);
      let result;
      try {
        result = processDocument({ path: `fuzz/${n}.txt`, name: `${n}.txt`, bytes }, ref);
      } catch (err) {
        throw new Error(`case ${n} threw: ${(err as Error).stack}`);
      }
      expect(STATUSES.has(result.document.status), `case ${n}`).toBe(true);
      expect(result.document.doc_file).toBe(`${n}.txt`);
      if (result.document.status !== "ok") expect(result.document.problems, `case ${n} has no problem text`).not.toBe("");
      if (result.document.problems.startsWith("internal error")) internal.push(`${n}: ${result.document.problems}`);
    }
    // Stage bugs caught by processDocument's guard are not crashes, but they are listed for their owners.
    if (internal.length) console.warn(`${internal.length} fuzz cases hit an internal error, e.g.\n${internal.slice(0, 5).join("\n")}`);
  }, 120_000);

  it("the runner accounts for every fuzzed file, through the worker pool", async () => {
    const input = mkdtempSync(join(tmpdir(), "fuzz-in-"));
    const count = 300;
    for (let n = 0; n < count; n++) writeFileSync(join(input, `f${String(n).padStart(4, "0")}.${n % 7 ? "txt" : "html"}`), fuzzCase(100_000 + n));
    writeFileSync(join(input, "empty.txt"), "");
    const out = mkdtempSync(join(tmpdir(), "fuzz-out-"));
    const summary = await runPipeline({ input, out, workers: 2, cacheDir: null, review: true });
    expect(summary.files).toBe(count + 1);
    expect(summary.ok + summary.warning + summary.rejected).toBe(count + 1);
    const [head, ...rows] = parseCsv(readFileSync(join(out, "tables/documents.csv"), "utf8"));
    expect(rows.length).toBe(count + 1);
    const status = head.indexOf("status");
    for (const r of rows) expect(STATUSES.has(r[status])).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "tables/manifest.json"), "utf8"));
    expect(manifest.inputs.length).toBe(count + 1);
  }, 120_000);
});
