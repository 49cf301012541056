import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { ByteWriter, ParquetWriter, type SchemaElement } from "hyparquet-writer";
import { writeMetadata } from "hyparquet-writer/src/metadata.js";
import { describe, expect, it } from "vitest";
import { encodeParquetPart, openParquetWriter, readParquetRows } from "../../pipelines/tables/parquet.ts";
import { toColumns } from "../../pipelines/tables/columns.ts";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";
import { readCatalog, writeCatalogTables } from "../../pipelines/tables/indicators.ts";
import { parseCsv } from "../../pipelines/tables/csv.ts";
import type { MetricRow } from "../../pipelines/types.ts";

const row = (i: number): MetricRow => ({
  doc_id: "abc", doc_file: "x.txt", region_code: "330212", region_name: "宁波高新区", report_year: i % 3 ? 2023 : null,
  period: "annual", section: "一、养老", sentence: "新增床位120张。", quote: "=120张", start: i, end: i + 4,
  value: i % 2 ? -5.5 : 1.2e8, unit: "bed", measure_word: "张", qualifier: "exact", low: null, high: i % 5 ? null : 3,
  kind: "actual", measure: "level", year: 2023, domain: "elderly_care", indicator: "养老床位", indicator_id: i % 4 ? "" : "eld.beds",
});

async function readBack(path: string) {
  return readParquetRows(path);
}

describe("parquet writer", () => {
  it("round-trips typed columns across several row groups", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pq-"));
    const path = join(dir, "m.parquet");
    const w = openParquetWriter<MetricRow>(path, METRIC_COLUMNS, 7);
    const rows = Array.from({ length: 25 }, (_, i) => row(i));
    for (const r of rows) w.write(r);
    w.close();
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(meta.row_groups.length).toBe(4);
    const types = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s.type]));
    expect(types.value).toBe("DOUBLE");
    expect(types.start).toBe("INT32");
    expect(types.quote).toBe("BYTE_ARRAY");
    expect(meta.row_groups[0].columns[0].meta_data?.codec).toBe("BROTLI");
    // Statistics where analysts filter (region, year), none on free text.
    const chunk = (name: string) => meta.row_groups[0].columns.find((c) => c.meta_data?.path_in_schema[0] === name)!.meta_data!;
    expect(chunk("year").statistics?.min_value).toBe(2023);
    expect(chunk("region_code").statistics?.max_value).toBe("330212");
    expect(chunk("sentence").statistics).toBeUndefined();
    const back = await readBack(path);
    expect(back.length).toBe(25);
    back.forEach((b, i) => {
      for (const c of METRIC_COLUMNS) expect(b[c.name], `${i}.${c.name}`).toEqual(rows[i][c.name] ?? null);
    });
  });

  it("appends row groups encoded elsewhere (as workers do) between rows written directly, offsets shifted", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "pq-")), "parts.parquet");
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    const w = openParquetWriter<MetricRow>(path, METRIC_COLUMNS, 1000);
    for (const r of rows.slice(0, 5)) w.write(r); // pending rows must land before the first part
    const { port1, port2 } = new MessageChannel();
    for (const [a, b] of [[5, 17], [17, 18], [18, 18], [18, 33]]) {
      const part = encodeParquetPart(METRIC_COLUMNS, toColumns(rows.slice(a, b), METRIC_COLUMNS));
      if (a === b) {
        expect(part).toBeNull();
        continue;
      }
      // Across a thread boundary as a worker sends it: structured clone, bytes transferred.
      port1.postMessage(part, [part!.bytes.buffer as ArrayBuffer]);
      w.appendPart(receiveMessageOnPort(port2)!.message);
    }
    port1.close();
    w.writeColumns(toColumns(rows.slice(33), METRIC_COLUMNS));
    w.close();
    expect(w.rows).toBe(40);
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([5, 12, 1, 15, 7]);
    // Each column chunk's pages start where the metadata says: the file's own bytes there are a page header.
    const offsets = meta.row_groups.flatMap((g) => g.columns.map((c) => Number(c.meta_data!.dictionary_page_offset ?? c.meta_data!.data_page_offset)));
    expect(new Set(offsets).size).toBe(offsets.length);
    const back = await readBack(path);
    expect(back.length).toBe(40);
    back.forEach((b, i) => {
      for (const c of METRIC_COLUMNS) expect(b[c.name], `${i}.${c.name}`).toEqual(rows[i][c.name] ?? null);
    });
  });

  it("encodes awkward columns as hyparquet-writer's general writer does: nulls, one value, long runs among distinct values, wide dictionaries", async () => {
    const n = 700;
    const distinct = (i: number) => `句${i}`;
    const rows = Array.from({ length: n }, (_, i): MetricRow => ({
      ...row(i),
      doc_id: "同一个", // one value: bit width 0
      doc_file: i < 300 ? "a.txt" : i % 3 ? `f${i}.txt` : "", // a long run, then distinct values and empty strings
      region_code: i % 50 === 7 ? "𠀀330212" : i % 13 === 0 ? "\uffff" : `33${i % 10}`, // UTF-8 order ≠ UTF-16 order for the statistics
      section: null as never, // every row null
      sentence: i % 17 < 9 ? "同一句" : distinct(i), // runs of 9 mixed with literals, > 256 distinct: wide indexes
      quote: distinct(i),
      report_year: i % 7 === 0 ? null : 2000 + (i % 30),
      value: (i % 11 === 0 ? null : i % 2 ? -0.1 * i : 1e15 + i) as number,
      low: i % 9 === 0 ? -2.5 : null,
    }));
    const cols = toColumns(rows, METRIC_COLUMNS);
    const dir = mkdtempSync(join(tmpdir(), "pq-"));
    const viaPart = openParquetWriter<MetricRow>(join(dir, "part.parquet"), METRIC_COLUMNS);
    viaPart.appendPart(encodeParquetPart(METRIC_COLUMNS, cols)!);
    viaPart.close();
    // The reference: the same columns through hyparquet-writer's own encoder, statistics on the same columns.
    const withStatistics = new Set(["region_code", "report_year", "year", "domain", "kind", "measure", "unit", "indicator_id"]);
    const schema: SchemaElement[] = [
      { name: "root", num_children: METRIC_COLUMNS.length },
      ...METRIC_COLUMNS.map((c): SchemaElement => (c.type === "string" ? { name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" } : { name: c.name, type: c.type === "int" ? "INT32" : "DOUBLE", repetition_type: "OPTIONAL" })),
    ];
    const reference = new ByteWriter();
    const general = new ParquetWriter({ writer: reference, schema, codec: "BROTLI", compressors: { BROTLI: (b: Uint8Array) => new Uint8Array(brotliCompressSync(b)) } });
    void general.write({ columnData: METRIC_COLUMNS.map((c, j) => ({ name: c.name, data: cols[j], statistics: withStatistics.has(c.name) })), rowGroupSize: n });
    void general.finish();
    writeFileSync(join(dir, "direct.parquet"), reference.getBytes());
    const [a, b] = [await readBack(join(dir, "part.parquet")), await readBack(join(dir, "direct.parquet"))];
    expect(a.length).toBe(n);
    expect(a).toEqual(b);
    expect(a[5].section).toBeNull();
    expect(a[301].doc_file).toBe("f301.txt");
    expect(a[300].doc_file).toBe("");
    const stats = async (file: string) => {
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, file)));
      const chunk = (name: string) => meta.row_groups[0].columns.find((c) => c.meta_data?.path_in_schema[0] === name)!.meta_data!;
      return ["region_code", "report_year", "sentence"].map((c) => chunk(c).statistics);
    };
    expect(await stats("part.parquet")).toEqual(await stats("direct.parquet"));
    expect((await stats("part.parquet"))[0]?.max_value).toBe("𠀀330212");
  });


  it("writes the footer hyparquet-writer's writeMetadata would write for the same row groups, byte for byte", async () => {
    // > 14 row groups and > 14 columns: the long list headers; statistics of every kind, null and missing ones.
    const rows = Array.from({ length: 90 }, (_, i): MetricRow => ({ ...row(i), region_code: (i % 4 ? `33${i}` : null) as string }));
    const path = join(mkdtempSync(join(tmpdir(), "pq-")), "footer.parquet");
    const w = openParquetWriter<MetricRow>(path, METRIC_COLUMNS, 5);
    for (const r of rows) w.write(r);
    w.close();
    const bytes = readFileSync(path);
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(meta.row_groups.length).toBe(18);
    const footerLength = bytes.readUInt32LE(bytes.length - 8);
    const ours = bytes.subarray(bytes.length - 8 - footerLength, bytes.length - 8);
    const reference = new ByteWriter();
    writeMetadata(reference, { version: 2, schema: meta.schema, num_rows: meta.num_rows, row_groups: meta.row_groups, created_by: meta.created_by } as never);
    const theirs = new Uint8Array(reference.getBuffer());
    expect(Buffer.from(ours).equals(Buffer.from(theirs.subarray(0, theirs.length - 4)))).toBe(true);
    expect(bytes.subarray(bytes.length - 4).toString()).toBe("PAR1");
    const back = await readBack(path);
    expect(back.map((r) => r.region_code)).toEqual(rows.map((r) => r.region_code));
  });
  it("writes an empty table that still reads", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "pq-")), "e.parquet");
    const w = openParquetWriter<MetricRow>(path, METRIC_COLUMNS);
    w.close();
    expect(await readBack(path)).toEqual([]);
  });
});

describe("indicator catalog table", () => {
  it("is absent with a note when there is no catalog", () => {
    const ref = mkdtempSync(join(tmpdir(), "ref-"));
    const out = mkdtempSync(join(tmpdir(), "out-"));
    expect(writeCatalogTables(ref, out)).toMatch(/not written/);
    expect(existsSync(join(out, "indicators.csv"))).toBe(false);
  });

  it("copies a JSON catalog's columns generically, lists joined", async () => {
    const ref = mkdtempSync(join(tmpdir(), "ref-"));
    writeFileSync(join(ref, "indicators.json"), JSON.stringify([
      { id: "eld.beds", label_zh: "养老床位", domain: "elderly_care", unit: "bed", phrasings: ["养老床位", "床位"] },
      { id: "sa.dibao", label_zh: "低保对象", domain: "social_assistance", unit: "person", phrasings: ["=低保"] },
    ]));
    const out = mkdtempSync(join(tmpdir(), "out-"));
    expect(writeCatalogTables(ref, out)).toMatch(/2 indicators/);
    const csv = parseCsv(readFileSync(join(out, "indicators.csv"), "utf8"));
    expect(csv[0]).toEqual(["id", "label_zh", "domain", "unit", "phrasings"]);
    expect(csv[1][4]).toBe("养老床位|床位");
    expect(csv[2][4]).toBe("'=低保");
    const back = await readBack(join(out, "indicators.parquet"));
    expect(back[1].id).toBe("sa.dibao");
  });

  it("reads a CSV catalog and an object-of-objects JSON", () => {
    const ref = mkdtempSync(join(tmpdir(), "ref-"));
    mkdirSync(join(ref, "x"));
    writeFileSync(join(ref, "indicators.csv"), "\uFEFFid,label\r\na,甲\r\nb,\"乙,丙\"\r\n");
    expect(readCatalog(ref)!.rows).toEqual([{ id: "a", label: "甲" }, { id: "b", label: "乙,丙" }]);
    const ref2 = mkdtempSync(join(tmpdir(), "ref-"));
    writeFileSync(join(ref2, "indicators.json"), JSON.stringify({ "eld.beds": { label: "床位" } }));
    expect(readCatalog(ref2)!.rows).toEqual([{ id: "eld.beds", label: "床位" }]);
  });
});
