import type { IngestOutcome, RawFile } from "../types.ts";

export interface IngestReference {}

export function loadIngestReference(_dir: string): IngestReference {
  return {};
}

// Placeholder until decode/normalize/script/boilerplate land: UTF-8 only, identity offset map.
export function ingestFile(file: RawFile, _ref: IngestReference): IngestOutcome {
  const text = new TextDecoder("utf-8").decode(file.bytes);
  const toOriginal = new Int32Array(text.length + 1).map((_, i) => i);
  return {
    clean: { original: text, encoding: "utf-8", text, toOriginal, script: "simplified", header: {}, titleHint: "", problems: [] },
    encoding: "utf-8",
    status: "ok",
    problems: [],
  };
}
