// Worker thread: loads the reference once, then processes the files the main thread has read.
// Results go back packed (see packResult): constant and repetitive columns collapsed, the original text
// only when the review page will show it, so the copy between threads stays small.
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

parentPort!.on("message", (msg: { id: number; input: PreparedInput; wantOriginal: boolean }) => {
  const result = processInput(msg.input, ref, cache);
  parentPort!.postMessage({ id: msg.id, result: packResult(result, msg.wantOriginal) });
});
parentPort!.postMessage({ ready: true });
