// out/tables/manifest.json: what went in, what came out, and which code and reference data made it.
// No timestamp: the same inputs give the same manifest.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PipelineVersion } from "../run/version.ts";

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
  doc_id: string;
  status: string;
  metrics: number;
  problems: string;
}

export interface Manifest {
  pipeline: PipelineVersion;
  reference: { dir: string; version: string; files: Record<string, string> };
  inputs: ManifestEntry[];
  /** Entries under the input folder deliberately not read (the run's own output folder, symlink loops). */
  skipped: string[];
}

export function writeManifest(dir: string, manifest: Manifest): void {
  // The reference dir is recorded relative-free (just its hash identity matters); absolute paths would differ per machine.
  const body = { ...manifest, reference: { version: manifest.reference.version, files: manifest.reference.files } };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(body, null, 2) + "\n");
}
