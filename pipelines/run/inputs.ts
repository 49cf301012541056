// Every file under the input folder, recursively, in a deterministic order. Nothing is skipped:
// hidden files and odd names are inputs too, and an unreadable entry still becomes a (rejected) row.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TaskInput } from "./task.ts";

/** Code-point order (not locale order), so every machine sorts the same way. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function listInputs(dir: string): TaskInput[] {
  const out: TaskInput[] = [];
  const walk = (abs: string, rel: string) => {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      // An unreadable folder is reported as an input of its own rather than dropped.
      out.push({ abs, rel: rel || "." });
      return;
    }
    for (const name of names) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      let isDir = false;
      try {
        isDir = statSync(a).isDirectory();
      } catch {
        isDir = false; // broken symlink etc.: runTask reports why it can't be read
      }
      if (isDir) walk(a, r);
      else out.push({ abs: a, rel: r });
    }
  };
  walk(dir, "");
  return out.sort((a, b) => byPath(a.rel, b.rel));
}
