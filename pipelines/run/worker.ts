// Worker thread: loads the reference once, then processes the files the main thread has read.
import { parentPort, workerData } from "node:worker_threads";
import { loadReference } from "../reference.ts";
import { diskCache } from "./cache.ts";
import { processInput, type PreparedInput } from "./task.ts";

export interface WorkerConfig {
  referenceDir: string;
  cacheDir: string | null;
}

const config = workerData as WorkerConfig;
const ref = loadReference(config.referenceDir);
const cache = config.cacheDir ? diskCache(config.cacheDir) : undefined;

parentPort!.on("message", (msg: { id: number; input: PreparedInput }) => {
  const result = processInput(msg.input, ref, cache);
  parentPort!.postMessage({ id: msg.id, result });
});
parentPort!.postMessage({ ready: true });
