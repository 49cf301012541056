// list inputs → chunks → processDocument per file (in a worker pool, cached) → each chunk's rows appended
// to the tables in order → swap into place.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { hashReferenceFiles, DEFAULT_REFERENCE_DIR } from "./reference.ts";
import { listInputsWithSkips } from "./run/inputs.ts";
import { PipelineError } from "./run/pipeline-error.ts";
import { openStaging } from "./run/publish.ts";
import { cacheNamespace, pruneCache } from "./run/cache.ts";
import { planChunks, type DocumentOutcome } from "./run/chunk.ts";
import { mapChunksInOrder, startWorkers, type PoolStats, type StartedWorker } from "./run/pool.ts";
import { hasStoredRun, restoreRun, runKey, runKeyOf, storeRun } from "./run/reuse.ts";
import { pipelineVersion } from "./run/version.ts";
import { DEFAULT_REVIEW_MAX_DOCS, openReviewWriter } from "./review/page.ts";
import { writeCatalogTables } from "./tables/indicators.ts";
import { openTableWriters } from "./tables/writers.ts";
import { writeManifest, type ManifestEntry } from "./tables/manifest.ts";

export { PipelineError };

export interface RunOptions {
  input: string;
  out: string;
  referenceDir?: string;
  /** Worker threads (default 2; 0 runs inline). */
  workers?: number;
  /** Cache folder (default OUT/.cache); null disables the cache. */
  cacheDir?: string | null;
  /** Write OUT/review.html (default true). */
  review?: boolean;
  /** Copy the outputs of an identical earlier run instead of rebuilding them (default true; needs the cache). */
  reuseRun?: boolean;
  /** Give up on a file whose processing takes longer than this (default 120 s); it is rejected, the run goes on. */
  fileTimeoutMs?: number;
  /** Called after each document is written (done of total). */
  onProgress?: (done: number, total: number, last: DocumentOutcome) => void;
}

export interface RunSummary {
  files: number;
  ok: number;
  warning: number;
  rejected: number;
  figures: number;
  withIndicator: number;
  cached: number;
  bytes: number;
  seconds: number;
  /** Sum of per-document processing time (ms), cache hits excluded. */
  processMs: number;
  out: string;
  notes: string[];
  /** True when the outputs were copied from an identical earlier run. */
  reused?: boolean;
  /** Share of the worker threads' lifetime spent with a file in hand (1 = never waiting on the main thread). */
  workerBusyShare?: number;
}

function checkInput(input: string): void {
  if (!existsSync(input)) throw new PipelineError(`input folder does not exist: ${input}`);
  if (!statSync(input).isDirectory()) throw new PipelineError(`input is not a folder: ${input}`);
}

export async function runPipeline(opts: RunOptions): Promise<RunSummary> {
  const t0 = performance.now();
  const input = resolve(opts.input);
  const out = resolve(opts.out);
  checkInput(input);
  let staging;
  try {
    staging = openStaging(out);
  } catch (err) {
    throw new PipelineError(`cannot write the output folder ${out}: ${(err as Error).message}`);
  }
  const started: StartedWorker[] = [];
  try {
    // Only the hashes here: the stages' reference data is loaded by whoever processes a file (a worker,
    // or this thread when --workers 0), so a fully cached run never pays for it.
    const refDir = resolve(opts.referenceDir ?? DEFAULT_REFERENCE_DIR);
    const ref = { dir: refDir, ...hashReferenceFiles(refDir) };
    const version = pipelineVersion();
    const cacheDir = opts.cacheDir === undefined ? join(out, ".cache") : opts.cacheDir;
    const reuse = Boolean(cacheDir) && opts.reuseRun !== false;
    const workers = opts.workers ?? 2;
    const mayReuse = reuse && hasStoredRun(cacheDir!);
    // Unless an earlier run may be reused, the workers start now and load while the inputs are listed: as many as
    // the input folder has entries, up to `workers` (a one-file run starts one).
    if (workers > 0 && !mayReuse) {
      const setup = { referenceDir: ref.dir, cacheDir, pipelineVersion: version.id, referenceVersion: ref.version };
      // An unreadable folder starts them all: listing it below reports the problem as usual.
      let entries = workers;
      try {
        entries = readdirSync(input).length;
      } catch {
        // listInputsWithSkips says what is wrong with it
      }
      started.push(...(await startWorkers(setup, Math.min(workers, entries))));
    }
    const { inputs, skipped } = listInputsWithSkips(input, [out]);
    const manifest: ManifestEntry[] = [];
    const firstBySha = new Map<string, string>();
    const summary: RunSummary = { files: 0, ok: 0, warning: 0, rejected: 0, figures: 0, withIndicator: 0, cached: 0, bytes: 0, seconds: 0, processMs: 0, out, notes: skipped.map((s) => `not read: ${s}`) };
    const wantReview = opts.review !== false;
    const reviewFiles = wantReview ? ["review.html"] : [];
    // Without a review page this run, an older one would no longer match the tables: remove it.
    const staleFiles = wantReview ? [] : ["review.html"];
    const runState = { pipelineVersion: version.id, referenceVersion: ref.version, options: { review: wantReview } };
    if (mayReuse) {
      const previous = restoreRun<RunSummary>(cacheDir!, runKey(runState, inputs), staging.dir);
      if (previous) {
        staging.publish(reviewFiles, staleFiles);
        const seconds = (performance.now() - t0) / 1000;
        return { ...previous, cached: previous.files, seconds, processMs: 0, out, reused: true, notes: [...previous.notes.filter((n) => !n.startsWith("reused")), "reused the outputs of an identical earlier run (same inputs, code and reference)"] };
      }
    }
    const writers = openTableWriters(staging.tables);
    const review = wantReview ? openReviewWriter(join(staging.dir, "review.html")) : null;
    const stats: PoolStats = { busyMs: 0, aliveMs: 0 };
    const workerExits: Promise<void>[] = [];
    // Only documents the review page may show need their original text back from the workers.
    const chunks = mapChunksInOrder(planChunks(inputs), {
      stats, exits: workerExits, started, originalsBefore: wantReview ? DEFAULT_REVIEW_MAX_DOCS : 0, keepColumns: wantReview, workers,
      referenceDir: ref.dir, pipelineVersion: version.id, referenceVersion: ref.version, cacheDir, fileTimeoutMs: opts.fileTimeoutMs,
    });

    let transient = false;
    for await (const chunk of chunks) {
      writers.writeMetrics(chunk.metricsCsv, chunk.metricsParquet);
      for (const r of chunk.docs) {
        transient ||= Boolean(r.transient);
        // Identical content under two names: the later path (in sorted order) is flagged.
        if (r.sha256) {
          const first = firstBySha.get(r.sha256);
          if (first === undefined) firstBySha.set(r.sha256, r.rel);
          else {
            const d = r.document;
            d.problems = [d.problems, `duplicate: same content as ${first}`].filter(Boolean).join("; ");
            if (d.status === "ok") d.status = "warning";
          }
        }
        writers.writeDocument(r.document);
        review?.add(r);
        summary.files++;
        summary[r.document.status]++;
        summary.figures += r.figures;
        summary.withIndicator += r.withIndicator;
        summary.bytes += r.size;
        if (r.cached) summary.cached++;
        summary.processMs += r.ms;
        manifest.push({ path: r.rel, size: r.size, sha256: r.sha256, doc_id: r.document.doc_id, status: r.document.status, metrics: r.figures, problems: r.document.problems });
        opts.onProgress?.(summary.files, inputs.length, r);
      }
    }
    writers.close();
    if (cacheDir) {
      const freed = pruneCache(cacheDir, cacheNamespace(version.id, ref.version));
      if (freed) summary.notes.push(`cache: removed ${(freed / 1e6).toFixed(1)} MB of results from older code or reference versions`);
    }
    summary.notes.push(writeCatalogTables(ref.dir, staging.tables));
    writeManifest(staging.tables, { pipeline: version, reference: { dir: ref.dir, version: ref.version, files: ref.files }, inputs: manifest, skipped });
    // The workers close their cache files (~40 ms) while the last tables are written; their lifetimes are counted once they have.
    await Promise.all(workerExits);
    if (stats.aliveMs) summary.workerBusyShare = +(stats.busyMs / stats.aliveMs).toFixed(3);
    review?.close(summary);
    summary.seconds = (performance.now() - t0) / 1000;
    // Stored under the hashes of the bytes actually processed, so the outputs match their key by construction.
    if (reuse && !transient) storeRun(cacheDir!, runKeyOf(runState, manifest.map((m) => ({ rel: m.path, sha256: m.sha256 }))), staging.dir, reviewFiles, summary);
    staging.publish(reviewFiles, staleFiles);
    return summary;
  } catch (err) {
    for (const s of started) void s.worker.terminate();
    staging.discard();
    throw err;
  }
}
