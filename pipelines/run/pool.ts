// Map runTask over the inputs with worker threads, yielding results in input order.
// At most `workers * 4` results are outstanding (dispatched but not yet yielded), so memory stays bounded
// even when one slow file holds up the order.
import { Worker } from "node:worker_threads";
import { loadReference } from "../reference.ts";
import { diskCache } from "./cache.ts";
import { runTask, type TaskInput, type TaskResult } from "./task.ts";
import type { WorkerConfig } from "./worker.ts";

export interface PoolOptions extends WorkerConfig {
  /** 0 runs inline on the main thread. */
  workers: number;
}

async function* inline(inputs: TaskInput[], opts: PoolOptions): AsyncGenerator<TaskResult> {
  const ref = loadReference(opts.referenceDir);
  const cache = opts.cacheDir ? diskCache(opts.cacheDir) : undefined;
  for (const task of inputs) yield runTask(task, ref, opts.pipelineVersion, cache);
}

export async function* mapInOrder(inputs: TaskInput[], opts: PoolOptions): AsyncGenerator<TaskResult> {
  const n = Math.min(opts.workers, inputs.length);
  if (n <= 0) {
    yield* inline(inputs, opts);
    return;
  }
  const config: WorkerConfig = { referenceDir: opts.referenceDir, pipelineVersion: opts.pipelineVersion, cacheDir: opts.cacheDir };
  const entry = new URL("./worker-entry.mjs", import.meta.url);
  const done = new Map<number, TaskResult>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let next = 0; // next input to dispatch
  let emit = 0; // next input to yield
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const limit = n * 4;
  const dispatch = () => {
    while (idle.length && next < inputs.length && next - emit < limit) {
      const w = idle.pop()!;
      const id = next++;
      w.postMessage({ id, task: inputs[id] });
    }
  };
  try {
    await Promise.all(
      Array.from({ length: n }, () =>
        new Promise<void>((resolve, reject) => {
          const w = new Worker(entry, { workerData: config });
          workers.push(w);
          w.on("message", (msg: { ready?: true; id?: number; result?: TaskResult }) => {
            if (msg.ready) {
              idle.push(w);
              resolve();
              return;
            }
            done.set(msg.id!, msg.result!);
            idle.push(w);
            dispatch();
            signal();
          });
          w.on("error", (err) => {
            failure = err;
            reject(err);
            signal();
          });
          w.on("exit", (code) => {
            if (code !== 0 && !failure) failure = new Error(`worker exited with code ${code}`);
            signal();
          });
        }),
      ),
    );
    dispatch();
    while (emit < inputs.length) {
      if (failure) throw failure;
      const r = done.get(emit);
      if (r) {
        done.delete(emit);
        emit++;
        dispatch();
        yield r;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
