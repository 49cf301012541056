// Every file under the input folder, recursively, in a deterministic order. Nothing is skipped silently:
// hidden files and odd names are inputs too, an unreadable entry still becomes a (rejected) row, and the
// only things left out — the run's own output folder when it sits inside the input, and folders a symlink
// loop leads back to — are reported in `skipped`.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { TaskInput } from "./task.ts";

/** Code-point order (not locale order), so every machine sorts the same way. */
export function byPath(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface InputListing {
  inputs: TaskInput[];
  /** Paths (relative to the input folder) deliberately not read, with why. */
  skipped: string[];
}

export function listInputsWithSkips(dir: string, exclude: string[] = []): InputListing {
  const inputs: TaskInput[] = [];
  const skipped: string[] = [];
  const excluded = new Set(exclude.map((p) => resolve(p)));
  const seen = new Set<string>();
  const walk = (abs: string, rel: string) => {
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // keep the path as given
    }
    if (seen.has(real)) {
      skipped.push(`${rel || "."}: a symlink back to a folder already read`);
      return;
    }
    seen.add(real);
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch {
      // An unreadable folder is reported as an input of its own rather than dropped.
      inputs.push({ abs, rel: rel || "." });
      return;
    }
    for (const name of names) {
      const a = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      if (excluded.has(resolve(a))) {
        skipped.push(`${r}: the run's own output folder`);
        continue;
      }
      let isDir = false;
      let size: number | undefined;
      try {
        const st = statSync(a);
        isDir = st.isDirectory();
        size = st.size;
      } catch {
        isDir = false; // broken symlink etc.: the reader reports why it can't be read
      }
      if (isDir) walk(a, r);
      else inputs.push({ abs: a, rel: r, size });
    }
  };
  walk(dir, "");
  return { inputs: inputs.sort((a, b) => byPath(a.rel, b.rel)), skipped: skipped.sort(byPath) };
}

export function listInputs(dir: string, exclude: string[] = []): TaskInput[] {
  return listInputsWithSkips(dir, exclude).inputs;
}
