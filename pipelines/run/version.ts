// The pipeline's version: package.json version plus a hash of the code that shapes the tables.
// Part of the cache key, and recorded in the manifest.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;

function tsFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) return tsFiles(full);
    return /\.(ts|mjs|js|json)$/.test(name) ? [full] : [];
  });
}

let sourceMemo: string | undefined;

/** Hash of every source file under pipelines/ (never pinned: the worker bundle is keyed by it). */
export function pipelineSourceHash(): string {
  if (sourceMemo) return sourceMemo;
  const h = createHash("sha256");
  for (const file of tsFiles(join(ROOT, "pipelines"))) {
    h.update(relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return (sourceMemo = h.digest("hex"));
}

export interface PipelineVersion {
  package: string;
  codeHash: string;
  /** `${package}+${codeHash}` */
  id: string;
}

let memo: PipelineVersion | undefined;

export function pipelineVersion(): PipelineVersion {
  if (memo) return memo;
  // The benchmark pins the version for its cold and warm runs, so edits landing in between (other people
  // working in the same tree) don't turn the warm run into a second cold one. Nothing else sets it.
  const pinned = process.env.WELFARE_PIPELINE_VERSION;
  if (pinned) return (memo = { package: pinned.split("+")[0], codeHash: pinned.split("+")[1] ?? "", id: pinned });
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version?: string };
  const h = createHash("sha256");
  // The review page and CLI don't change table content, but hashing all of pipelines/ is the safe side.
  h.update(pipelineSourceHash());
  // Stage output also depends on the installed packages (decoders, opencc, gazetteer).
  try {
    h.update("package-lock.json\0").update(readFileSync(join(ROOT, "package-lock.json")));
  } catch {
    // no lock file: code only
  }
  const codeHash = h.digest("hex").slice(0, 16);
  memo = { package: pkg.version ?? "0.0.0", codeHash, id: `${pkg.version ?? "0.0.0"}+${codeHash}` };
  return memo;
}
