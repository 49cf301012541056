// The unit of work a worker takes: a run of consecutive inputs (about a megabyte), mapped to its documents'
// outcomes plus its metric rows already in table form (CSV bytes, one Parquet row group). The thread writing
// the tables only appends those in chunk order, so it never touches a metric row, and the same inputs always
// give the same chunks, hence byte-identical tables whichever worker took which chunk.
// A map over chunks, then an ordered concatenation: the shape a cluster run would take too.
import { ingestFile } from "../ingest/index.ts";
import type { Reference } from "../reference.ts";
import { reviewColumns } from "../review/columns.ts";
import { csvFromColumns, newColumnSet, type Cell } from "../tables/columns.ts";
import { encodeParquetPart, type ParquetPart } from "../tables/parquet-part.ts";
import { METRIC_COLUMNS } from "../tables/schema.ts";
import type { TaskCache } from "./cache.ts";
import { isPrepared, processInput, readInput, rejectedResult, type Reingest, type TaskInput, type TaskResult } from "./task.ts";

/**
 * Inputs are cut into chunks of about this many bytes (a chunk closes once it reaches it). Half a megabyte
 * rather than one: a chunk's rows stay alive until it is done, and with half as many of them the garbage
 * collector copies less (100 MB: ~8% less time, 5 of 5 alternating runs), at the price of smaller Parquet
 * row groups (~2,000 rows; metrics.parquet 11 → 13.6 MB per 100 MB of reports).
 */
export const CHUNK_BYTES = 500_000;
/** … or this many files, so a folder of tiny files still spreads over the workers. */
export const CHUNK_FILES = 128;

export interface InputChunk {
  id: number;
  /** Index of the chunk's first input in the run's input list. */
  first: number;
  inputs: TaskInput[];
  /**
   * Files (index within the chunk) a worker already died on or timed out with: written as rejected rows
   * with this problem instead of being processed again.
   */
  givenUp?: Record<number, string>;
}

/** What the main thread learns about one document (its metric rows travel in the chunk's table parts). */
export interface DocumentOutcome extends Omit<TaskResult, "cols" | "csvBytes" | "loadOriginal"> {
  /** The metric rows as columns, only when the run asked for them (the review page lists them). */
  cols?: Cell[][];
}

export interface ChunkResult {
  id: number;
  docs: DocumentOutcome[];
  /** The chunk's metric rows as CSV lines (UTF-8), in document order. */
  metricsCsv: Uint8Array;
  /** The same rows as one Parquet row group; null when the chunk has none. */
  metricsParquet: ParquetPart | null;
}

export interface ChunkContext {
  /** The stage reference, loaded on first need (a fully cached chunk never needs it). */
  ref: () => Reference;
  cache?: TaskCache;
  pipelineVersion: string;
  referenceVersion: string;
  /** Inputs with an index below this get their decoded original text back (the review page shows them). */
  originalsBefore: number;
  /** Send each document's metric columns too, as much of them as the review page reads (review/columns.ts). */
  keepColumns: boolean;
  /** Called as each file is taken in hand (a worker publishes it so a crash or hang can be pinned on the file). */
  onFile?: (indexInChunk: number) => void;
}

const utf8 = new TextEncoder();

/**
 * A chunk's metric rows gathered document by document, as the tables take them: the CSV lines in one byte
 * string, the columns encoded as one Parquet row group. A class, not an object of closures: closures made
 * afresh for every chunk got their optimised code compiled again (add() up to six times per worker).
 */
export class ChunkRows {
  private csvParts: Uint8Array[] = [];
  private csvLength = 0;
  private rows: Cell[][] = newColumnSet(METRIC_COLUMNS.length);

  /** One document's rows: its CSV lines and the same rows as columns. */
  add(csv: Uint8Array, cols: Cell[][]): void {
    this.csvParts.push(csv);
    this.csvLength += csv.length;
    const rows = this.rows;
    for (let j = 0; j < rows.length; j++) {
      const into = rows[j];
      const from = cols[j];
      for (let k = 0; k < from.length; k++) into.push(from[k]);
    }
  }

  /** Everything added since the last finish(), and start again. */
  finish(): Pick<ChunkResult, "metricsCsv" | "metricsParquet"> {
    // Not Buffer.concat: small results of it are slices of a shared 8 KB pool, all of which a message would copy.
    const metricsCsv = new Uint8Array(this.csvLength);
    let at = 0;
    for (const part of this.csvParts) {
      metricsCsv.set(part, at);
      at += part.length;
    }
    const metricsParquet = encodeParquetPart(METRIC_COLUMNS, this.rows);
    this.csvParts = [];
    this.csvLength = 0;
    this.rows = newColumnSet(METRIC_COLUMNS.length);
    return { metricsCsv, metricsParquet };
  }
}


/** Cut the inputs, in order, into chunks; deterministic for a given input list and file sizes. */
export function planChunks(inputs: readonly TaskInput[], maxBytes = CHUNK_BYTES, maxFiles = CHUNK_FILES): InputChunk[] {
  const chunks: InputChunk[] = [];
  let current: InputChunk | null = null;
  let bytes = 0;
  inputs.forEach((input, i) => {
    if (!current) {
      current = { id: chunks.length, first: i, inputs: [] };
      chunks.push(current);
      bytes = 0;
    }
    current.inputs.push(input);
    bytes += input.size ?? 0;
    if (bytes >= maxBytes || current.inputs.length >= maxFiles) current = null;
  });
  return chunks;
}

/** One chunk → its documents' outcomes and its metric rows as table parts. */
export function processChunk(chunk: InputChunk, ctx: ChunkContext): ChunkResult {
  // The cache keeps no original text: a cached document the review page shows is decoded again.
  const reingest: Reingest = (file) => ingestFile(file, ctx.ref().ingest).clean?.original ?? "";
  const docs: DocumentOutcome[] = [];
  const rows = new ChunkRows();
  // A loop, not inputs.forEach(closure): a closure made afresh for every chunk gets its optimised code compiled again.
  for (let k = 0; k < chunk.inputs.length; k++) {
    const input = chunk.inputs[k];
    ctx.onFile?.(k);
    const read = readInput(input, ctx.pipelineVersion, ctx.referenceVersion, ctx.cache, reingest);
    let r: TaskResult;
    const givenUp = chunk.givenUp?.[k];
    if (!isPrepared(read)) r = read;
    else if (givenUp !== undefined) r = rejectedResult(input.rel, read.bytes.length, read.sha256, givenUp, { transient: true });
    else r = processInput(read, ctx.ref(), ctx.cache);
    const shown = chunk.first + k < ctx.originalsBefore;
    const wantOriginal = shown && r.originalLength > 0;
    const original = wantOriginal ? r.original || r.loadOriginal?.() || "" : "";
    if (r.figures) {
      // Always rendered by processInput or read from the cache; rendered here only if not, so the CSV and
      // the Parquet part can never disagree.
      rows.add(r.csvBytes ?? utf8.encode(csvFromColumns(r.cols)), r.cols);
    }
    const { cols, csvBytes: _csv, loadOriginal: _load, ...outcome } = r;
    docs.push({ ...outcome, original, ...(ctx.keepColumns ? { cols: reviewColumns(cols, shown) } : {}) });
  }
  ctx.cache?.flush();
  return { id: chunk.id, docs, ...rows.finish() };
}
