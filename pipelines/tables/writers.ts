// The run's table writers: documents rows one by one, metric rows a chunk at a time as the workers rendered
// them (CSV bytes and a Parquet row group, see run/chunk.ts), appended in chunk order.
import { join } from "node:path";
import type { DocumentRow, MetricRow } from "../types.ts";
import { openCsvWriter } from "./csv.ts";
import { openParquetWriter, type ParquetPart } from "./parquet.ts";
import { DOCUMENT_COLUMNS, METRIC_COLUMNS } from "./schema.ts";

export interface TableWriters {
  writeDocument(row: DocumentRow): void;
  /** Metric rows already rendered: CSV lines (UTF-8) and the same rows as a Parquet row group. */
  writeMetrics(csv: Uint8Array, parquet: ParquetPart | null): void;
  close(): void;
}

export function openTableWriters(dir: string): TableWriters {
  const documents = [
    openCsvWriter<DocumentRow>(join(dir, "documents.csv"), DOCUMENT_COLUMNS),
    // Row groups of 2,000 documents are encoded as the run goes, while the workers are busy, instead of all of them
    // after the last chunk, when the main thread is all that runs (60 ms per 8,000 documents).
    openParquetWriter<DocumentRow>(join(dir, "documents.parquet"), DOCUMENT_COLUMNS, 2_000),
  ];
  const metricsCsv = openCsvWriter<MetricRow>(join(dir, "metrics.csv"), METRIC_COLUMNS);
  const metricsPq = openParquetWriter<MetricRow>(join(dir, "metrics.parquet"), METRIC_COLUMNS);
  return {
    writeDocument(row) {
      for (const s of documents) s.write(row);
    },
    writeMetrics(csv, parquet) {
      if (csv.length) metricsCsv.writeRaw(csv);
      if (parquet) metricsPq.appendPart(parquet);
    },
    close() {
      for (const s of [...documents, metricsCsv, metricsPq]) s.close();
    },
  };
}
