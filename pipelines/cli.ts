// `npm run pipeline -- --input DIR --out DIR`: arguments, progress, summary, exit codes.
import { parseArgs } from "node:util";
import { PipelineError, runPipeline, type RunSummary } from "./run.ts";
import type { DocumentOutcome } from "./run/chunk.ts";

const HELP = `Usage: npm run pipeline -- [options]

Turn every report under the input folder into tidy tables (documents, metrics, indicators)
under OUT/tables/ (CSV with BOM + Parquet, manifest.json) and an audit page OUT/review.html.

Options:
  --input DIR      folder of report files, read recursively (default: data/raw)
  --out DIR        output folder (default: out)
  --workers N      worker threads (default 2; 0 runs on the main thread)
  --cache DIR      per-document result cache (default OUT/.cache)
  --no-cache       neither read nor write the cache
  --no-reuse       always rebuild the tables (by default an identical earlier run's outputs are copied;
                   the per-document cache is still used)
  --no-review      skip OUT/review.html
  --file-timeout S give up on a file still processing after S seconds (default 120; it is rejected)
  --help           show this help

Exit code 0 when every input is accounted for (rejected files included);
1 when the input folder is missing, the output cannot be written or the run fails; 2 for bad options.`;

function progressReporter(stream: NodeJS.WriteStream) {
  const tty = Boolean(stream.isTTY);
  let lastLine = 0;
  let lastPct = -1;
  return {
    update(done: number, total: number, last: DocumentOutcome) {
      if (tty) {
        const now = Date.now();
        if (done !== total && now - lastLine < 80) return;
        lastLine = now;
        const width = 30;
        const filled = total ? Math.round((done / total) * width) : width;
        const bar = "█".repeat(filled) + "░".repeat(width - filled);
        const name = last.rel.length > 40 ? "…" + last.rel.slice(-39) : last.rel;
        stream.write(`\r\x1b[2K${bar} ${done}/${total} ${name}`);
        if (done === total) stream.write("\n");
      } else {
        // Plain lines: every file for small runs, every 5% (or each 2 s) for big ones.
        const pct = total ? Math.floor((done / total) * 20) : 20;
        const now = Date.now();
        if (total <= 50 || pct !== lastPct || now - lastLine > 2000 || done === total) {
          lastPct = pct;
          lastLine = now;
          stream.write(`[${done}/${total}] ${last.document.status.padEnd(8)} ${last.rel}${last.cached ? " (cached)" : ""}\n`);
        }
      }
    },
  };
}

export function formatSummary(s: RunSummary): string {
  const share = s.figures ? ` (${((100 * s.withIndicator) / s.figures).toFixed(1)}%)` : "";
  const rows: [string, string][] = [
    ["files read", `${s.files}${s.cached && !s.reused ? ` (${s.cached} from cache)` : ""}`],
    ["ok / warning / rejected", `${s.ok} / ${s.warning} / ${s.rejected}`],
    ["figures found", String(s.figures)],
    ["with a catalog indicator", `${s.withIndicator}${share}`],
    ["time taken", `${s.seconds.toFixed(2)} s (${(s.bytes / 1e6 / Math.max(s.seconds, 1e-9)).toFixed(2)} MB/s)`],
    ["tables", `${s.out}/tables/`],
  ];
  return [...rows.map(([k, v]) => `${(k + ":").padEnd(26)}${v}`), ...s.notes].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: "string", default: "data/raw" },
        out: { type: "string", default: "out" },
        workers: { type: "string", default: "2" },
        cache: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        "no-reuse": { type: "boolean", default: false },
        "no-review": { type: "boolean", default: false },
        "file-timeout": { type: "string", default: "120" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    process.stderr.write(`error: --workers wants a whole number from 0 to 64, got ${values.workers}\n`);
    return 2;
  }
  const fileTimeout = Number(values["file-timeout"]);
  if (!(fileTimeout > 0)) {
    process.stderr.write(`error: --file-timeout wants a number of seconds above 0, got ${values["file-timeout"]}\n`);
    return 2;
  }
  const progress = progressReporter(process.stderr);
  try {
    const summary = await runPipeline({
      input: values.input!,
      out: values.out!,
      workers,
      cacheDir: values["no-cache"] ? null : values.cache,
      review: !values["no-review"],
      reuseRun: !values["no-reuse"],
      fileTimeoutMs: fileTimeout * 1000,
      onProgress: progress.update,
    });
    process.stderr.write(formatSummary(summary) + "\n");
    if (values["no-review"] === false) process.stderr.write(`audit page:               ${summary.out}/review.html\n`);
    return 0;
  } catch (err) {
    if (err instanceof PipelineError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    // Unexpected: the message first, where a person looks, then the stack for whoever debugs it.
    const e = err as Error;
    process.stderr.write(`error: ${e.message ?? String(err)}\n${e.stack ? e.stack.split("\n").slice(1).join("\n") + "\n" : ""}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("pipelines/cli.ts")) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
