import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadDescribeReference, type DescribeReference } from "./describe/index.ts";
import { loadExtractReference, type ExtractReference } from "./extract/index.ts";
import { loadIngestReference, type IngestReference } from "./ingest/index.ts";

/** Everything the stages know about the language, loaded once per worker from data/reference. */
export interface Reference {
  dir: string;
  /** Hash of every reference file: part of the cache key, so editing the catalog invalidates cached results. */
  version: string;
  /** sha256 of each reference file, for the manifest. */
  files: Record<string, string>;
  ingest: IngestReference;
  describe: DescribeReference;
  extract: ExtractReference;
}

export const DEFAULT_REFERENCE_DIR = new URL("../data/reference/", import.meta.url).pathname;

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}

export function hashReferenceFiles(dir: string): { version: string; files: Record<string, string> } {
  const files: Record<string, string> = {};
  const all = createHash("sha256");
  for (const file of listFiles(dir)) {
    const bytes = readFileSync(file);
    const rel = relative(dir, file);
    files[rel] = createHash("sha256").update(bytes).digest("hex");
    all.update(rel).update("\0").update(files[rel]);
  }
  return { version: all.digest("hex").slice(0, 16), files };
}

export function loadReference(dir: string = DEFAULT_REFERENCE_DIR): Reference {
  const { version, files } = hashReferenceFiles(dir);
  return {
    dir,
    version,
    files,
    ingest: loadIngestReference(dir),
    describe: loadDescribeReference(dir),
    extract: loadExtractReference(dir),
  };
}
