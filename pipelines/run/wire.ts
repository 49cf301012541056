// How a result crosses from a worker to the main thread: its record (record.ts: the same bytes the cache
// holds) is transferred, not cloned, and the original text goes along only when the review page will show it.
import { resultFromRecord, type TaskResult } from "./task.ts";

export interface WireResult extends Pick<TaskResult, "rel" | "size" | "sha256" | "original" | "ms" | "transient"> {
  record: Uint8Array;
}

export function packResult(r: TaskResult, wantOriginal: boolean): WireResult {
  if (!r.record) throw new Error("a worker result without its record");
  return { rel: r.rel, size: r.size, sha256: r.sha256, original: wantOriginal ? r.original : "", ms: r.ms, transient: r.transient, record: r.record };
}

export function unpackResult(w: WireResult): TaskResult {
  return resultFromRecord(w.record, { rel: w.rel, size: w.size, sha256: w.sha256, original: w.original, cached: false, ms: w.ms, transient: w.transient });
}
