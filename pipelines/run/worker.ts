// Worker thread: loads the reference once, then processes the files the main thread has read.
// Results go back as records (see wire.ts), transferred rather than copied.
import { parentPort, workerData } from "node:worker_threads";
import { loadReference } from "../reference.ts";
import { diskCache } from "./cache.ts";
import { packResult } from "./wire.ts";
import { processInput, type PreparedInput } from "./task.ts";

export interface WorkerConfig {
  referenceDir: string;
  cacheDir: string | null;
}

const config = workerData as WorkerConfig;
const ref = loadReference(config.referenceDir);
const cache = config.cacheDir ? diskCache(config.cacheDir) : undefined;

parentPort!.on("message", (msg: { id: number; input: PreparedInput; wantOriginal: boolean } | { close: true }) => {
  if ("close" in msg) {
    cache?.close();
    process.exit(0);
  }
  const result = processInput(msg.input, ref, cache);
  const wire = packResult(result, msg.wantOriginal);
  parentPort!.postMessage({ id: msg.id, result: wire }, [wire.record.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ ready: true });
