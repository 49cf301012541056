// `npx tsx bench/fingerprint.ts [DIR] [OUT]`: one line per input with a hash of everything processDocument
// returns for it (documents row, metric rows, clean text). Diff two runs' files to prove a speed-up
// changed no output: `diff before.txt after.txt` lists exactly the documents that differ.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { processDocument } from "../pipelines/process.ts";
import { loadReference } from "../pipelines/reference.ts";
import { listInputs } from "../pipelines/run/inputs.ts";

const dir = process.argv[2] ?? "out/bench/corpus-20mb";
const out = process.argv[3] ?? "out/bench/fingerprint.txt";
const ref = loadReference();
const lines: string[] = [];
let ms = 0;
let bytes = 0;
for (const i of listInputs(dir)) {
  const b = readFileSync(i.abs);
  const t = performance.now();
  const r = processDocument({ path: i.rel, name: basename(i.rel), bytes: b }, ref);
  ms += performance.now() - t;
  bytes += b.length;
  const h = createHash("sha256")
    .update(JSON.stringify(r.document))
    .update(JSON.stringify(r.metrics))
    .update(r.clean?.text ?? "")
    .update(r.clean ? Buffer.from(r.clean.toOriginal.buffer, r.clean.toOriginal.byteOffset, r.clean.toOriginal.byteLength) : "")
    .digest("hex")
    .slice(0, 16);
  lines.push(`${i.rel} ${h} ${r.metrics.length}`);
}
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${lines.length} documents, ${(bytes / 1e6).toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s of processDocument → ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s on one thread; fingerprints in ${out}`);
