// Map the run's chunks (chunk.ts) to results with worker threads, yielding them in chunk order.
// Workers read, hash and look up the cache themselves, so the main thread only dispatches chunks and
// appends finished ones to the tables. Each worker holds up to two chunks (the next waits in its port), and
// at most `workers * 4` chunks are outstanding, so memory stays bounded even when one slow chunk holds up
// the order.
// A worker that crashes or hangs costs one file: the worker publishes which file it has in hand
// (progress.ts), and the chunk goes round again with that file given up (rejected) and a fresh worker.
import { Worker } from "node:worker_threads";
import { loadReference, type Reference } from "../reference.ts";
import { cacheNamespace, diskCache } from "./cache.ts";
import { processChunk, type ChunkResult, type InputChunk } from "./chunk.ts";
import { PipelineError } from "./pipeline-error.ts";
import { newProgressBuffer, readFileInHand } from "./progress.ts";
import type { WorkerConfig, WorkerJob } from "./worker.ts";
import { withoutTsx, workerBundle } from "./worker-bundle.ts";

export interface PoolOptions extends Omit<WorkerConfig, "progress"> {
  /** 0 runs inline on the main thread. */
  workers: number;
  /** Worker script (tests substitute one that crashes on purpose). */
  workerEntry?: URL;
  /** A file still processing after this long is given up (rejected) and its worker replaced. Default 120 s. */
  fileTimeoutMs?: number;
  /** Filled in as the pool runs: how long workers had a chunk in hand, and how long they existed. */
  stats?: PoolStats;
  /**
   * After the last result, the workers' exit (each closes its cache files first) is pushed here instead of being
   * waited for, so the caller can write its last tables meanwhile and wait before it returns. Not used on failure:
   * then the workers are always waited for.
   */
  exits?: Promise<void>[];
  /** Workers already starting (startWorkers), taken from here before any new one is started; those left over are stopped. */
  started?: StartedWorker[];
  /** Inputs with an index below this get their original text back (the review page shows them); default none. */
  originalsBefore?: number;
  /** Send each document's metric columns back too (the review page lists them). */
  keepColumns?: boolean;
}

export interface PoolStats {
  busyMs: number;
  aliveMs: number;
}

interface Slot {
  worker: Worker;
  progress: SharedArrayBuffer;
  /** Posted and not yet answered, in the order the worker takes them; the first is the one in hand. */
  jobs: InputChunk[];
  /** When the worker started on jobs[0] (0 while it is still starting up). */
  busySince: number;
  born: number;
  ready: boolean;
  timedOut: boolean;
}

/** What starting a worker needs (the pool's options). */
type WorkerSetup = Pick<PoolOptions, "workerEntry" | "referenceDir" | "cacheDir" | "pipelineVersion" | "referenceVersion">;

/** A worker started before the pool took it over: what it said or suffered until then is kept. */
export interface StartedWorker {
  worker: Worker;
  progress: SharedArrayBuffer;
  born: number;
  ready: boolean;
  /** Why it died before it was taken over, if it did. */
  lostBefore?: string;
  /** Stop listening on the pool's behalf (the pool listens itself from then on). */
  handOver(): void;
}

/**
 * Young generation of each worker, in MB. A worker allocates ~36 bytes per input byte, nearly all short-lived;
 * with this much room a 100 MB run scavenges ~68 times per worker instead of ~120 (V8's default), and as each
 * scavenge copies about as much (what is alive is the document in hand and its chunk's rows), the workers spend
 * ~30% less time scavenging (~0.15 s each), for ~35 MB more peak RSS. 128 saved only ~50 ms more, for ~150 MB.
 */
const WORKER_YOUNG_GENERATION_MB = 64;

/** A function that starts one worker of this setup. */
async function workerLauncher(setup: WorkerSetup): Promise<() => StartedWorker> {
  const bundle = setup.workerEntry ? null : await workerBundle();
  const entry = setup.workerEntry ?? bundle ?? new URL("./worker-entry.mjs", import.meta.url);
  // The bundle is plain JavaScript: its workers skip loading tsx (~0.1 s of CPU each) when tsx is all node
  // was started with. Other flags are inherited as they are: a worker refuses V8 and process-wide ones
  // (--max-old-space-size …) given explicitly.
  const execArgv = bundle && withoutTsx(process.execArgv).length === 0 ? [] : undefined;
  return () => {
    const progress = newProgressBuffer();
    const config: WorkerConfig = { referenceDir: setup.referenceDir, cacheDir: setup.cacheDir, pipelineVersion: setup.pipelineVersion, referenceVersion: setup.referenceVersion, progress };
    const worker = new Worker(entry, { workerData: config, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }, ...(execArgv ? { execArgv } : {}) });
    const started: StartedWorker = { worker, progress, born: Date.now(), ready: false, handOver: () => {} };
    const onMessage = (msg: { ready?: true }) => {
      if (msg.ready) started.ready = true;
    };
    const onError = (err: Error) => (started.lostBefore ??= err.message);
    const onExit = (code: number) => (started.lostBefore ??= `worker exited with code ${code}`);
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    started.handOver = () => {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
    };
    return started;
  };
}

/**
 * Start `count` workers now, for a pool that will only know its chunks later (runPipeline lists the inputs meanwhile):
 * their start-up (~0.4 s: the bundle, the reference data) overlaps the listing instead of following it.
 */
export async function startWorkers(setup: WorkerSetup, count: number): Promise<StartedWorker[]> {
  const launch = await workerLauncher(setup);
  return Array.from({ length: count }, () => launch());
}

/** A chunk's worker was lost this many times without any file to blame: stop rather than loop. */
const MAX_BLAMELESS_LOSSES = 3;

export async function* mapChunksInOrder(chunks: InputChunk[], opts: PoolOptions): AsyncGenerator<ChunkResult> {
  const job = (chunk: InputChunk): WorkerJob => ({ chunk, originalsBefore: opts.originalsBefore ?? 0, keepColumns: opts.keepColumns ?? false });
  if (opts.workers <= 0) {
    const cache = opts.cacheDir ? diskCache(opts.cacheDir, cacheNamespace(opts.pipelineVersion, opts.referenceVersion)) : undefined;
    let ref: Reference | undefined;
    try {
      for (const chunk of chunks) {
        const { originalsBefore, keepColumns } = job(chunk);
        yield processChunk(chunk, { ref: () => (ref ??= loadReference(opts.referenceDir)), cache, pipelineVersion: opts.pipelineVersion, referenceVersion: opts.referenceVersion, originalsBefore, keepColumns });
      }
    } finally {
      cache?.close();
    }
    return;
  }
  const launch = await workerLauncher(opts);
  const done = new Map<number, ChunkResult>();
  const queue: InputChunk[] = [];
  const blameless = new Map<number, number>();
  const timeoutMs = opts.fileTimeoutMs ?? 120_000;
  const slots: Slot[] = [];
  const limit = opts.workers * 4;
  const PER_WORKER = 2;
  let next = 0; // next chunk to queue
  let emit = 0; // next chunk to yield
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let closing = false;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const feed = () => {
    while (next < chunks.length && next - emit < limit && queue.length < opts.workers * PER_WORKER) queue.push(chunks[next++]);
    // No more workers than chunks to work on: a small run doesn't pay for a second start-up.
    const outstanding = queue.length + slots.reduce((n, s) => n + s.jobs.length, 0);
    while (!failure && slots.length < Math.min(opts.workers, outstanding)) spawn();
    for (let round = 0; round < PER_WORKER; round++) {
      for (const slot of slots) {
        if (slot.jobs.length > round || !queue.length) continue;
        const chunk = queue.shift()!;
        // The clock starts when the worker can work: start-up (tsx, reference loading) isn't the chunk's fault.
        if (!slot.jobs.length) slot.busySince = slot.ready ? Date.now() : 0;
        slot.jobs.push(chunk);
        slot.worker.postMessage(job(chunk));
      }
    }
  };

  const spawn = (): void => {
    const started = opts.started?.shift() ?? launch();
    started.handOver();
    const { worker, progress, born } = started;
    worker.once("exit", () => {
      if (opts.stats) opts.stats.aliveMs += Date.now() - born;
    });
    const slot: Slot = { worker, progress, jobs: [], busySince: 0, born, ready: started.ready, timedOut: false };
    slots.push(slot);
    worker.on("message", (msg: { ready?: true; result?: ChunkResult }) => {
      if (msg.ready) {
        slot.ready = true;
        if (slot.jobs.length) slot.busySince = Date.now();
      } else {
        const now = Date.now();
        if (opts.stats && slot.busySince) opts.stats.busyMs += now - slot.busySince;
        done.set(msg.result!.id, msg.result!);
        slot.jobs.shift();
        slot.busySince = slot.jobs.length ? now : 0;
      }
      feed();
      signal();
    });
    // A stage that kills its thread (stack overflow, out of memory) costs that file, not the run: the chunk
    // goes round again with the file given up, on a fresh worker.
    const lost = (reason: string) => {
      if (closing || !slots.includes(slot)) return;
      slots.splice(slots.indexOf(slot), 1);
      if (!slot.ready) {
        // Dying before it could take any file (e.g. the reference data won't load) is not a file's fault:
        // every worker would do the same, so stop with the reason rather than reject every input.
        failure = new PipelineError(`a worker failed to start: ${reason}`);
      } else if (slot.jobs.length) {
        const [current, ...waiting] = slot.jobs;
        const inHand = readFileInHand(slot.progress);
        let retry = current;
        if (inHand && inHand.chunk === current.id) {
          const problem = slot.timedOut
            ? `processing took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`
            : `the worker processing this file crashed: ${reason}`;
          retry = { ...current, givenUp: { ...current.givenUp, [inHand.file]: problem } };
        } else if ((blameless.get(current.id) ?? 0) + 1 >= MAX_BLAMELESS_LOSSES) {
          failure = new Error(`workers keep dying on chunk ${current.id} (from ${current.inputs[0]?.rel}) outside any file: ${reason}`);
        } else blameless.set(current.id, (blameless.get(current.id) ?? 0) + 1);
        queue.unshift(retry, ...waiting);
      }
      feed();
      signal();
    };
    worker.on("error", (err) => lost(err.message));
    worker.on("exit", (code) => lost(`worker exited with code ${code}`));
    if (started.lostBefore !== undefined) queueMicrotask(() => lost(started.lostBefore!));
  };

  // A stage stuck on one file (runaway regex, endless loop) must not hang the run.
  const watchdog = setInterval(() => {
    const now = Date.now();
    for (const slot of slots) {
      const inHand = slot.jobs.length && slot.ready ? readFileInHand(slot.progress) : null;
      if (inHand && inHand.chunk === slot.jobs[0].id && !slot.timedOut && now - inHand.since > timeoutMs) {
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
    feed();
    while (emit < chunks.length) {
      if (failure) throw failure;
      const r = done.get(emit);
      if (r) {
        done.delete(emit);
        emit++;
        feed();
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
    // Started for this run but never needed (fewer chunks than workers).
    for (const s of opts.started?.splice(0) ?? []) void s.worker.terminate();
    // Ask each worker to close its cache files and exit; one that doesn't within a second is stopped.
    const exited = Promise.all(
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
    ).then(() => undefined);
    if (opts.exits && emit === chunks.length && !failure) opts.exits.push(exited);
    else await exited;
  }
}
