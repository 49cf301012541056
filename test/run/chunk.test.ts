import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadReference } from "../../pipelines/reference.ts";
import { planChunks, processChunk } from "../../pipelines/run/chunk.ts";
import { listInputs } from "../../pipelines/run/inputs.ts";
import { csvFromColumns, METRIC_INDEX } from "../../pipelines/tables/columns.ts";

const RAW = new URL("../../data/raw/", import.meta.url).pathname;
const input = (rel: string, size?: number) => ({ abs: `/nowhere/${rel}`, rel, size });

describe("chunks", () => {
  it("cut the inputs in order by bytes or file count, whatever the sizes", () => {
    const inputs = [input("a", 600), input("b", 600), input("c", 10), input("d", 2000), input("e"), input("f", 1)];
    const plan = planChunks(inputs, 1000, 3);
    expect(plan.map((c) => c.inputs.map((i) => i.rel).join(""))).toEqual(["ab", "cd", "ef"]);
    expect(plan.map((c) => c.first)).toEqual([0, 2, 4]);
    expect(plan.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(planChunks(inputs, Infinity, 4).map((c) => c.inputs.length)).toEqual([4, 2]);
    expect(planChunks([], 1000, 3)).toEqual([]);
    // Same list, same chunks: what keeps the tables byte-identical whichever worker takes which chunk.
    expect(planChunks(inputs, 1000, 3)).toEqual(plan);
  });

  it("carry each document's rows as CSV and one Parquet row group, and reject given-up or unreadable files", () => {
    const dir = mkdtempSync(join(tmpdir(), "chunk-"));
    const seeds = listInputs(RAW).slice(0, 3);
    seeds.forEach((s, k) => writeFileSync(join(dir, `${k}.txt`), readFileSync(s.abs)));
    const inputs = [...listInputs(dir), input("missing.txt", 5)];
    const ref = loadReference();
    const ctx = { ref: () => ref, pipelineVersion: "t", referenceVersion: "t", originalsBefore: 1, keepColumns: true };
    const [chunk] = planChunks(inputs);
    const whole = processChunk(chunk, ctx);
    expect(whole.docs.map((d) => d.rel)).toEqual(["0.txt", "1.txt", "2.txt", "missing.txt"]);
    expect(whole.docs[3].document.status).toBe("rejected");
    const figures = whole.docs.map((d) => d.figures);
    expect(figures.slice(0, 3).every((n) => n > 0)).toBe(true);
    expect(whole.metricsParquet!.rows).toBe(figures.reduce((a, b) => a + b, 0));
    // Every column of a document the review page shows (below originalsBefore) …
    const full = processChunk(chunk, { ...ctx, originalsBefore: 3 });
    expect(new TextDecoder().decode(full.metricsCsv)).toBe(full.docs.map((d) => csvFromColumns(d.cols!)).join(""));
    expect(whole.docs[0].cols).toEqual(full.docs[0].cols);
    // … of the others only the labels the page counts their figures without a catalog indicator by.
    const [cut, all] = [whole.docs[1].cols!, full.docs[1].cols!];
    const uncatalogued = (col: unknown[]) => col.filter((_, i) => !all[METRIC_INDEX.indicator_id][i]);
    expect(cut[METRIC_INDEX.indicator]).toEqual(uncatalogued(all[METRIC_INDEX.indicator]));
    expect(cut[METRIC_INDEX.indicator].length).toBeGreaterThan(0);
    expect(cut[METRIC_INDEX.indicator].length).toBeLessThan(all[METRIC_INDEX.indicator].length);
    // the other columns are not sent at all
    expect(cut[METRIC_INDEX.quote]).toBeUndefined();
    expect(cut[METRIC_INDEX.sentence]).toBeUndefined();
    expect(cut.filter((c) => c !== undefined)).toHaveLength(2);
    // Only documents below originalsBefore bring their original text back.
    expect(whole.docs[0].original.length).toBe(whole.docs[0].originalLength);
    expect(whole.docs[1].original).toBe("");
    const retried = processChunk({ ...chunk, givenUp: { 1: "the worker processing this file crashed" } }, ctx);
    expect(retried.docs[1]).toMatchObject({ figures: 0, transient: true, document: { status: "rejected", problems: "the worker processing this file crashed", doc_id: whole.docs[1].document.doc_id } });
    expect(retried.metricsParquet!.rows).toBe(figures[0] + figures[2]);
  });

  it("reject what is not a regular file without waiting on it: a named pipe nobody writes to, a folder, an empty file", () => {
    const dir = mkdtempSync(join(tmpdir(), "chunk-"));
    execFileSync("mkfifo", [join(dir, "pipe.txt")]);
    mkdirSync(join(dir, "folder.txt"));
    writeFileSync(join(dir, "empty.txt"), "");
    const inputs = ["pipe.txt", "folder.txt", "empty.txt"].map((rel) => ({ abs: join(dir, rel), rel }));
    const ref = loadReference();
    const [chunk] = planChunks(inputs);
    const { docs } = processChunk(chunk, { ref: () => ref, pipelineVersion: "t", referenceVersion: "t", originalsBefore: 0, keepColumns: false });
    expect(docs.map((d) => d.document.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(docs[0].document.problems).toMatch(/not a regular file/);
    expect(docs[1].document.problems).toMatch(/not a regular file/);
    expect(docs[2].document.problems).not.toMatch(/could not read/);
  });
});
