// The GB18030 / Big5 decoder gives iconv-lite's text for every input: valid, not valid, cut into pieces anywhere.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { dbcsDecoder, decodeDbcs } from "../../pipelines/ingest/dbcs.ts";

/** Bytes heavy in lead bytes, GB18030 four-byte parts and ASCII, with anything else now and then. */
function randomBytes(next: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const r = next() % 10;
    b[i] = r < 3 ? 0x20 + (next() % 0x60) : r < 6 ? 0x81 + (next() % 0x7e) : r < 8 ? 0x30 + (next() % 10) : next() % 256;
  }
  return b;
}

function inPieces(decoder: { write(b: Buffer): string; end(): string | undefined }, bytes: Buffer, piece: number): string {
  let text = "";
  for (let p = 0; p < bytes.length; p += piece) text += decoder.write(bytes.subarray(p, p + piece));
  return text + (decoder.end() ?? "");
}

describe("GB18030 and Big5 decoding", () => {
  for (const enc of ["gb18030", "big5"]) {
    it(`decodes ${enc} exactly as iconv-lite, whole and in pieces`, () => {
      let seed = 20240101;
      const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8;
      const real = iconv.encode("民政局堅持穩中求進，發放高齡津貼5598.07萬元；𠀀€", enc);
      for (let t = 0; t < 600; t++) {
        const bytes = t === 0 ? real : randomBytes(next, 1 + (next() % (t < 20 ? 3000 : 40)));
        expect(decodeDbcs(bytes, enc)).toBe(iconv.decode(bytes, enc));
        const piece = 1 + (next() % 9);
        expect(inPieces(dbcsDecoder(enc), bytes, piece)).toBe(inPieces(iconv.getDecoder(enc), bytes, piece));
      }
    });
  }

  it("drops what does not fit a piece's share, as iconv-lite does, when held bytes turn out not valid", () => {
    for (const enc of ["gb18030", "big5"]) {
      for (const tail of [[0x81], [0x81, 0x30], [0x81, 0x30, 0x81]]) {
        const pieces = [Buffer.from([0x41, ...tail]), Buffer.alloc(3, 0x41), Buffer.from([0xff])];
        const run = (d: { write(b: Buffer): string; end(): string | undefined }) => pieces.map((p) => d.write(p)).join("") + (d.end() ?? "");
        expect(run(dbcsDecoder(enc))).toBe(run(iconv.getDecoder(enc)));
      }
    }
  });
});
