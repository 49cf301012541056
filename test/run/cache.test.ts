import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, truncateSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheNamespace, diskCache, pruneCache } from "../../pipelines/run/cache.ts";
import { decodeRecord, encodeRecord, recordCsv } from "../../pipelines/run/record.ts";
import { cellsFromCsv, csvFromColumns, toColumns, type Cell, type CsvException } from "../../pipelines/tables/columns.ts";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";

const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");

function sampleContent() {
  // Constant, repeated and distinct cells, a hostile formula cell, quotes and commas, nulls and a negative number.
  const rows = [0, 1, 2, 3].map((i) =>
    Object.fromEntries(
      METRIC_COLUMNS.map((c) => [
        c.name,
        c.type === "string" ? (c.name === "quote" ? `${i}张` : c.name === "sentence" ? (i < 2 ? '=cmd|"a,b"' : "新增床位120张。") : "same") : i === 2 ? null : i === 3 ? -1.5 : i,
      ]),
    ),
  );
  return { document: { doc_id: "x", title: "报告" } as never, figures: 4, withIndicator: 1, cols: toColumns(rows as never[], METRIC_COLUMNS), originalLength: 5 };
}

describe("document records", () => {
  it("reads its CSV lines back to the very cells, the few the text can't hold coming from the exceptions", () => {
    const columns = [{ type: "string" }, { type: "int" }, { type: "double" }, { type: "string" }] as const;
    // Repeated cells (rendered once), an empty string and a null string cell, formulas (neutralised with an
    // apostrophe) also repeated, quotes, commas and line breaks inside cells, an apostrophe of the text's own.
    const cols: Cell[][] = [
      ["同一句,含逗号", "同一句,含逗号", "", null, "=1+2", "=1+2", '他说"好"', "a\r\nb", "'原有撇号", "-5人"],
      [1, 1, null, -3, 0, 2147483647, 7, null, 8, 9],
      [0.1 + 0.2, 1e21, -1.5, null, 0, 5e-7, 3, 3, null, 12345.678],
      [null, null, "", "", "@x", "\t制表", "+8%", "x", "x", ""],
    ];
    const exceptions: CsvException[] = [];
    const text = csvFromColumns(cols, columns, exceptions);
    expect(text).toBe(csvFromColumns(cols, columns));
    expect(text).toContain(`"'=1+2"`.slice(1, -1));
    expect(exceptions.length).toBe(1 + 2 + 2 + 1 + 2 + 1);
    expect(cellsFromCsv(text, cols[0].length, exceptions, columns)).toEqual(cols);
    // Without them the text alone says "" for null and keeps the apostrophe.
    const plain = cellsFromCsv(text, cols[0].length, [], columns);
    expect(plain[0][3]).toBe("");
    expect(plain[0][4]).toBe("'=1+2");
    expect(() => cellsFromCsv(text, cols[0].length + 1, exceptions, columns)).toThrow(/ends early|line/);
    expect(() => cellsFromCsv(text + "x", cols[0].length, exceptions, columns)).toThrow(/after line/);
    expect(() => cellsFromCsv(text.replace("\r\n", ","), cols[0].length, exceptions, columns)).toThrow();
  });

  it("round-trips a result, with the same CSV text as rendering the rows one by one", () => {
    const content = sampleContent();
    const record = encodeRecord(content);
    const { csv, ...back } = decodeRecord(record);
    expect(back).toEqual(content);
    expect(utf8(csv)).toBe(csvFromColumns(content.cols));
    expect(utf8(recordCsv(record))).toBe(utf8(csv));
    expect(utf8(csv)).toContain(`"'=cmd|""a,b"""`);
    const empty = encodeRecord({ ...content, figures: 0, cols: METRIC_COLUMNS.map(() => []) });
    expect(decodeRecord(empty).cols.every((c) => c.length === 0)).toBe(true);
    expect(decodeRecord(empty).csv.length).toBe(0);
  });

  it("refuses bytes that are not a whole record", () => {
    const record = encodeRecord(sampleContent());
    expect(() => decodeRecord(record.subarray(0, 2))).toThrow();
    expect(() => decodeRecord(record.subarray(0, 40))).toThrow();
  });
});

describe("per-document cache", () => {
  it("round-trips records across writers and readers", () => {
    const dir = mkdtempSync(join(tmpdir(), "cache-"));
    const a = encodeRecord(sampleContent());
    const b = encodeRecord({ ...sampleContent(), withIndicator: 0 });
    const w1 = diskCache(dir, "ns");
    w1.set("k1", a);
    w1.set("k2", b);
    w1.close();
    const w2 = diskCache(dir, "ns"); // a second writer (another worker) gets its own pack file
    w2.set("k3", b);
    w2.close();
    expect(readdirSync(dir).filter((n) => n.endsWith(".pack"))).toHaveLength(2);
    const r = diskCache(dir, "ns");
    expect(r.get("k1")).toEqual(a);
    expect(r.get("k2")).toEqual(b);
    expect(r.get("k3")).toEqual(b);
    expect(r.get("missing")).toBeUndefined();
    r.close();
  });

  it("writes records in batches (at a flush, at close, or before a batch outgrows one writev) and reads them all back", () => {
    const dir = mkdtempSync(join(tmpdir(), "cache-"));
    const w = diskCache(dir, "ns");
    const records = Array.from({ length: 1300 }, (_, i) => encodeRecord({ ...sampleContent(), withIndicator: i }));
    records.slice(0, 3).forEach((r, i) => w.set(`k${i}`, r));
    expect(diskCache(dir, "ns").get("k0")).toBeUndefined(); // not written until flushed
    w.flush();
    expect(diskCache(dir, "ns").get("k2")).toEqual(records[2]);
    records.slice(3).forEach((r, i) => w.set(`k${i + 3}`, r));
    w.close();
    const r = diskCache(dir, "ns");
    records.forEach((rec, i) => expect(r.get(`k${i}`), `k${i}`).toEqual(rec));
    r.close();
  });

  it("treats a pack cut short by a kill, or a half-written index line, as misses", () => {
    const dir = mkdtempSync(join(tmpdir(), "cache-"));
    const w = diskCache(dir, "ns");
    const a = encodeRecord(sampleContent());
    w.set("k1", a);
    w.set("k2", a);
    w.close();
    const pack = readdirSync(dir).find((n) => n.endsWith(".pack"))!;
    const idx = readdirSync(dir).find((n) => n.endsWith(".idx"))!;
    truncateSync(join(dir, pack), statSync(join(dir, pack)).size - 10);
    appendFileSync(join(dir, idx), "k3 0");
    const r = diskCache(dir, "ns");
    expect(r.get("k1")).toEqual(a);
    expect(r.get("k2")).toBeUndefined();
    expect(r.get("k3")).toBeUndefined();
    r.close();
  });

  it("keeps each code/reference version's entries apart, and prunes the others", () => {
    const dir = mkdtempSync(join(tmpdir(), "cache-"));
    const [older, current] = [cacheNamespace("code1", "ref1"), cacheNamespace("code1", "ref2")];
    expect(older).not.toBe(current);
    const a = encodeRecord(sampleContent());
    const w1 = diskCache(dir, older);
    w1.set("k1", a);
    w1.close();
    const w2 = diskCache(dir, current);
    expect(w2.get("k1")).toBeUndefined(); // never served across versions, even under the same key
    w2.set("k2", a);
    w2.close();
    mkdirSync(join(dir, "runs")); // stored runs are not pack files
    expect(pruneCache(dir, current)).toBeGreaterThan(a.length);
    expect(readdirSync(dir).sort()).toEqual(readdirSync(dir).filter((n) => n === "runs" || n.startsWith(current + "-")).sort());
    expect(readdirSync(dir)).toContain("runs");
    const r = diskCache(dir, current);
    expect(r.get("k2")).toEqual(a);
    r.close();
    expect(pruneCache(dir, current)).toBe(0);
  });

  it("a folder that cannot be written only turns caching off", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cache-")), "file");
    appendFileSync(dir, "not a folder");
    const c = diskCache(dir, "ns");
    expect(() => c.set("k", encodeRecord(sampleContent()))).not.toThrow();
    expect(c.get("k")).toBeUndefined();
    c.close();
  });
});
