import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_REFERENCE_DIR } from "../../pipelines/reference.ts";
import { listInputs } from "../../pipelines/run/inputs.ts";
import { planChunks } from "../../pipelines/run/chunk.ts";
import { mapChunksInOrder, startWorkers } from "../../pipelines/run/pool.ts";
import { pipelineSourceHash } from "../../pipelines/run/version.ts";
import { withoutTsx, workerBundle } from "../../pipelines/run/worker-bundle.ts";
import { contentId } from "../../pipelines/process.ts";
import { PipelineError } from "../../pipelines/run/pipeline-error.ts";

const RAW = new URL("../../data/raw/", import.meta.url).pathname;

describe("worker pool", () => {
  it("yields results in input order and survives a worker that dies or hangs mid-file, mid-chunk", async () => {
    const input = mkdtempSync(join(tmpdir(), "pool-"));
    const seed = readFileSync(join(RAW, "000_9389790027280c33.txt"));
    const names = ["a.txt", "b-crash.txt", "c.txt", "d-hang.txt", "e-crash.txt", "f.txt", "g.txt"];
    for (const n of names) writeFileSync(join(input, n), Buffer.concat([seed, Buffer.from(n)]));
    const results = [];
    // Chunks of three files: a crash or hang costs its file, not the files before or after it in the chunk.
    const chunks = planChunks(listInputs(input), Infinity, 3);
    expect(chunks.map((c) => c.inputs.length)).toEqual([3, 3, 1]);
    let rows = 0;
    for await (const chunk of mapChunksInOrder(chunks, {
      workers: 2, referenceDir: DEFAULT_REFERENCE_DIR, cacheDir: null, pipelineVersion: "test", referenceVersion: "test",
      workerEntry: new URL("./fixtures/crashing-worker.mjs", import.meta.url), fileTimeoutMs: 3000,
    })) {
      results.push(...chunk.docs);
      rows += chunk.metricsParquet?.rows ?? 0;
      expect(new TextDecoder().decode(chunk.metricsCsv).split("\r\n").length - 1).toBe(chunk.metricsParquet?.rows ?? 0);
    }
    expect(results.map((r) => r.rel)).toEqual(names);
    expect(rows).toBe(results.reduce((n, r) => n + r.figures, 0));
    expect(rows).toBeGreaterThan(0);
    for (const r of results) {
      if (r.rel.includes("crash") || r.rel.includes("hang")) {
        expect(r.document.status).toBe("rejected");
        expect(r.document.problems).toContain(r.rel.includes("crash") ? "crashed" : "took longer than 3 s");
        expect(r.document.doc_file).toBe(r.rel);
        // The content id and size survive the bytes having been handed to the worker.
        const bytes = readFileSync(join(input, r.rel));
        expect(r.size).toBe(bytes.length);
        expect(r.document.doc_id).toBe(contentId(bytes));
        expect(r.transient).toBe(true);
      } else expect(r.document.status).not.toBe("rejected");
    }
  });

  it("runs workers from a plain-JS bundle of the current sources (tables identical to inline runs: run.test.ts)", async () => {
    const bundle = await workerBundle();
    expect(bundle).not.toBeNull();
    expect(bundle!.pathname).toMatch(new RegExp(`worker-${pipelineSourceHash().slice(0, 16)}\\.mjs$`));
    expect(readFileSync(bundle!, "utf8")).toContain("processChunk");
  });

  it("stops with the reason when workers cannot start, instead of rejecting every file", async () => {
    const inputs = listInputs(RAW);
    const run = async () => {
      for await (const _ of mapChunksInOrder(planChunks(inputs), {
        workers: 2, referenceDir: DEFAULT_REFERENCE_DIR, cacheDir: null, pipelineVersion: "test", referenceVersion: "test",
        workerEntry: new URL("./fixtures/broken-worker.mjs", import.meta.url),
      })) {
        // nothing is yielded
      }
    };
    await expect(run()).rejects.toThrow(/a worker failed to start: .*indicators.csv line 3/);
    // One the person running it can fix: the CLI prints the message alone, no stack.
    await expect(run()).rejects.toBeInstanceOf(PipelineError);
  });

  it("takes over workers started before the chunks were known: one that died meanwhile stops the run with its reason, one not needed is stopped", async () => {
    const setup = { referenceDir: DEFAULT_REFERENCE_DIR, cacheDir: null, pipelineVersion: "test", referenceVersion: "test" };
    const broken = await startWorkers({ ...setup, workerEntry: new URL("./fixtures/broken-worker.mjs", import.meta.url) }, 2);
    // Both die before the pool takes them over.
    await Promise.all(broken.map((s) => new Promise((resolve) => s.worker.once("exit", resolve))));
    expect(broken.every((s) => s.lostBefore !== undefined)).toBe(true);
    const runBroken = async () => {
      for await (const _ of mapChunksInOrder(planChunks(listInputs(RAW)), { ...setup, workers: 2, started: broken })) {
        // nothing is yielded
      }
    };
    await expect(runBroken()).rejects.toThrow(/a worker failed to start: .*indicators.csv line 3/);

    // One chunk, two workers started: the first does the work, the second is stopped unused.
    const started = await startWorkers(setup, 2);
    const spare = started[1].worker;
    const spareExit = new Promise<number>((resolve) => spare.once("exit", resolve));
    const oneChunk = planChunks(listInputs(RAW).slice(0, 1));
    const results = [];
    for await (const r of mapChunksInOrder(oneChunk, { ...setup, workers: 2, started })) results.push(r);
    expect(results.map((r) => r.docs.length)).toEqual([1]);
    expect(started).toEqual([]);
    await expect(spareExit).resolves.toBeTypeOf("number");
  });
});

describe("bundled workers' node arguments", () => {
  it("leave out whatever loads tsx and keep every other flag", () => {
    // As `tsx file.ts` starts node, and as `node --import tsx` does, in both spellings.
    expect(withoutTsx(["--require", "/p/node_modules/tsx/dist/preflight.cjs", "--import", "file:///p/node_modules/tsx/dist/loader.mjs"])).toEqual([]);
    expect(withoutTsx(["--import", "tsx", "--max-old-space-size=4096", "--import=tsx", "-r", "./setup.cjs", "--loader=tsx", "--import", "./tsxlike.mjs"])).toEqual(["--max-old-space-size=4096", "-r", "./setup.cjs", "--import", "./tsxlike.mjs"]);
  });
});
