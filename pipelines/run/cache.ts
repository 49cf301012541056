// Per-document results on disk, keyed by content hash + file name + pipeline version + reference version
// (see cacheKey). A changed catalog or marker file changes the reference version, so old entries are
// simply never looked up again. Each entry is two files: <key>.json (the document row and the metric rows
// as columns, ready for the writers) and <key>.txt (the original text, read only when the review page
// shows the document). Written to temp names and renamed, the .json last, so a kill never leaves an
// entry that looks whole but isn't.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Cell } from "../tables/columns.ts";
import type { CachedResult, TaskCache } from "./task.ts";

/**
 * A column as stored: constant columns (doc_id, region … the same on every row of a document) as one value,
 * repetitive ones (section, sentence: several figures share a sentence) as distinct values + indexes.
 * Halves the entry size, and with it the read, parse and garbage-collection time of a cached run.
 */
export type Packed = { c: Cell } | { d: Cell[]; i: number[] } | Cell[];

export function packColumn(col: Cell[]): Packed {
  if (col.length && col.every((v) => v === col[0])) return { c: col[0] };
  const index = new Map<Cell, number>();
  const d: Cell[] = [];
  const i = col.map((v) => {
    let k = index.get(v);
    if (k === undefined) {
      k = d.length;
      index.set(v, k);
      d.push(v);
    }
    return k;
  });
  return d.length * 2 <= col.length ? { d, i } : col;
}

export function unpackColumn(p: Packed, n: number): Cell[] {
  if (Array.isArray(p)) return p;
  if ("c" in p) return new Array<Cell>(n).fill(p.c);
  return p.i.map((k) => p.d[k]);
}

interface Stored extends Omit<CachedResult, "cols"> {
  rows: number;
  cols: Packed[];
}

export function diskCache(dir: string): TaskCache {
  const made = new Set<string>();
  const base = (key: string) => join(dir, key.slice(0, 2), key);
  const put = (path: string, data: string) => {
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  };
  return {
    get(key) {
      let e: Stored;
      try {
        e = JSON.parse(readFileSync(base(key) + ".json", "utf8")) as Stored;
      } catch {
        return undefined; // missing or unreadable: recompute
      }
      const { rows, cols, ...rest } = e;
      return { ...rest, cols: cols.map((c) => unpackColumn(c, rows)) };
    },
    getOriginal(key) {
      try {
        return readFileSync(base(key) + ".txt", "utf8");
      } catch {
        return "";
      }
    },
    set(key, value, original) {
      try {
        const sub = join(dir, key.slice(0, 2));
        if (!made.has(sub)) {
          mkdirSync(sub, { recursive: true });
          made.add(sub);
        }
        put(base(key) + ".txt", original);
        const { cols, ...rest } = value;
        const stored: Stored = { ...rest, rows: cols[0]?.length ?? 0, cols: cols.map(packColumn) };
        put(base(key) + ".json", JSON.stringify(stored));
      } catch {
        // A cache that can't be written only costs speed.
      }
    },
  };
}
