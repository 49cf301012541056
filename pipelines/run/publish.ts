// Nothing lost: a run writes into OUT/.staging-<pid>-<rand>/ and only swaps its tables into place at the end.
// A run killed half way leaves the previous OUT/tables untouched; the next run clears its leftovers.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Put back tables a killed swap left aside, and delete staging folders of runs that are no longer alive. */
export function recover(out: string): void {
  const names = existsSync(out) ? readdirSync(out) : [];
  const old = names.filter((n) => n.startsWith(".tables-old-")).sort();
  if (!existsSync(join(out, "tables")) && old.length) renameSync(join(out, old[old.length - 1]), join(out, "tables"));
  for (const n of names) {
    const m = /^\.(?:staging|tables-old)-(\d+)-/.exec(n);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1])) && existsSync(join(out, n))) {
      rmSync(join(out, n), { recursive: true, force: true });
    }
  }
}

export interface Staging {
  /** Root of the staging folder. */
  dir: string;
  /** Where this run's tables go until published. */
  tables: string;
  /** Swap the staged tables (and any staged top-level files) into OUT; `stale` top-level files are removed. */
  publish(files?: string[], stale?: string[]): void;
  /** Drop the staging folder (on failure). */
  discard(): void;
}

export function openStaging(out: string): Staging {
  mkdirSync(out, { recursive: true });
  recover(out);
  const dir = mkdtempSync(join(out, `.staging-${process.pid}-`));
  const tables = join(dir, "tables");
  mkdirSync(tables);
  return {
    dir,
    tables,
    publish(files: string[] = [], stale: string[] = []) {
      const live = join(out, "tables");
      let aside: string | undefined;
      if (existsSync(live)) {
        aside = join(out, `.tables-old-${process.pid}-${Date.now().toString(36)}`);
        renameSync(live, aside);
      }
      renameSync(tables, live);
      for (const f of files) renameSync(join(dir, f), join(out, f));
      for (const f of stale) rmSync(join(out, f), { force: true });
      if (aside) rmSync(aside, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    },
    discard() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
