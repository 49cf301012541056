// Per-document results on disk, keyed by content hash + file name + pipeline version + reference version
// (see cacheKey). A changed catalog or marker file changes the reference version, so old entries are
// simply never looked up again. Each entry is two files: <key>.json (the document row and the metric rows
// as columns, ready for the writers) and <key>.txt (the original text, read only when the review page
// shows the document). Written to temp names and renamed, the .json last, so a kill never leaves an
// entry that looks whole but isn't.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CachedResult, TaskCache } from "./task.ts";

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
      try {
        return JSON.parse(readFileSync(base(key) + ".json", "utf8")) as CachedResult;
      } catch {
        return undefined; // missing or unreadable: recompute
      }
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
        put(base(key) + ".json", JSON.stringify(value));
      } catch {
        // A cache that can't be written only costs speed.
      }
    },
  };
}
