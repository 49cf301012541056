// Which file a worker has in hand, published through shared memory rather than a message per file, so the
// pool can pin a crash or a hang on the right file of a chunk without the worker ever stopping to tell it.
export interface FileInHand {
  chunk: number;
  /** Index of the file within its chunk. */
  file: number;
  /** Date.now() when the worker took it. */
  since: number;
}

/** Three float64 slots: chunk id, file index, start time; chunk -1 = nothing in hand yet. */
export function newProgressBuffer(): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT);
  new Float64Array(sab)[0] = -1;
  return sab;
}

/**
 * Worker side. The three stores aren't one atomic update, but the pool reads them only when they've stood
 * still: after the worker died, or when the start time is older than the file timeout.
 */
export function publishFileInHand(sab: SharedArrayBuffer, chunk: number, file: number): void {
  const slots = new Float64Array(sab);
  slots[2] = Date.now();
  slots[1] = file;
  slots[0] = chunk;
}

export function readFileInHand(sab: SharedArrayBuffer): FileInHand | null {
  const [chunk, file, since] = new Float64Array(sab);
  return chunk < 0 ? null : { chunk, file, since };
}
