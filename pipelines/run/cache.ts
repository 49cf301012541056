// Per-document results on disk, keyed by content hash + file name + pipeline version + reference version
// (see cacheKey).
// Entries are records (see record.ts) appended to pack files, one pair per writer (a worker or an inline
// run): <ns>-<id>.pack holds the records, <ns>-<id>.idx one line per record, "key offset length", appended
// only after the record's bytes are written, so a kill never indexes a record that isn't whole. Appending
// to one open file instead of creating two files per document halved the cost of caching a result.
// <ns> names the pipeline and reference versions the entries were made with: a changed catalog, marker
// file or stage makes every older entry unreachable, and pruneCache deletes them at the end of a run, so
// the folder holds one version's results instead of growing with every edit.
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeSync, writevSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";

export interface TaskCache {
  /** The record stored under key, or undefined. */
  get(key: string): Uint8Array | undefined;
  /** Stored once flush() or close() writes it (a worker flushes after each chunk). */
  set(key: string, record: Uint8Array): void;
  flush(): void;
  close(): void;
}

interface Location {
  pack: string;
  offset: number;
  length: number;
}

/** The pack-file prefix for entries made by one pipeline version with one reference version. */
export function cacheNamespace(pipelineVersion: string, referenceVersion: string): string {
  return createHash("sha256").update(`${pipelineVersion}\0${referenceVersion}`).digest("hex").slice(0, 12);
}

const isPackFile = (name: string) => name.endsWith(".pack") || name.endsWith(".idx");

/** Read every index of the namespace (a few dozen bytes per document). Later entries win. */
function readIndexes(dir: string, namespace: string): Map<string, Location> {
  const index = new Map<string, Location>();
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(namespace + "-") && n.endsWith(".idx")).sort();
  } catch {
    return index;
  }
  for (const name of names) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), "utf8");
    } catch {
      continue;
    }
    const pack = join(dir, name.slice(0, -4) + ".pack");
    // Only whole lines: a writer may be appending to this index right now.
    const end = text.lastIndexOf("\n");
    for (const line of text.slice(0, end + 1).split("\n")) {
      const [key, offset, length] = line.split(" ");
      if (key && offset && length) index.set(key, { pack, offset: Number(offset), length: Number(length) });
    }
  }
  return index;
}

/**
 * Delete pack files of other namespaces (older code or reference versions: no key of theirs can match
 * again). Returns how many bytes were freed. A run of another version writing into the same folder at the
 * same moment would lose its entries, which only costs it speed.
 */
export function pruneCache(dir: string, namespace: string): number {
  let freed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!isPackFile(name) || name.startsWith(namespace + "-")) continue;
    try {
      const path = join(dir, name);
      freed += statSync(path).size;
      rmSync(path, { force: true });
    } catch {
      // still in use or already gone: next run
    }
  }
  return freed;
}

/** Records are written in batches of about this many bytes at most (a chunk's worth usually). */
const FLUSH_BYTES = 8 << 20;

export function diskCache(dir: string, namespace: string): TaskCache {
  let index: Map<string, Location> | undefined;
  const readFds = new Map<string, number>();
  let writer: { pack: number; idx: number; offset: number } | undefined;
  let broken = false;
  let pending: { key: string; record: Uint8Array }[] = [];
  let pendingBytes = 0;
  const openWriter = () => {
    mkdirSync(dir, { recursive: true });
    const id = `${namespace}-${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
    return { pack: openSync(join(dir, `${id}.pack`), "a"), idx: openSync(join(dir, `${id}.idx`), "a"), offset: 0 };
  };
  const flush = () => {
    if (broken || !pending.length) return;
    // One write for the records and one for their index lines, instead of two per document.
    const records = pending.map((p) => p.record);
    let lines = "";
    try {
      writer ??= openWriter();
      let offset = writer.offset;
      for (const p of pending) {
        lines += `${p.key} ${offset} ${p.record.length}\n`;
        offset += p.record.length;
      }
      const written = writevSync(writer.pack, records);
      if (written !== offset - writer.offset) throw new Error("short write");
      writeSync(writer.idx, lines);
      writer.offset = offset;
    } catch {
      // A cache that can't be written only costs speed; after a failed write the offsets are unknown.
      broken = true;
    } finally {
      pending = [];
      pendingBytes = 0;
    }
  };
  return {
    get(key) {
      index ??= readIndexes(dir, namespace);
      const at = index.get(key);
      if (!at) return undefined;
      try {
        let fd = readFds.get(at.pack);
        if (fd === undefined) {
          if (!existsSync(at.pack)) return undefined;
          fd = openSync(at.pack, "r");
          readFds.set(at.pack, fd);
        }
        if (at.offset + at.length > fstatSync(fd).size) return undefined;
        const bytes = new Uint8Array(at.length);
        if (readSync(fd, bytes, 0, at.length, at.offset) !== at.length) return undefined;
        return bytes;
      } catch {
        return undefined; // unreadable: recompute
      }
    },
    set(key, record) {
      if (broken) return;
      pending.push({ key, record });
      pendingBytes += record.length;
      // writev takes at most 1024 buffers at once
      if (pendingBytes > FLUSH_BYTES || pending.length >= 512) flush();
    },
    flush,
    close() {
      flush();
      for (const fd of readFds.values()) closeSync(fd);
      readFds.clear();
      if (writer) {
        closeSync(writer.pack);
        closeSync(writer.idx);
        writer = undefined;
      }
    },
  };
}
