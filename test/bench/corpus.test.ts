import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { buildCorpus, mulberry32, varyText } from "../../bench/corpus.ts";
import { listInputs } from "../../pipelines/run/inputs.ts";

const RAW = new URL("../../data/raw/", import.meta.url).pathname;

function digest(dir: string): string {
  const h = createHash("sha256");
  for (const i of listInputs(dir)) h.update(i.rel).update(readFileSync(i.abs));
  return h.digest("hex");
}

describe("benchmark corpus", () => {
  it("is deterministic, sized, and mixes scripts, encodings and HTML", () => {
    const base = mkdtempSync(join(tmpdir(), "corpus-"));
    const a = buildCorpus({ dir: join(base, "a"), bytes: 1.5e6, rawDir: RAW });
    const b = buildCorpus({ dir: join(base, "b"), bytes: 1.5e6, rawDir: RAW });
    expect(a).toEqual(b);
    expect(digest(join(base, "a"))).toBe(digest(join(base, "b")));
    expect(a.bytes).toBeGreaterThanOrEqual(1.5e6);
    expect(a.bytes).toBeLessThan(1.6e6);
    expect(Object.keys(a.variants).sort()).toEqual(["big5", "gbk", "html", "traditional", "utf-8"]);
    // Every file in the folder is a document: the marker lives beside it.
    expect(listInputs(join(base, "a")).length).toBe(a.files);
    const gbk = listInputs(join(base, "a")).find((i) => {
      const bytes = readFileSync(i.abs);
      return i.rel.endsWith(".txt") && !bytes.toString("utf8").includes("年") && iconv.decode(bytes, "gbk").includes("年");
    });
    expect(gbk).toBeDefined();
    rmSync(base, { recursive: true, force: true });
  });

  it("varies figures, years, places and order but keeps the text's shape", () => {
    const text = "宁波高新区2023年新增养老床位120张，发放补贴45.6万元。护理员56名。助餐3000人次。\n二、2024年工作思路";
    const out = varyText(text, mulberry32(7), ["宁波高新区"], ["嘉兴"]);
    expect(out).not.toBe(text);
    expect(out).toContain("嘉兴");
    expect(out).toMatch(/20\d\d年/);
    expect(out).toMatch(/\d{3}张/);
    expect(out).toMatch(/\d\d\.\d万元/);
    expect(out.split("\n")[1]).toMatch(/^二、20\d\d年工作思路$/);
    expect(varyText(text, mulberry32(7), ["宁波高新区"], ["嘉兴"])).toBe(out);
  });
});
