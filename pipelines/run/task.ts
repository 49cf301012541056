// One input file → one result, the same whether run inline or inside a worker thread.
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { processDocument } from "../process.ts";
import type { Reference } from "../reference.ts";
import type { DocumentRow, MetricRow } from "../types.ts";

export interface TaskInput {
  /** Absolute path to read. */
  abs: string;
  /** Path relative to the input folder (POSIX separators): the sort key and the manifest's path. */
  rel: string;
}

export interface TaskResult {
  rel: string;
  size: number;
  sha256: string;
  document: DocumentRow;
  metrics: MetricRow[];
  /** Decoded original text (offsets of metrics point into it), for the review page; "" when rejected. */
  original: string;
  cached: boolean;
  /** Milliseconds spent in processDocument (0 when served from cache). */
  ms: number;
}

export function rejectedRow(rel: string, problem: string, bytes?: Uint8Array): DocumentRow {
  const id = bytes ? createHash("sha256").update(bytes).digest("hex").slice(0, 16) : createHash("sha256").update("unreadable:" + rel).digest("hex").slice(0, 16);
  return {
    doc_id: id, doc_file: basename(rel), title: "", agency: "", region_code: "", region_name: "", province: "", city: "",
    county: "", admin_level: "", report_year: null, period: "", published: "", script: "", encoding: "", chars: 0,
    metrics: 0, status: "rejected", problems: problem,
  };
}

export interface TaskCache {
  get(key: string): Omit<TaskResult, "rel" | "size" | "sha256" | "cached" | "ms"> | undefined;
  set(key: string, value: Omit<TaskResult, "rel" | "size" | "sha256" | "cached" | "ms">): void;
}

export function cacheKey(sha256: string, name: string, pipelineVersion: string, referenceVersion: string): string {
  return createHash("sha256").update([sha256, name, pipelineVersion, referenceVersion].join("\0")).digest("hex");
}

export function runTask(input: TaskInput, ref: Reference, pipelineVersion: string, cache?: TaskCache): TaskResult {
  let bytes: Uint8Array;
  try {
    if (!statSync(input.abs).isFile()) throw new Error("not a regular file");
    bytes = readFileSync(input.abs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { rel: input.rel, size: 0, sha256: "", document: rejectedRow(input.rel, `could not read the file: ${message}`), metrics: [], original: "", cached: false, ms: 0 };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const name = basename(input.rel);
  const key = cacheKey(sha256, name, pipelineVersion, ref.version);
  const hit = cache?.get(key);
  if (hit) return { rel: input.rel, size: bytes.length, sha256, ...hit, cached: true, ms: 0 };
  const t0 = performance.now();
  let out: TaskResult;
  try {
    const processed = processDocument({ path: input.rel, name, bytes }, ref);
    out = {
      rel: input.rel, size: bytes.length, sha256, document: processed.document, metrics: processed.metrics,
      original: processed.clean?.original ?? "", cached: false, ms: performance.now() - t0,
    };
  } catch (err) {
    // processDocument promises not to throw; if it ever does, the file is still accounted for.
    const message = err instanceof Error ? err.message : String(err);
    out = { rel: input.rel, size: bytes.length, sha256, document: rejectedRow(input.rel, `internal error: ${message}`, bytes), metrics: [], original: "", cached: false, ms: performance.now() - t0 };
  }
  cache?.set(key, { document: out.document, metrics: out.metrics, original: out.original });
  return out;
}
