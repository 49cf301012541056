// One input file → one result, the same whether run inline or inside a worker thread.
// Split in two so the main thread can answer cache hits without waking a worker:
// readInput (read + hash + cache lookup) and processInput (processDocument + cache write).
import { createHash } from "node:crypto";
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { processDocument } from "../process.ts";
import type { Reference } from "../reference.ts";
import { newColumnSet, toColumns, type Cell, METRIC_INDEX } from "../tables/columns.ts";
import { METRIC_COLUMNS } from "../tables/schema.ts";
import type { DocumentRow, RawFile } from "../types.ts";
import type { TaskCache } from "./cache.ts";
import { decodeRecord, encodeRecord, recordCsv } from "./record.ts";

export interface TaskInput {
  /** Absolute path to read. */
  abs: string;
  /** Path relative to the input folder (POSIX separators): the sort key and the manifest's path. */
  rel: string;
  /** Size in bytes as listed (plans the chunks; the bytes actually read are what counts). */
  size?: number;
}

export interface TaskResult {
  rel: string;
  size: number;
  sha256: string;
  document: DocumentRow;
  /** Metric rows found (= document.metrics unless a stage disagrees with itself). */
  figures: number;
  /** Of which with a catalog indicator_id. */
  withIndicator: number;
  /** The metric rows as columns in METRIC_COLUMNS order (see tables/columns.ts). */
  cols: Cell[][];
  /** The same rows as CSV lines (UTF-8), when already rendered (the record's CSV part, see record.ts). */
  csvBytes?: Uint8Array;
  /** Decoded original text (offsets of metrics point into it), for the review page; "" when rejected or not loaded. */
  original: string;
  /** Length of the original text, known even when it isn't loaded. */
  originalLength: number;
  /** Cache hits leave the original on disk until the review page actually shows the document. */
  loadOriginal?: () => string;
  cached: boolean;
  /** Milliseconds spent in processDocument (0 when served from cache). */
  ms: number;
  /** Rejected for a reason that may not recur (worker crash, timeout): not cached, and the run isn't stored for reuse. */
  transient?: boolean;
}

const NO_ROWS = (): Cell[][] => newColumnSet(METRIC_COLUMNS.length);

/** A result with no rows for a file that was read (sha256 known) but is given up on, and why. */
export function rejectedResult(rel: string, size: number, sha256: string, problem: string, extra: Partial<TaskResult> = {}): TaskResult {
  const id = sha256 ? sha256.slice(0, 16) : undefined;
  return { rel, size, sha256, document: rejectedRow(rel, problem, id), figures: 0, withIndicator: 0, cols: NO_ROWS(), original: "", originalLength: 0, cached: false, ms: 0, ...extra };
}

/** Decoded original text of a file again (ingest only), for a cached document the review page shows. */
export type Reingest = (file: RawFile) => string;

/** A file read and hashed, waiting for processDocument. */
export interface PreparedInput {
  rel: string;
  bytes: Uint8Array;
  sha256: string;
  key: string;
}

/** A rejected documents row; `id` is the document's content id when the bytes were read (sha256 prefix, as contentId). */
export function rejectedRow(rel: string, problem: string, id?: string): DocumentRow {
  id ??= createHash("sha256").update("unreadable:" + rel).digest("hex").slice(0, 16);
  return {
    doc_id: id, doc_file: basename(rel), title: "", agency: "", region_code: "", region_name: "", province: "", city: "",
    county: "", admin_level: "", report_year: null, period: "", published: "", script: "", encoding: "", chars: 0,
    metrics: 0, status: "rejected", problems: problem,
  };
}

export function cacheKey(sha256: string, name: string, pipelineVersion: string, referenceVersion: string): string {
  return createHash("sha256").update([sha256, name, pipelineVersion, referenceVersion].join("\0")).digest("hex");
}

/** A result from its record (a cache hit). */
export function resultFromRecord(record: Uint8Array, meta: Pick<TaskResult, "rel" | "size" | "sha256" | "original" | "cached" | "ms" | "transient">): TaskResult {
  const { csv, ...content } = decodeRecord(record);
  return { ...meta, ...content, csvBytes: csv };
}

/**
 * A regular file's bytes; throws for anything else. Opened first and checked by its descriptor: a stat by path
 * before reading cost a second path look-up per file. Non-blocking, so a named pipe is refused instead of waited on.
 */
function readRegularFile(path: string): Buffer {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    if (!fstatSync(fd).isFile()) throw new Error("not a regular file");
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Read and hash one input; a finished result when it can't be read or the cache has it, else the work to do. */
export function readInput(input: TaskInput, pipelineVersion: string, referenceVersion: string, cache?: TaskCache, reingest?: Reingest): TaskResult | PreparedInput {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(input.abs);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return rejectedResult(input.rel, 0, "", `could not read the file: ${message}`);
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const key = cacheKey(sha256, basename(input.rel), pipelineVersion, referenceVersion);
  const hit = cache?.get(key);
  if (hit) {
    try {
      const r = resultFromRecord(hit, { rel: input.rel, size: bytes.length, sha256, original: "", cached: true, ms: 0 });
      // The original text isn't cached: decoding the file again is cheap, and only the review page asks.
      if (reingest) r.loadOriginal = () => reingest({ path: input.rel, name: basename(input.rel), bytes });
      return r;
    } catch {
      // a damaged entry: process the file again
    }
  }
  return { rel: input.rel, bytes, sha256, key };
}

export function isPrepared(x: TaskResult | PreparedInput): x is PreparedInput {
  return (x as PreparedInput).bytes !== undefined;
}

export function processInput(p: PreparedInput, ref: Reference, cache?: TaskCache): TaskResult {
  const t0 = performance.now();
  let out: TaskResult;
  try {
    const processed = processDocument({ path: p.rel, name: basename(p.rel), bytes: p.bytes, sha256: p.sha256 }, ref);
    const cols = toColumns(processed.metrics, METRIC_COLUMNS);
    out = {
      rel: p.rel, size: p.bytes.length, sha256: p.sha256, document: processed.document,
      figures: processed.metrics.length, withIndicator: cols[METRIC_INDEX.indicator_id].filter((x) => x !== null && x !== "").length,
      cols, original: processed.clean?.original ?? "", originalLength: processed.clean?.original.length ?? 0, cached: false, ms: 0,
    };
  } catch (err) {
    // processDocument promises not to throw; if it ever does, the file is still accounted for.
    const message = err instanceof Error ? err.message : String(err);
    out = rejectedResult(p.rel, p.bytes.length, p.sha256, `internal error: ${message}`);
  }
  const record = encodeRecord(out);
  out.csvBytes = recordCsv(record);
  out.ms = performance.now() - t0;
  cache?.set(p.key, record);
  return out;
}
