// How a result crosses from a worker to the main thread: the metric columns packed like cache entries
// (constant columns as one value, repetitive ones as distinct values + indexes) and the original text
// left out unless asked for. Structured cloning 23 columns of per-row strings was ~10% of a worker's time.
import { packColumn, unpackColumn, type Packed } from "./cache.ts";
import type { TaskResult } from "./task.ts";

export interface WireResult extends Omit<TaskResult, "cols"> {
  packed: Packed[];
  rows: number;
}

export function packResult(r: TaskResult, wantOriginal: boolean): WireResult {
  const { cols, ...rest } = r;
  return { ...rest, original: wantOriginal ? r.original : "", packed: cols.map(packColumn), rows: r.figures };
}

export function unpackResult(w: WireResult): TaskResult {
  const { packed, rows, ...rest } = w;
  return { ...rest, cols: packed.map((p) => unpackColumn(p, rows)) };
}
