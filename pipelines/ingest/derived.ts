// Data derived once from installed packages, kept under node_modules/.cache/welfare-pipeline (never committed) and
// named by a hash of everything it is derived from: a package update or a changed input names another file, so a
// stale one is never read. Every worker used to derive it again at start-up. Whatever goes wrong here (no cache
// folder, a damaged or missing file, a read-only tree) only means deriving it again, as before.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { threadId } from "node:worker_threads";
import { bundleCodeKey, bundleCodeKeyOf, CACHE_SUBDIR } from "../run/worker-bundle.ts";

/**
 * The node_modules folder packages load from. Found by walking up from this module, which is either in pipelines/ or,
 * in the worker bundle, in node_modules/.cache itself (see run/worker-bundle.ts).
 */
function nodeModules(pkg: string): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "node_modules", pkg, "package.json"))) return join(dir, "node_modules");
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * A hash of the pipeline code that is running, for data that depends on it: the hash of every source file under
 * pipelines/ (run/version.ts), which under tsx is computed here and in the worker bundle (run/worker-bundle.ts) names
 * the bundle file, built from those sources. The same for both, so what tests, fingerprints or the benchmark's stage
 * sample derived under tsx serves the workers of a run of the same code. Null when neither can be told (then nothing
 * that depends on code is kept).
 */
export function runningCodeHash(): string | null {
  const self = fileURLToPath(import.meta.url);
  return self.endsWith(".ts") ? bundleCodeKey() : bundleCodeKeyOf(self);
}

/** The installed version of a package, "" when it can't be read. */
export function installedVersion(pkg: string, modules = nodeModules(pkg)): string {
  if (!modules) return "";
  try {
    return String((JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")) as { version?: string }).version ?? "");
  } catch {
    return "";
  }
}

/**
 * `derive()`, read from the cache when it holds it for these inputs, else derived and stored. `name` names the kind
 * of data (of one kind, only the newest KEEP files are kept); `pkg` is the package it comes from,
 * whose installed version is part of the key along with `inputs`. Stored with a hash of its content, so a damaged file
 * is derived again. Any string round-trips, lone surrogates too.
 */
export function derivedText(name: string, pkg: string, inputs: string[], derive: () => string): string {
  const modules = nodeModules(pkg);
  const version = installedVersion(pkg, modules);
  if (!version || !modules) return derive();
  const key = createHash("sha256");
  key.update(`${pkg}@${version}`);
  for (const input of inputs) key.update("\0").update(input);
  const dir = join(modules, CACHE_SUBDIR);
  const file = join(dir, `${name}-${key.digest("hex").slice(0, 16)}.txt`);
  try {
    const stored = readFileSync(file, "utf16le");
    const nl = stored.indexOf("\n");
    const body = stored.slice(nl + 1);
    if (nl > 0 && stored.slice(0, nl) === contentHash(body)) return body;
  } catch {
    // not derived yet
  }
  const body = derive();
  try {
    mkdirSync(dir, { recursive: true });
    // written aside and renamed, so a worker starting at the same moment never reads half a file
    const tmp = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(tmp, `${contentHash(body)}\n${body}`, "utf16le");
    renameSync(tmp, file);
    // the newest few of a kind stay: a tree run both through tsx and from the worker bundle, or two checkouts sharing
    // node_modules, has one of each running at once, and with one kept they would keep replacing each other
    const kept = readdirSync(dir)
      .filter((f) => f.startsWith(`${name}-`) && !f.endsWith(".tmp"))
      .map((f) => ({ path: join(dir, f), at: statSync(join(dir, f)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of kept.slice(KEEP)) if (old.path !== file) rmSync(old.path, { force: true });
  } catch {
    // no cache: derived again next time
  }
  return body;
}

/** How many files of one kind (other inputs) are kept. */
const KEEP = 4;

// UTF-16 in the file and in the hash: UTF-8 would turn a lone surrogate (the probe sample holds one) into U+FFFD
const contentHash = (body: string) => createHash("sha256").update(Buffer.from(body, "utf16le")).digest("hex");
