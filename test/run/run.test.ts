import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runPipeline } from "../../pipelines/run.ts";
import { recover } from "../../pipelines/run/publish.ts";
import { parseCsv } from "../../pipelines/tables/csv.ts";
import { readParquetRows } from "../../pipelines/tables/parquet.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const RAW = join(ROOT, "data/raw");
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const readTables = (out: string) =>
  Object.fromEntries(readdirSync(join(out, "tables")).sort().map((f) => [f, readFileSync(join(out, "tables", f))]));

describe("runPipeline", () => {
  it("gives byte-identical tables across runs, with and without cache and workers", async () => {
    const a = tmp("det-a-");
    const b = tmp("det-b-");
    await runPipeline({ input: RAW, out: a, workers: 2 });
    await runPipeline({ input: RAW, out: a, workers: 2, reuseRun: false }); // second run: from the per-document cache
    // Workers load the stage code from disk for each run, as the first two runs did; an inline run would use
    // the code this test file imported minutes ago, which in a tree others are editing may no longer match.
    await runPipeline({ input: RAW, out: b, workers: 1, cacheDir: null });
    const ta = readTables(a);
    const tb = readTables(b);
    expect(Object.keys(ta)).toEqual(Object.keys(tb));
    expect(Object.keys(ta)).toEqual(expect.arrayContaining(["documents.csv", "documents.parquet", "metrics.csv", "metrics.parquet", "manifest.json"]));
    for (const f of Object.keys(ta)) {
      if (f.endsWith(".csv") || f.endsWith(".json")) expect(ta[f].toString("utf8"), f).toBe(tb[f].toString("utf8"));
      else expect(ta[f].equals(tb[f]), f).toBe(true);
    }
    // The review page of the cached run shows the same original texts (re-decoded, not cached).
    expect(readFileSync(join(a, "review.html"), "utf8")).toBe(readFileSync(join(b, "review.html"), "utf8"));
  });

  it("flags identical content under two names and records every input in the manifest", async () => {
    const input = tmp("dup-in-");
    const seed = readFileSync(join(RAW, "000_9389790027280c33.txt"));
    writeFileSync(join(input, "a.txt"), seed);
    mkdirSync(join(input, "z"));
    writeFileSync(join(input, "z", "copy.txt"), seed);
    writeFileSync(join(input, "empty.txt"), "");
    const out = tmp("dup-out-");
    const s = await runPipeline({ input, out, workers: 2 });
    expect(s.files).toBe(3);
    const [head, ...rows] = parseCsv(readFileSync(join(out, "tables/documents.csv"), "utf8"));
    const col = (name: string) => head.indexOf(name);
    const copy = rows.find((r) => r[col("doc_file")] === "copy.txt")!;
    expect(copy[col("problems")]).toContain("duplicate: same content as a.txt");
    expect(copy[col("status")]).not.toBe("ok");
    const manifest = JSON.parse(readFileSync(join(out, "tables/manifest.json"), "utf8"));
    expect(manifest.inputs.map((i: { path: string }) => i.path)).toEqual(["a.txt", "empty.txt", "z/copy.txt"]);
    expect(manifest.inputs[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.inputs[0].size).toBe(seed.length);
    expect(manifest.pipeline.id).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
    expect(typeof manifest.reference.version).toBe("string");
    const pq = await readParquetRows(join(out, "tables/documents.parquet"));
    expect(pq.map((r) => r.doc_file)).toEqual(rows.map((r) => r[col("doc_file")]));
  });

  it("a changed reference file invalidates the cache", async () => {
    const ref = tmp("ref-");
    cpSync(join(ROOT, "data/reference"), ref, { recursive: true });
    const out = tmp("inv-out-");
    expect((await runPipeline({ input: RAW, out, workers: 0, referenceDir: ref })).cached).toBe(0);
    expect((await runPipeline({ input: RAW, out, workers: 0, referenceDir: ref })).cached).toBe(5);
    const packs = () => readdirSync(join(out, ".cache")).filter((n) => n.endsWith(".pack"));
    const before = packs();
    writeFileSync(join(ref, "zz-extra-marker.txt"), "新的标记\n");
    const changed = await runPipeline({ input: RAW, out, workers: 0, referenceDir: ref });
    expect(changed.cached).toBe(0);
    // The older version's entries can never match again: gone, and the run says so.
    expect(packs().filter((p) => before.includes(p))).toEqual([]);
    expect(packs().length).toBeGreaterThan(0);
    expect(changed.notes.join("\n")).toMatch(/cache: removed [\d.]+ MB of results from older code or reference versions/);
  });

  it("reuses an identical earlier run, and only that", async () => {
    const input = tmp("reuse-in-");
    cpSync(RAW, input, { recursive: true });
    const out = tmp("reuse-out-");
    const first = await runPipeline({ input, out, workers: 0 });
    expect(first.reused).toBeFalsy();
    const before = readTables(out);
    const second = await runPipeline({ input, out, workers: 0 });
    expect(second.reused).toBe(true);
    expect({ ...second, seconds: 0, cached: 0, notes: [], reused: false, processMs: 0 }).toEqual({ ...first, seconds: 0, cached: 0, notes: [], reused: false, processMs: 0 });
    const after = readTables(out);
    for (const f of Object.keys(before)) expect(after[f].equals(before[f]), f).toBe(true);
    expect(readFileSync(join(out, "review.html")).length).toBeGreaterThan(1000);
    // Without reuse the per-document cache serves every file and gives the same bytes.
    const third = await runPipeline({ input, out, workers: 0, reuseRun: false });
    expect(third.reused).toBeFalsy();
    expect(third.cached).toBe(5);
    for (const [f, b] of Object.entries(readTables(out))) expect(b.equals(before[f]), f).toBe(true);
    // One changed byte in one file: no reuse, four cache hits.
    const name = readdirSync(input)[0];
    writeFileSync(join(input, name), Buffer.concat([readFileSync(join(input, name)), Buffer.from("\n")]));
    const fourth = await runPipeline({ input, out, workers: 0 });
    expect(fourth.reused).toBeFalsy();
    expect(fourth.cached).toBe(4);
  });

  it("does not read its own output folder or follow symlink loops, and says so", async () => {
    const { symlinkSync } = await import("node:fs");
    const input = tmp("nest-in-");
    cpSync(RAW, join(input, "reports"), { recursive: true });
    symlinkSync(input, join(input, "reports", "loop"));
    const out = join(input, "out");
    const first = await runPipeline({ input, out, workers: 0 });
    expect(first.files).toBe(5);
    const second = await runPipeline({ input, out, workers: 0, reuseRun: false });
    expect(second.files).toBe(5);
    expect(second.notes.join("\n")).toContain("not read: out: the run's own output folder");
    expect(second.notes.join("\n")).toContain("not read: reports/loop: a symlink back");
    const manifest = JSON.parse(readFileSync(join(out, "tables/manifest.json"), "utf8"));
    expect(manifest.skipped.length).toBe(2);
  });

  it("puts back tables a killed swap left aside", () => {
    const out = tmp("rec-");
    mkdirSync(join(out, ".tables-old-999999-x"));
    writeFileSync(join(out, ".tables-old-999999-x", "documents.csv"), "old");
    mkdirSync(join(out, ".staging-999999-abc"));
    recover(out);
    expect(readFileSync(join(out, "tables", "documents.csv"), "utf8")).toBe("old");
    expect(existsSync(join(out, ".staging-999999-abc"))).toBe(false);
  });

  it("leaves the previous tables intact when a run is SIGKILLed half way", async () => {
    const out = tmp("kill-out-");
    await runPipeline({ input: RAW, out, workers: 0, cacheDir: null });
    const before = readTables(out);
    // A corpus big enough that the run is still going when we kill it.
    const input = tmp("kill-in-");
    const seeds = readdirSync(RAW).map((f) => readFileSync(join(RAW, f)));
    for (let i = 0; i < 1500; i++) writeFileSync(join(input, `doc${String(i).padStart(5, "0")}.txt`), Buffer.concat([seeds[i % 5], Buffer.from(`\n${i}\n`)]));
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "pipelines/cli.ts"), "--input", input, "--out", out, "--workers", "1", "--no-cache"], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let seen = "";
    const killed = await new Promise<NodeJS.Signals | null>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        seen += d.toString();
        // Kill once some files are done and the staging folder holds partial tables.
        if (/\[\d+\/1500\]/.test(seen) && !/files read/.test(seen) && child.exitCode === null && !child.killed) child.kill("SIGKILL");
      });
      child.on("exit", (_code, signal) => resolve(signal));
    });
    expect(killed).toBe("SIGKILL");
    expect(readdirSync(out).some((n) => n.startsWith(".staging-"))).toBe(true);
    const after = readTables(out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const f of Object.keys(before)) expect(after[f].equals(before[f]), f).toBe(true);
    expect(parseCsv(after["documents.csv"].toString("utf8")).length).toBe(6);
    // The next run clears the dead run's staging folder and publishes normally.
    await runPipeline({ input: RAW, out, workers: 0, cacheDir: null });
    expect(readdirSync(out).filter((n) => n.startsWith("."))).toEqual([]);
  });
});
