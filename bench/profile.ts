// `npx tsx bench/profile.ts [DIR] [MB]`: processDocument on one thread over part of a corpus, for
// `node --cpu-prof --import tsx bench/profile.ts`: shows which stage the time goes to.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { processDocument } from "../pipelines/process.ts";
import { loadReference } from "../pipelines/reference.ts";
import { listInputs } from "../pipelines/run/inputs.ts";

const dir = process.argv[2] ?? "out/bench/corpus-20mb";
const budget = Number(process.argv[3] ?? 3) * 1e6;
const ref = loadReference();
let bytes = 0;
let rows = 0;
const t0 = performance.now();
for (const i of listInputs(dir)) {
  if (bytes >= budget) break;
  const b = readFileSync(i.abs);
  rows += processDocument({ path: i.rel, name: basename(i.rel), bytes: b }, ref).metrics.length;
  bytes += b.length;
}
const s = (performance.now() - t0) / 1000;
console.log(`${(bytes / 1e6).toFixed(1)} MB, ${rows} rows in ${s.toFixed(2)} s → ${(bytes / 1e6 / s).toFixed(2)} MB/s on one thread`);
