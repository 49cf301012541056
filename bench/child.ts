// One pipeline run in its own process, so its peak RSS is measured apart from the benchmark's own.
// Prints one JSON line: the run summary, maxRSS (MB) and wall seconds.
import { runPipeline } from "../pipelines/run.ts";

const [input, out, cacheDir, workers, review, reuse, referenceDir] = process.argv.slice(2);
const t0 = performance.now();
const summary = await runPipeline({ input, out, cacheDir: cacheDir === "-" ? null : cacheDir, workers: Number(workers), review: review === "1", reuseRun: reuse !== "0", referenceDir });
const wall = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ summary, wall, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
