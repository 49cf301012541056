// The records that cross the pipeline's seams, in the order a report meets them.
// Each stage owns its internal types; only what one stage hands the next lives here.

/** One input file as read from disk. */
export interface RawFile {
  /** Path as given to the runner (for messages and the manifest). */
  path: string;
  /** Base file name, e.g. `000_9389790027280c33.txt`. */
  name: string;
  bytes: Uint8Array;
  /** sha256 of bytes (hex) when the caller has already computed it (the runner hashes every input). */
  sha256?: string;
}

/** ingest/decode: the bytes as text, before any cleaning. This is "the original" that offsets point into. */
export interface DecodedText {
  text: string;
  /** What the detector found: utf-8, utf-8-bom, utf-16le, utf-16be, gb18030, big5, html+utf-8 … */
  encoding: string;
}

export type Script = "simplified" | "traditional";

/** ingest/*: clean simplified text, with a way back to the original. */
export interface CleanText {
  /** The decoded original (after HTML-to-text when the file was HTML; offsets are into this string). */
  original: string;
  encoding: string;
  /** Simplified, normalised body text with boilerplate removed. */
  text: string;
  /**
   * toOriginal[i] is the offset in `original` of clean character i; toOriginal[text.length] is the end.
   * A quote text.slice(a, b) maps to original.slice(toOriginal[a], toOriginal[b - 1] + 1).
   */
  toOriginal: Int32Array;
  script: Script;
  /** Portal metadata header fields kept as metadata: 索引号, 发布机构, 成文日期, 主题分类 … */
  header: Record<string, string>;
  /** Title if the page or file name gave one (already simplified). */
  titleHint: string;
  /** Human-readable notes about what was odd (each becomes part of documents.problems). */
  problems: string[];
}

export type AdminLevel = "province" | "city" | "county" | "town" | "";

export interface Region {
  code: string; // GB/T 2260 six digits, "" when unknown
  name: string; // as the analyst would say it: 宁波高新区, 慈溪市, 苏州市
  province: string;
  city: string;
  county: string;
  level: AdminLevel;
  /** Why this region was chosen (title, agency, body places …), for the audit page. */
  evidence: string;
}

export type Period = "annual" | "H1" | "H2" | "Q1" | "Q2" | "Q3" | "Q4" | "";

/** describe/*: what the document is. */
export interface DocumentDescription {
  title: string;
  agency: string;
  published: string; // ISO date or ""
  reportYear: number | null;
  period: Period;
  region: Region;
}

export type Unit =
  | "yuan" | "person" | "person_time" | "household" | "bed" | "facility" | "item" | "meal" | "copy"
  | "couple" | "percent" | "sqm" | "mu" | "hour" | "day" | "event" | "case" | "dose" | "other";
export type Qualifier = "exact" | "approx" | "at_least" | "at_most" | "range";
export type Kind = "actual" | "target";
export type Measure = "level" | "rate" | "change";
export type Domain =
  | "elderly_care" | "social_assistance" | "child_welfare" | "disability" | "charity" | "welfare_lottery"
  | "social_organizations" | "social_work" | "community_governance" | "marriage" | "funeral" | "place_names"
  | "veterans" | "health" | "disaster_relief" | "resettlement" | "admin_services" | "other";

/** One row of the metrics table (see SPEC.md and GOLD.md for the meaning of each field). */
export interface MetricRow {
  doc_id: string;
  doc_file: string;
  region_code: string;
  region_name: string;
  report_year: number | null;
  period: Period;
  section: string;
  sentence: string;
  quote: string;
  start: number;
  end: number;
  value: number;
  unit: Unit;
  measure_word: string;
  qualifier: Qualifier;
  low: number | null;
  high: number | null;
  kind: Kind;
  measure: Measure;
  year: number | null;
  domain: Domain;
  indicator: string;
  indicator_id: string;
}

export type DocumentStatus = "ok" | "warning" | "rejected";

/** One row of the documents table. */
export interface DocumentRow {
  doc_id: string;
  doc_file: string;
  title: string;
  agency: string;
  region_code: string;
  region_name: string;
  province: string;
  city: string;
  county: string;
  admin_level: AdminLevel;
  report_year: number | null;
  period: Period;
  published: string;
  script: Script | "";
  encoding: string;
  chars: number;
  metrics: number;
  status: DocumentStatus;
  problems: string;
}

/** The unit of work: everything one report yields. */
export interface ProcessedDocument {
  document: DocumentRow;
  metrics: MetricRow[];
  /** Clean text and its map, for the review page; absent when the file was rejected. */
  clean?: CleanText;
}

/** ingest's verdict on one file: clean text, or why there is none. */
export interface IngestOutcome {
  clean: CleanText | null;
  encoding: string;
  status: DocumentStatus;
  problems: string[];
}

/** A metric as extract/classify see it: the row minus the per-document columns process.ts adds. */
export type FigureRow = Omit<MetricRow, "doc_id" | "doc_file" | "region_code" | "region_name" | "report_year" | "period">;
