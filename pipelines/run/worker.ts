// Worker thread: loads the reference once, then maps the chunks it is sent (chunk.ts) to results.
// A result's CSV bytes and Parquet row group are copied to the main thread, not transferred: the first ArrayBuffer a
// thread detaches (a transfer does) trips V8's ArrayBufferDetaching protector, which throws away every optimised
// function of that thread that reads a typed array (findQuantities, kindAndYear, the decoders … ~45 of them), to be
// compiled again. Copying the ~1 MB a chunk hands back costs well under a millisecond.
import { parentPort, workerData } from "node:worker_threads";
import { loadReference } from "../reference.ts";
import { cacheNamespace, diskCache } from "./cache.ts";
import { processChunk, type ChunkResult, type InputChunk } from "./chunk.ts";
import { publishFileInHand } from "./progress.ts";

export interface WorkerConfig {
  referenceDir: string;
  cacheDir: string | null;
  pipelineVersion: string;
  referenceVersion: string;
  /** Where this worker publishes the file in hand (progress.ts). */
  progress: SharedArrayBuffer;
}

export interface WorkerJob {
  chunk: InputChunk;
  originalsBefore: number;
  keepColumns: boolean;
}

const config = workerData as WorkerConfig;
const ref = loadReference(config.referenceDir);
const cache = config.cacheDir ? diskCache(config.cacheDir, cacheNamespace(config.pipelineVersion, config.referenceVersion)) : undefined;

// Made once, not per chunk: a closure made afresh per chunk is another call target to processChunk's optimised code.
const refOnce = () => ref;
let chunkInHand = 0;
const onFile = (k: number) => publishFileInHand(config.progress, chunkInHand, k);

parentPort!.on("message", (msg: WorkerJob | { close: true }) => {
  if ("close" in msg) {
    cache?.close();
    process.exit(0);
  }
  const { chunk, originalsBefore, keepColumns } = msg;
  chunkInHand = chunk.id;
  const result: ChunkResult = processChunk(chunk, {
    ref: refOnce, cache, pipelineVersion: config.pipelineVersion, referenceVersion: config.referenceVersion, originalsBefore, keepColumns, onFile,
  });
  parentPort!.postMessage({ result });
});
parentPort!.postMessage({ ready: true });
