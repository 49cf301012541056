// Hostile report text and file names come out inert in every CSV and in the HTML page the run writes.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../pipelines/run.ts";
import { parseCsv } from "../../pipelines/tables/csv.ts";
import { DOCUMENT_COLUMNS, METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const HOSTILE = [`<script>alert(1)</script>`, `=cmd|' /C calc'!A0`, `+SUM(1)`, `@x`, `-2+3`, `\t=1+1`, `<img src=x onerror=alert(2)>`];

describe("hostile text", () => {
  it("is inert in documents.csv, metrics.csv, indicators.csv and review.html", async () => {
    const input = mkdtempSync(join(tmpdir(), "hostile-in-"));
    const seed = readFileSync(join(ROOT, "data/raw/000_9389790027280c33.txt"), "utf8");
    const lines = seed.split("\n");
    // Hostile strings as the title, inside sentences that carry figures, and as whole lines.
    const body = [
      `${HOSTILE[1]}民政局2023年度工作总结`,
      ...HOSTILE.map((h, i) => `${h}全年新增养老床位${120 + i}张，${h}发放补贴${30 + i}万元。`),
      ...lines.slice(10),
      ...HOSTILE,
    ].join("\n");
    writeFileSync(join(input, "report.txt"), body);
    for (const [i, name] of ["=cmd.txt", "+SUM(1).txt", "@x.txt", "-2+3.txt", "<script>alert(1)<\\script>.txt".replace("\\", "_")].entries()) {
      writeFileSync(join(input, name), i % 2 ? body : seed + "\n" + HOSTILE.join("\n"));
    }
    const out = mkdtempSync(join(tmpdir(), "hostile-out-"));
    const summary = await runPipeline({ input, out, workers: 0, cacheDir: null });
    expect(summary.files).toBe(6);

    const tables = join(out, "tables");
    const typeOf = (file: string): Record<string, string> =>
      file === "documents.csv" ? Object.fromEntries(DOCUMENT_COLUMNS.map((c) => [c.name, c.type]))
      : file === "metrics.csv" ? Object.fromEntries(METRIC_COLUMNS.map((c) => [c.name, c.type]))
      : {};
    const csvs = readdirSync(tables).filter((f) => f.endsWith(".csv"));
    expect(csvs).toEqual(expect.arrayContaining(["documents.csv", "metrics.csv"]));
    let cells = 0;
    for (const file of csvs) {
      const text = readFileSync(join(tables, file), "utf8");
      expect(text.charCodeAt(0), file).toBe(0xfeff);
      const [head, ...rows] = parseCsv(text);
      const types = typeOf(file);
      for (const row of rows) {
        expect(row.length, file).toBe(head.length);
        row.forEach((cell, j) => {
          cells++;
          const type = types[head[j]] ?? "string";
          if (type === "string") expect(cell, `${file}:${head[j]}`).not.toMatch(/^[=+\-@\t\r]/);
          else if (cell !== "") expect(Number.isFinite(Number(cell)), `${file}:${head[j]}=${cell}`).toBe(true);
        });
      }
    }
    expect(cells).toBeGreaterThan(100);
    // The hostile sentences did reach the metrics table, neutralised.
    const metricsText = readFileSync(join(tables, "metrics.csv"), "utf8");
    expect(parseCsv(metricsText).slice(1).some((row) => row.some((cell) => /^'[=+\-@]/.test(cell)))).toBe(true);
    // File names are neutralised too.
    const docs = parseCsv(readFileSync(join(tables, "documents.csv"), "utf8"));
    const names = docs.slice(1).map((r) => r[1]);
    expect(names).toEqual(expect.arrayContaining(["'=cmd.txt", "'+SUM(1).txt", "'@x.txt", "'-2+3.txt"]));

    const html = readFileSync(join(out, "review.html"), "utf8");
    // One script runs: the page's own. Each document's rows sit in a JSON data block in which no < > & stands.
    expect(html.match(/<script(?! type="application\/json")/gi)?.length).toBe(1);
    const blocks = [...html.matchAll(/<script type="application\/json" class="rows">(.*?)<\/script>/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) expect(b).not.toMatch(/[<>&]/);
    expect(blocks.join("")).toContain("\\u003cscript\\u003ealert(1)");
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
  });
});
