// The run's table writers: every document row and metric row streams through here into CSV and Parquet.
import { join } from "node:path";
import type { TaskResult } from "../run/task.ts";
import type { DocumentRow, MetricRow } from "../types.ts";
import { csvFromColumns } from "./columns.ts";
import { openCsvWriter } from "./csv.ts";
import { openParquetWriter } from "./parquet.ts";
import { DOCUMENT_COLUMNS, METRIC_COLUMNS } from "./schema.ts";

export interface TableWriters {
  write(result: TaskResult): void;
  close(): void;
}

export function openTableWriters(dir: string): TableWriters {
  const sinks = [
    openCsvWriter<DocumentRow>(join(dir, "documents.csv"), DOCUMENT_COLUMNS),
    openParquetWriter<DocumentRow>(join(dir, "documents.parquet"), DOCUMENT_COLUMNS),
  ];
  const metricsCsv = openCsvWriter<MetricRow>(join(dir, "metrics.csv"), METRIC_COLUMNS);
  const metricsPq = openParquetWriter<MetricRow>(join(dir, "metrics.parquet"), METRIC_COLUMNS);
  const metricSinks = [metricsCsv, metricsPq];
  return {
    write(r) {
      for (const s of sinks) s.write(r.document);
      // Metric rows arrive as columns, and as CSV bytes when a worker (or the cache) rendered them already.
      if (r.figures) {
        metricsCsv.writeRaw(r.csvBytes ?? csvFromColumns(r.cols));
        metricsPq.writeColumns(r.cols);
      }
    },
    close() {
      for (const s of [...sinks, ...metricSinks]) s.close();
    },
  };
}
