// Inputs that are not a clean report: each gets a status and a message a person understands; nothing throws.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ingest, seedBytes, seedText } from "./helpers.ts";

/** Deterministic pseudo-random bytes (xorshift), so a failure can be replayed. */
function randomBytes(n: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

describe("bad input", () => {
  it("rejects an empty file", () => {
    const out = ingest(new Uint8Array(0));
    expect(out.status).toBe("rejected");
    expect(out.clean).toBeNull();
    expect(out.problems.join()).toMatch(/empty file/);
  });

  it("rejects a file of whitespace only", () => {
    const out = ingest(Buffer.from(" \n\t\r\n\u3000\u3000\n  "));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/only whitespace/);
  });

  it("rejects random binary data", () => {
    const out = ingest(randomBytes(20000));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/binary|undecodable/);
  });

  it("rejects high bytes that decode as no encoding with common Chinese", () => {
    const bytes = randomBytes(20000, 777).map((b) => 0x80 | b);
    const out = ingest(bytes);
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/undecodable|not valid UTF-8|no Chinese/);
  });

  it("rejects a PDF and names what it is", () => {
    const out = ingest(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(randomBytes(4000))]));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/PDF/);
  });

  it("rejects a file of NUL bytes", () => {
    const out = ingest(new Uint8Array(5000));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/binary|NUL/);
  });

  it("cleans a report sprinkled with NUL bytes, with a warning that counts them", () => {
    const src = seedBytes(3);
    const parts: Buffer[] = [];
    for (let i = 0; i < src.length; i += 500) parts.push(src.subarray(i, i + 500), Buffer.from([0]));
    const out = ingest(Buffer.concat(parts));
    expect(out.status).toBe("warning");
    expect(out.problems.join()).toMatch(/\d+ NUL character\(s\) removed/);
    expect(out.clean!.text).toContain("全年完成福彩销售23.6亿元");
    expect(out.clean!.text).not.toContain("\u0000");
  });

  it("warns about a UTF-8 file cut in the middle of a character and keeps the rest", () => {
    const src = seedBytes(2);
    const out = ingest(src.subarray(0, src.length - 2)); // the last character is 3 bytes: 1 left
    expect(out.status).toBe("warning");
    expect(out.encoding).toBe("utf-8");
    expect(out.problems.join()).toMatch(/truncated/);
    expect(out.clean!.text).toContain("发放人数257人次");
  });

  it("warns about invalid UTF-8 sequences inside an otherwise UTF-8 file", () => {
    const src = Buffer.from(seedBytes(0));
    src[5000] = 0xff;
    const out = ingest(src);
    expect(out.status).toBe("warning");
    expect(out.encoding).toBe("utf-8");
    expect(out.problems.join()).toMatch(/invalid UTF-8/);
  });

  it("rejects a text with no Chinese in it", () => {
    const out = ingest(Buffer.from("Lorem ipsum dolor sit amet, 2023: 120 beds, 35%.\n".repeat(50)));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/no Chinese text/);
  });

  it("warns about one 10 MB line, and still cleans it quickly", () => {
    const line = seedText(2).replace(/\n/g, "");
    const big = Buffer.from(line.repeat(Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(line))));
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const t0 = Date.now();
    const out = ingest(big);
    const ms = Date.now() - t0;
    expect(out.status).toBe("warning");
    expect(out.problems.join()).toMatch(/one line of [\d,]+ characters/);
    expect(out.clean!.text.length).toBeGreaterThan(3_000_000);
    expect(ms).toBeLessThan(10_000);
  });

  it("rejects a sharing-site page that holds nothing but furniture", () => {
    const text = ["上传人:s9****2 文档编号:432594144 上传时间:2023-11-04", "第1页 / 共25页", "点击查看更多>>", "展开阅读全文", "电脑版 |金锄头文库版权所有"].join("\n");
    const out = ingest(Buffer.from(text));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/no report text left|no Chinese text/);
  });

  it("warns about a UTF-16 file with an odd number of bytes (cut off)", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(seedText(2), "utf-16le")]);
    const out = ingest(bytes.subarray(0, bytes.length - 1));
    expect(out.status).toBe("warning");
    expect(out.encoding).toBe("utf-16le");
    expect(out.problems.join()).toMatch(/odd number of bytes.*truncated/);
  });

  it("warns about a GBK file whose last character is cut in half", () => {
    const bytes = iconv.encode(`${seedText(3).trimEnd()}。`, "gbk"); // ends in a two-byte character
    const out = ingest(bytes.subarray(0, bytes.length - 1));
    expect(out.status).toBe("warning");
    expect(out.encoding).toBe("gb18030");
    expect(out.problems.join()).toMatch(/not valid GB18030/);
    expect(out.clean!.text).toContain("全年完成福彩销售23.6亿元");
  });

  it("rejects a file too large to be one report without reading it", () => {
    const out = ingest(new Uint8Array(65 * 1024 * 1024).fill(0x41));
    expect(out.status).toBe("rejected");
    expect(out.problems.join()).toMatch(/too large for one report: 65 MB/);
  });
});

