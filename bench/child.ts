// One pipeline run in its own process, so its peak RSS is measured apart from the benchmark's own.
// Prints one JSON line: the run summary, maxRSS (MB) and wall seconds.
import v8 from "node:v8";
import { runPipeline } from "../pipelines/run.ts";

// V8_FLAGS="--trace-opt": V8 flags set here reach the workers too (they are process-wide) without being node
// arguments, so the workers still load the plain bundle as in a real run (given as arguments, they load tsx too).
if (process.env.V8_FLAGS) v8.setFlagsFromString(process.env.V8_FLAGS);

const [input, out, cacheDir, workers, review, reuse, referenceDir] = process.argv.slice(2);
const t0 = performance.now();
const summary = await runPipeline({ input, out, cacheDir: cacheDir === "-" ? null : cacheDir, workers: Number(workers), review: review === "1", reuseRun: reuse !== "0", referenceDir });
const wall = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ summary, wall, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
