// Per-document results on disk, keyed by content hash + file name + pipeline version + reference version
// (see cacheKey). A changed catalog or marker file changes the reference version, so old entries are
// simply never looked up again. Entries are written to a temp name and renamed, so a kill never leaves half a file.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TaskCache } from "./task.ts";

export function diskCache(dir: string): TaskCache {
  const made = new Set<string>();
  const pathOf = (key: string) => join(dir, key.slice(0, 2), key + ".json");
  return {
    get(key) {
      try {
        return JSON.parse(readFileSync(pathOf(key), "utf8"));
      } catch {
        return undefined; // missing or unreadable: recompute
      }
    },
    set(key, value) {
      try {
        const sub = join(dir, key.slice(0, 2));
        if (!made.has(sub)) {
          mkdirSync(sub, { recursive: true });
          made.add(sub);
        }
        const tmp = `${pathOf(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
        writeFileSync(tmp, JSON.stringify(value));
        renameSync(tmp, pathOf(key));
      } catch {
        // A cache that can't be written only costs speed.
      }
    },
  };
}
