// The worker thread as one plain JavaScript file. Loading the TypeScript through tsx in every worker took
// about a second per worker before it could take a file (longer on a busy machine, and the whole pool waits
// for it); the bundle loads in half that. Built with esbuild (what tsx itself runs on) on first use, and kept
// under node_modules/.cache keyed by the hash of pipelines/, so an edit to any stage makes a new one.
// Packages stay external (resolved from node_modules at run time, as under tsx). The worker takes every path
// it needs from its WorkerConfig: a path computed from import.meta.url would point into the cache folder.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { pipelineSourceHash } from "./version.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
/** Where derived files (this bundle, ingest/derived.ts's data) are kept, under node_modules. */
const CACHE_NAME = "welfare-pipeline";
export const CACHE_SUBDIR = join(".cache", CACHE_NAME);
/** A bundle's file name: worker-<code key>.mjs in the cache folder. */
const BUNDLE_FILE = new RegExp(`[/\\\\]${CACHE_NAME}[/\\\\]worker-([0-9a-f]{16})\\.mjs$`);
const CACHE_DIR = join(ROOT, "node_modules", CACHE_SUBDIR);

let memo: URL | null | undefined;

/** The code a bundle is built from, as its file name carries it: the first 16 hex digits of pipelineSourceHash. */
export function bundleCodeKey(): string {
  return pipelineSourceHash().slice(0, 16);
}

/** bundleCodeKey of the bundle at `path`; null when `path` is not a bundle file. */
export function bundleCodeKeyOf(path: string): string | null {
  return BUNDLE_FILE.exec(path)?.[1] ?? null;
}

/** The bundled worker, built if need be; null when it can't be (the pool then loads worker-entry.mjs through tsx). */
export async function workerBundle(): Promise<URL | null> {
  if (memo !== undefined) return memo;
  try {
    const file = join(CACHE_DIR, `worker-${bundleCodeKey()}.mjs`);
    if (!existsSync(file)) {
      const { buildSync } = await import("esbuild");
      mkdirSync(CACHE_DIR, { recursive: true });
      // Built aside and renamed, so a run starting at the same moment never loads half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      buildSync({ entryPoints: [join(ROOT, "pipelines/run/worker.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile: tmp, logLevel: "silent" });
      renameSync(tmp, file);
      // Bundles of older sources are never loaded again.
      for (const name of readdirSync(CACHE_DIR)) if (name.startsWith("worker-") && join(CACHE_DIR, name) !== file && !name.endsWith(".tmp")) rmSync(join(CACHE_DIR, name), { force: true });
    }
    memo = pathToFileURL(file);
  } catch {
    memo = null;
  }
  return memo;
}

const TSX = /^tsx$|[\\/]tsx[\\/]/;

/** Node's arguments without those that load tsx (`--import tsx`, tsx's own `--require …/tsx/…` and `--import file:…/tsx/…`). */
export function withoutTsx(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (!["--import", "--require", "-r", "--loader", "--experimental-loader"].includes(flag)) {
      kept.push(arg);
      continue;
    }
    const value = inline ?? execArgv[i + 1];
    if (inline === undefined) i++;
    if (value !== undefined && !TSX.test(value)) kept.push(flag, value);
  }
  return kept;
}
