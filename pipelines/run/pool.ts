// Map the inputs to results with worker threads, yielding results in input order.
// The main thread reads and hashes each file and answers cache hits itself; only misses go to a worker
// (the bytes are transferred, not copied), and workers start only when the first miss needs one, so a
// fully cached run never pays for worker start-up or reference loading.
// Each worker holds up to two files (the next one waits in its port), so it never idles while the main
// thread is busy writing. At most `workers * 4` results are outstanding (read but not yet yielded), so
// memory stays bounded even when one slow file holds up the order.
import { Worker } from "node:worker_threads";
import { ingestFile, loadIngestReference, type IngestReference } from "../ingest/index.ts";
import { loadReference, type Reference } from "../reference.ts";
import { METRIC_COLUMNS } from "../tables/schema.ts";
import { diskCache } from "./cache.ts";
import { isPrepared, processInput, readInput, rejectedRow, type PreparedInput, type Reingest, type TaskInput, type TaskResult } from "./task.ts";
import type { WorkerConfig } from "./worker.ts";
import { unpackResult, type WireResult } from "./wire.ts";

export interface PoolOptions extends WorkerConfig {
  /** 0 runs inline on the main thread. */
  workers: number;
  pipelineVersion: string;
  referenceVersion: string;
  /** Worker script (tests substitute one that crashes on purpose). */
  workerEntry?: URL;
  /** A file still processing after this long is given up (rejected) and its worker replaced. Default 120 s. */
  fileTimeoutMs?: number;
  /** Filled in as the pool runs: how long workers had a file in hand, and how long they existed. */
  stats?: PoolStats;
  /** Whether the result of input i needs its original text (the review page shows it); default: all. */
  wantOriginal?: (i: number) => boolean;
}

export interface PoolStats {
  busyMs: number;
  aliveMs: number;
}

interface Slot {
  worker: Worker;
  /** Posted and not yet answered, in the order the worker takes them; the first is the one in hand. */
  jobs: Job[];
  /** When the worker started on jobs[0] (0 while it is still starting up). */
  busySince: number;
  born: number;
  ready: boolean;
  timedOut: boolean;
}

interface Job {
  id: number;
  input: PreparedInput;
  /** Kept apart because the bytes are transferred (detached here) when the job is posted. */
  size: number;
  /** The file's bytes as read (a copy is what gets transferred), to hand to another worker if this one dies. */
  retained: Uint8Array;
}

export async function* mapInOrder(inputs: TaskInput[], opts: PoolOptions): AsyncGenerator<TaskResult> {
  const cache = opts.cacheDir ? diskCache(opts.cacheDir) : undefined;
  let inlineRef: Reference | undefined;
  let ingestRef: IngestReference | undefined;
  const reingest: Reingest = (file) => ingestFile(file, (ingestRef ??= inlineRef?.ingest ?? loadIngestReference(opts.referenceDir))).clean?.original ?? "";
  if (opts.workers <= 0) {
    try {
      for (const task of inputs) {
        const r = readInput(task, opts.pipelineVersion, opts.referenceVersion, cache, reingest);
        if (!isPrepared(r)) yield r;
        else yield processInput(r, (inlineRef ??= loadReference(opts.referenceDir)), cache);
      }
    } finally {
      cache?.close();
    }
    return;
  }
  const config: WorkerConfig = { referenceDir: opts.referenceDir, cacheDir: opts.cacheDir };
  const entry = opts.workerEntry ?? new URL("./worker-entry.mjs", import.meta.url);
  const done = new Map<number, TaskResult>();
  const queue: Job[] = [];
  const timeoutMs = opts.fileTimeoutMs ?? 120_000;
  const slots: Slot[] = [];
  const limit = opts.workers * 4;
  let next = 0; // next input to read
  let emit = 0; // next result to yield
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let closing = false;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const PER_WORKER = 2;
  const feed = () => {
    for (let round = 0; round < PER_WORKER; round++) {
      for (const slot of slots) {
        if (slot.jobs.length > round || !queue.length) continue;
        const job = queue.shift()!;
        // The clock starts when the worker can work: start-up (tsx, reference loading) isn't the file's fault.
        if (!slot.jobs.length) slot.busySince = slot.ready ? Date.now() : 0;
        slot.jobs.push(job);
        slot.worker.postMessage({ id: job.id, input: job.input, wantOriginal: opts.wantOriginal?.(job.id) ?? true }, [job.input.bytes.buffer as ArrayBuffer]);
      }
    }
  };

  const spawn = (): void => {
    const worker = new Worker(entry, { workerData: config });
    const born = Date.now();
    worker.once("exit", () => {
      if (opts.stats) opts.stats.aliveMs += Date.now() - born;
    });
    const slot: Slot = { worker, jobs: [], busySince: 0, born, ready: false, timedOut: false };
    slots.push(slot);
    worker.on("message", (msg: { ready?: true; id?: number; result?: WireResult }) => {
      if (msg.ready) {
        slot.ready = true;
        if (slot.jobs.length) slot.busySince = Date.now();
      } else {
        const now = Date.now();
        if (opts.stats && slot.busySince) opts.stats.busyMs += now - slot.busySince;
        done.set(msg.id!, unpackResult(msg.result!));
        slot.jobs.shift();
        slot.busySince = slot.jobs.length ? now : 0;
      }
      feed();
      signal();
    });
    // A stage that kills its thread (stack overflow, out of memory) costs that file, not the run:
    // the file is rejected with the reason and a fresh worker takes over.
    const lost = (reason: string) => {
      if (closing || !slots.includes(slot)) return;
      slots.splice(slots.indexOf(slot), 1);
      if (!slot.ready) {
        // Dying before it could take any file (e.g. the reference data won't load) is not a file's fault:
        // every worker would do the same, so stop with the reason rather than reject every input.
        failure = new Error(`a worker failed to start: ${reason}`);
      } else if (slot.jobs.length) {
        // The file in hand is the culprit; the ones waiting behind it go back to the front of the queue
        // (their bytes went to the dead thread; the retained copies go to the next one).
        const [{ id, input, size }, ...waiting] = slot.jobs;
        for (const w of waiting.reverse()) queue.unshift({ ...w, input: { ...w.input, bytes: new Uint8Array(w.retained) } });
        const problem = slot.timedOut
          ? `processing took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`
          : `the worker processing this file crashed: ${reason}`;
        done.set(id, { rel: input.rel, size, sha256: input.sha256, document: rejectedRow(input.rel, problem, input.sha256.slice(0, 16)), figures: 0, withIndicator: 0, cols: METRIC_COLUMNS.map(() => []), original: "", originalLength: 0, cached: false, ms: 0, transient: true });
      }
      if (!failure) spawn();
      feed();
      signal();
    };
    worker.on("error", (err) => lost(err.message));
    worker.on("exit", (code) => lost(`worker exited with code ${code}`));
  };

  // A stage stuck on one file (runaway regex, endless loop) must not hang the run.
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const slot of slots) {
      if (slot.jobs.length && slot.busySince && !slot.timedOut && now - slot.busySince > timeoutMs) {
        slot.timedOut = true;
        void slot.worker.terminate();
      } else if (!slot.ready && now - slot.born > Math.max(timeoutMs, 60_000)) {
        // Start-up (tsx, reference loading) gets at least a minute whatever the file timeout: on a loaded
        // machine it can take seconds, and giving up on it stops the whole run.
        void slot.worker.terminate(); // never came up: reported as a start failure
      }
    }
  }, Math.min(1000, Math.max(50, timeoutMs / 4)));
  watchdog.unref();
  try {
    while (emit < inputs.length) {
      if (failure) throw failure;
      // Read ahead while the window allows: cache hits are done at once, misses queue for a worker.
      while (next < inputs.length && next - emit < limit) {
        const id = next++;
        const r = readInput(inputs[id], opts.pipelineVersion, opts.referenceVersion, cache, reingest);
        if (isPrepared(r)) {
          // Copy into an exactly-sized buffer so transferring it can't detach a shared pool slab.
          queue.push({ id, input: { ...r, bytes: new Uint8Array(r.bytes) }, size: r.bytes.length, retained: r.bytes });
          if (slots.length < opts.workers) spawn();
        } else done.set(id, r);
      }
      feed();
      const r = done.get(emit);
      if (r) {
        done.delete(emit);
        emit++;
        yield r;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    clearInterval(watchdog);
    closing = true;
    cache?.close();
    // Ask each worker to close its cache files and exit; one that doesn't within a second is stopped.
    await Promise.all(
      slots.map(
        (s) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => void s.worker.terminate().then(() => resolve()), 1000);
            s.worker.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            s.worker.postMessage({ close: true });
          }),
      ),
    );
  }
}
