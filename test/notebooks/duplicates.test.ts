import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTables } from "../../notebooks/runtime/data.ts";
import { runPipeline } from "../../pipelines/run.ts";

describe("notebook tables", () => {
  it("count a report filed twice under two names once", async () => {
    const input = mkdtempSync(join(tmpdir(), "dup-in-"));
    const out = mkdtempSync(join(tmpdir(), "dup-out-"));
    const text = "2023年,区民政局新增养老床位120张,发放高龄津贴356.5万元。\n";
    writeFileSync(join(input, "a.txt"), text);
    writeFileSync(join(input, "b.txt"), text);
    await runPipeline({ input, out, workers: 0, cacheDir: null, review: false });
    const tables = loadTables(join(out, "tables"));
    expect(tables.documents).toHaveLength(2);
    expect(tables.documents.find((d) => d.doc_file === "b.txt")?.problems).toMatch(/duplicate/);
    const files = new Set(tables.metrics.map((m) => m.doc_file));
    expect([...files]).toEqual(["a.txt"]);
    expect(tables.metrics.length).toBeGreaterThanOrEqual(2);
  });
});
