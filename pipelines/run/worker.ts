// Worker thread: loads the reference once, then runs tasks as the main thread sends them.
import { parentPort, workerData } from "node:worker_threads";
import { loadReference } from "../reference.ts";
import { diskCache } from "./cache.ts";
import { runTask, type TaskInput } from "./task.ts";

export interface WorkerConfig {
  referenceDir: string;
  pipelineVersion: string;
  cacheDir: string | null;
}

const config = workerData as WorkerConfig;
const ref = loadReference(config.referenceDir);
const cache = config.cacheDir ? diskCache(config.cacheDir) : undefined;

parentPort!.on("message", (msg: { id: number; task: TaskInput }) => {
  const result = runTask(msg.task, ref, config.pipelineVersion, cache);
  parentPort!.postMessage({ id: msg.id, result });
});
parentPort!.postMessage({ ready: true });
