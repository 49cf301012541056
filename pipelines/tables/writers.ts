// The run's table writers: every document row and metric row streams through here.
import { join } from "node:path";
import type { TaskResult } from "../run/task.ts";
import type { DocumentRow, MetricRow } from "../types.ts";
import { openCsvWriter } from "./csv.ts";
import { DOCUMENT_COLUMNS, METRIC_COLUMNS } from "./schema.ts";

export interface TableWriters {
  write(result: TaskResult): void;
  close(): void;
}

export function openTableWriters(dir: string): TableWriters {
  const documents = openCsvWriter<DocumentRow>(join(dir, "documents.csv"), DOCUMENT_COLUMNS);
  const metrics = openCsvWriter<MetricRow>(join(dir, "metrics.csv"), METRIC_COLUMNS);
  return {
    write(r) {
      documents.write(r.document);
      for (const m of r.metrics) metrics.write(m);
    },
    close() {
      documents.close();
      metrics.close();
    },
  };
}
