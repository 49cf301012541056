import { createHash } from "node:crypto";
import { genericArray } from "./generic-array.ts";
import { describeDocument } from "./describe/index.ts";
import { extractFigures } from "./extract/index.ts";
import { ingestFile } from "./ingest/index.ts";
import type { Reference } from "./reference.ts";
import type { DocumentRow, MetricRow, ProcessedDocument, RawFile } from "./types.ts";

/** Stable id of a document: its content, not its name. */
export function contentId(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/**
 * The unit of work: one report in, its documents row and metrics rows out.
 * Pure (no I/O) and deterministic; never throws for bad input, which ends as a rejected row instead.
 */
export function processDocument(file: RawFile, ref: Reference): ProcessedDocument {
  const docId = file.sha256 ? file.sha256.slice(0, 16) : contentId(file.bytes);
  const blank: DocumentRow = {
    doc_id: docId, doc_file: file.name, title: "", agency: "", region_code: "", region_name: "",
    province: "", city: "", county: "", admin_level: "", report_year: null, period: "", published: "",
    script: "", encoding: "", chars: 0, metrics: 0, status: "rejected", problems: "",
  };
  try {
    const ingested = ingestFile(file, ref.ingest);
    const problems = [...ingested.problems];
    if (!ingested.clean) {
      return { document: { ...blank, encoding: ingested.encoding, status: "rejected", problems: problems.join("; ") }, metrics: genericArray<MetricRow>() };
    }
    const clean = ingested.clean;
    const desc = describeDocument(clean, file.name, ref.describe);
    const figures = extractFigures(clean, desc, ref.extract);
    // Every field spelled out rather than `...f`: a spread after other properties copies key by key, five
    // times slower on a corpus's hundreds of thousands of rows. Same keys, same order (the FigureRow's).
    // A loop into a generic array, not figures.map(closure): a closure made afresh per document is compiled again,
    // and map()'s result for no figures has another hidden class than for some (see generic-array.ts).
    const metrics = genericArray<MetricRow>();
    for (let k = 0; k < figures.length; k++) {
      const f = figures[k];
      metrics.push({
        doc_id: docId,
        doc_file: file.name,
        region_code: desc.region.code,
        region_name: desc.region.name,
        report_year: desc.reportYear,
        period: desc.period,
        section: f.section,
        sentence: f.sentence,
        quote: f.quote,
        start: f.start,
        end: f.end,
        value: f.value,
        unit: f.unit,
        measure_word: f.measure_word,
        qualifier: f.qualifier,
        low: f.low,
        high: f.high,
        kind: f.kind,
        measure: f.measure,
        year: f.year,
        domain: f.domain,
        indicator: f.indicator,
        indicator_id: f.indicator_id,
      });
    }
    let status = ingested.status;
    if (status === "ok" && metrics.length === 0) {
      status = "warning";
      problems.push("no welfare figures found in the text");
    }
    const document: DocumentRow = {
      ...blank,
      title: desc.title,
      agency: desc.agency,
      region_code: desc.region.code,
      region_name: desc.region.name,
      province: desc.region.province,
      city: desc.region.city,
      county: desc.region.county,
      admin_level: desc.region.level,
      report_year: desc.reportYear,
      period: desc.period,
      published: desc.published,
      script: clean.script,
      encoding: ingested.encoding,
      chars: clean.text.length,
      metrics: metrics.length,
      status,
      problems: problems.join("; "),
    };
    return { document, metrics, clean };
  } catch (err) {
    // A bug in a stage must not take the run down: the file is accounted for, with the reason.
    const message = err instanceof Error ? err.message : String(err);
    return { document: { ...blank, status: "rejected", problems: `internal error while processing: ${message}` }, metrics: genericArray<MetricRow>() };
  }
}
