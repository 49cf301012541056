// How many cores' worth of parallel work this machine gives us right now: the same fixed work on one
// thread, then on N threads at once. On a shared VM other people's load shows up here, so the pipeline's
// MB/s can be read against it (2 workers can't beat 1 when the probe says 1.0).
import { Worker } from "node:worker_threads";

function run(n: number): Promise<number> {
  const t0 = performance.now();
  return Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(new URL("./capacity-worker.mjs", import.meta.url));
        w.once("message", () => {
          void w.terminate();
          resolve();
        });
        w.once("error", reject);
      }),
    ),
  ).then(() => performance.now() - t0);
}

/** Effective parallelism for n threads: n × (time for one) / (time for n at once); n means perfect. */
export async function parallelCapacity(n: number): Promise<number> {
  const one = await run(1);
  const many = await run(n);
  return +((n * one) / many).toFixed(2);
}
