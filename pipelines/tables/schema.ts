// One column list per table: the CSV writer, the Parquet writer and the README's column dictionary all read these.
import type { DocumentRow, MetricRow } from "../types.ts";

export interface ColumnSpec<Row> {
  name: keyof Row & string;
  type: "string" | "int" | "double";
  description: string;
}

export const DOCUMENT_COLUMNS: ColumnSpec<DocumentRow>[] = [
  { name: "doc_id", type: "string", description: "stable content hash of the input file (first 16 hex digits of sha256)" },
  { name: "doc_file", type: "string", description: "input file name" },
  { name: "title", type: "string", description: "report title, simplified Chinese" },
  { name: "agency", type: "string", description: "publishing bureau (发布机构, or the bureau named in title or body)" },
  { name: "region_code", type: "string", description: "GB/T 2260 six-digit code of the reporting region (a town's report: its county's code); empty when the text does not say" },
  { name: "region_name", type: "string", description: "name of the reporting region (functional zones keep their own name; a town's or street's own report is named after it)" },
  { name: "province", type: "string", description: "province of the region" },
  { name: "city", type: "string", description: "prefecture-level city of the region" },
  { name: "county", type: "string", description: "county-level division of the region" },
  { name: "admin_level", type: "string", description: "province, city, county or town (the title or agency names one of the county's towns or streets)" },
  { name: "report_year", type: "int", description: "year the report looks back on (2023年度工作总结 → 2023)" },
  { name: "period", type: "string", description: "annual, H1, H2, Q1 … Q4" },
  { name: "published", type: "string", description: "publication date (ISO) or empty" },
  { name: "script", type: "string", description: "simplified or traditional (as the original was written)" },
  { name: "encoding", type: "string", description: "byte encoding found (utf-8, gb18030, big5, utf-16le …)" },
  { name: "chars", type: "int", description: "characters of clean body text" },
  { name: "metrics", type: "int", description: "number of metric rows extracted" },
  { name: "status", type: "string", description: "ok, warning or rejected" },
  { name: "problems", type: "string", description: "what was odd about the file, human readable" },
];

export const METRIC_COLUMNS: ColumnSpec<MetricRow>[] = [
  { name: "doc_id", type: "string", description: "document id (see documents)" },
  { name: "doc_file", type: "string", description: "input file name" },
  { name: "region_code", type: "string", description: "GB/T 2260 code of the reporting region" },
  { name: "region_name", type: "string", description: "name of the reporting region" },
  { name: "report_year", type: "int", description: "year the report looks back on" },
  { name: "period", type: "string", description: "period of the report" },
  { name: "section", type: "string", description: "heading path of the section holding the figure" },
  { name: "sentence", type: "string", description: "the sentence holding the figure, simplified Chinese" },
  { name: "quote", type: "string", description: "the figure exactly as written in the original file" },
  { name: "start", type: "int", description: "character offset of quote in the original (decoded) text" },
  { name: "end", type: "int", description: "end offset (exclusive): original.slice(start, end) === quote" },
  { name: "value", type: "double", description: "number in base units (yuan, persons …; percent as the percent figure; ranges: midpoint)" },
  { name: "unit", type: "string", description: "canonical unit (yuan, person, person_time, household, bed, facility, item, percent …)" },
  { name: "measure_word", type: "string", description: "measure word as written (张, 名, 万元 …)" },
  { name: "qualifier", type: "string", description: "exact, approx, at_least, at_most or range" },
  { name: "low", type: "double", description: "lower end of a range, base units" },
  { name: "high", type: "double", description: "upper end of a range, base units" },
  { name: "kind", type: "string", description: "actual (reported as done) or target (planned)" },
  { name: "measure", type: "string", description: "level, rate or change" },
  { name: "year", type: "int", description: "year the figure is about" },
  { name: "domain", type: "string", description: "welfare domain (elderly_care, social_assistance …)" },
  { name: "indicator", type: "string", description: "short Chinese label of what is measured" },
  { name: "indicator_id", type: "string", description: "id from the indicator catalog, empty when none fits" },
];
