// GB18030 and Big5 decoding exactly as iconv-lite's DBCSDecoder does it (the same trie walk over the same decode
// tables, the same replacement of bytes that are not valid, the same text for every input, pieces included), with
// the tables flattened into one array and kept derived (derived.ts): building iconv-lite's codecs, encode tables
// and all, took about a tenth of a second in every worker, and writing into one reused code-unit buffer is faster
// than its per-call Buffer. When iconv-lite's codec is not of the shape this mirrors, its own decoder is used.
import { createRequire } from "node:module";
import type IconvLite from "iconv-lite";
import { decodeSpace } from "../text/chars.ts";
import { derivedText, runningCodeHash } from "./derived.ts";

const require = createRequire(import.meta.url);
let iconvModule: typeof IconvLite | undefined;

/**
 * iconv-lite, loaded on first use: with the tables kept (see above) a worker needs it only for a UTF-16 file, which
 * most never meet, and loading it cost ~17 ms in every worker.
 */
export function iconvLite(): typeof IconvLite {
  return (iconvModule ??= require("iconv-lite") as typeof IconvLite);
}

/** iconv-lite's decode table values (dbcs-codec.js). */
const UNASSIGNED = -1;
const GB18030_CODE = -2;
const SEQ_START = -10;
const NODE_START = -1000;

interface DbcsTables {
  /** iconv-lite's decodeTables, node after node of 256 entries. */
  nodes: Int32Array;
  /** decodeTableSeq: values that stand for more than one code unit. */
  seqs: number[][];
  /** GB18030 four-byte ranges (gb18030.gbChars / uChars), empty for Big5. */
  gbChars: number[];
  uChars: number[];
  /** The code unit of iconv-lite's defaultCharUnicode. */
  defaultChar: string;
}

interface IconvDbcsCodec {
  decoder?: { name?: string };
  decodeTables?: number[][];
  decodeTableSeq?: number[][];
  gb18030?: { gbChars: number[]; uChars: number[] };
  defaultCharUnicode?: string;
}

/** The decode tables of iconv-lite's codec for `enc`, or null when it is not a DBCS codec of the shape mirrored here. */
function tablesFromIconv(enc: string): { nodes: number[]; seqs: number[][]; gbChars: number[]; uChars: number[]; defaultChar: string } | null {
  const codec = (iconvLite() as unknown as { getCodec(enc: string): IconvDbcsCodec }).getCodec(enc);
  const tables = codec.decodeTables;
  if (codec.decoder?.name !== "DBCSDecoder" || !Array.isArray(tables) || typeof codec.defaultCharUnicode !== "string") return null;
  if (!tables.every((t) => Array.isArray(t) && t.length === 256)) return null;
  return {
    nodes: tables.flat(),
    seqs: codec.decodeTableSeq ?? [],
    gbChars: codec.gb18030?.gbChars ?? [],
    uChars: codec.gb18030?.uChars ?? [],
    defaultChar: codec.defaultCharUnicode,
  };
}

const loaded = new Map<string, DbcsTables | null>();

function tablesFor(enc: string): DbcsTables | null {
  if (loaded.has(enc)) return loaded.get(enc)!;
  const derive = () => JSON.stringify(tablesFromIconv(enc));
  const code = runningCodeHash();
  let raw: ReturnType<typeof tablesFromIconv>;
  try {
    raw = JSON.parse(code ? derivedText(`iconv-${enc}-tables`, "iconv-lite", [code, enc], derive) : derive());
  } catch {
    raw = tablesFromIconv(enc);
  }
  const tables = raw && { ...raw, nodes: Int32Array.from(raw.nodes) };
  loaded.set(enc, tables);
  return tables;
}

/** Largest i with table[i] <= val (-1 if none): iconv-lite's findIdx. */
function findIdx(table: number[], val: number): number {
  if (table[0] > val) return -1;
  let l = 0;
  let r = table.length;
  while (l < r - 1) {
    const mid = l + ((r - l + 1) >> 1);
    if (table[mid] <= val) l = mid;
    else r = mid;
  }
  return l;
}

/** Byte k of a piece, negative k counting back into the bytes held from the pieces before. */
const byteAt = (buf: Uint8Array, prev: number[], k: number) => (k >= 0 ? buf[k] : prev[k + prev.length]);

// What decodePiece leaves: the trie node it ended in, where the last whole character ended, and how many code units
// it wrote. Module variables, not a returned object or fields of the decoder: storing into them
// needs no type feedback, and any operation after the loop that does had none in the code V8 compiles while the first
// large file is still in the loop (on-stack replacement), which was then thrown away and entered again on every call.
let pieceAt = 0;
let pieceSeqStart = 0;
let pieceLength = 0;

/**
 * The characters of one piece into `out` (at most buf.length code units: iconv-lite writes into a buffer of
 * buf.length code units and drops what does not fit, which can happen only when bytes held from the last piece turn
 * out not valid), starting in trie node `at` with the bytes `prev` held from the pieces before.
 */
function decodePiece(t: DbcsTables, buf: Uint8Array, prev: number[], at: number, out: Uint16Array): void {
  const { nodes, seqs, gbChars, uChars } = t;
  const defaultChar = t.defaultChar.charCodeAt(0);
  const cap = buf.length;
  const prevOffset = prev.length;
  let seqStart = -prevOffset;
  let j = 0;
  for (let i = 0; i < buf.length; i++) {
    const cur = i >= 0 ? buf[i] : prev[i + prevOffset];
    const v = nodes[at + cur];
    // the usual cases first, in small integers only: a BMP character, a byte that leads on to another node
    if (v >= 0 && v < 0x10000) {
      if (j < cap) out[j] = v;
      j++;
      at = 0;
      seqStart = i + 1;
      continue;
    }
    if (v <= NODE_START) {
      at = (NODE_START - v) << 8;
      continue;
    }
    let u: number = v;
    if (u >= 0) {
      // a character beyond the BMP
    } else if (u === UNASSIGNED) {
      u = defaultChar;
      i = seqStart; // skip one byte and parse again from the next
    } else if (u === GB18030_CODE) {
      const ptr = (byteAt(buf, prev, i - 3) - 0x81) * 12600 + (byteAt(buf, prev, i - 2) - 0x30) * 1260 + (byteAt(buf, prev, i - 1) - 0x81) * 10 + (cur - 0x30);
      const idx = findIdx(gbChars, ptr);
      u = uChars[idx] + ptr - gbChars[idx];
    } else if (u <= SEQ_START) {
      const seq = seqs[SEQ_START - u];
      for (let k = 0; k < seq.length - 1; k++) {
        if (j < cap) out[j] = seq[k];
        j++;
      }
      u = seq[seq.length - 1];
    } else throw new Error(`invalid decode table value ${u} at ${at >> 8}/${cur}`);
    if (u >= 0x10000) {
      u -= 0x10000;
      if (j < cap) out[j] = 0xd800 | (u >> 10);
      j++;
      u = 0xdc00 | (u & 0x3ff);
    }
    // a Uint16Array keeps the low 16 bits, as iconv-lite's two bytes do (NaN: 0 both)
    if (j < cap) out[j] = u;
    j++;
    at = 0;
    seqStart = i + 1;
  }
  pieceAt = at;
  pieceSeqStart = seqStart;
  pieceLength = j;
}

/** A streaming decoder: iconv-lite's DBCSDecoder over flat tables. */
class DbcsDecoder {
  /** The trie node the last piece ended in, as the offset of its 256 entries (0: the root). */
  private at = 0;
  private prev: number[] = [];
  constructor(private readonly t: DbcsTables) {}

  write(buf: Uint8Array): string {
    const cap = buf.length;
    const prev = this.prev;
    const prevOffset = prev.length;
    const out = decodeSpace(cap);
    decodePiece(this.t, buf, prev, this.at, out);
    this.at = pieceAt;
    const seqStart = pieceSeqStart;
    // The bytes of a character the piece ends in the middle of, kept for the next. Copied the same way whether there
    // are any or not (nearly always not): a loop run only then threw the optimised decoder away when it first ran.
    const tail = Array.from(buf.subarray(Math.max(0, seqStart)));
    this.prev = seqStart >= 0 ? tail : prev.slice(seqStart + prevOffset).concat(tail);
    return Buffer.from(out.buffer, 0, Math.min(pieceLength, cap) * 2).toString("ucs2");
  }

  end(): string {
    let ret = "";
    while (this.prev.length > 0) {
      ret += this.t.defaultChar;
      const bytes = this.prev.slice(1);
      this.prev = [];
      this.at = 0;
      if (bytes.length > 0) ret += this.write(Uint8Array.from(bytes));
    }
    this.prev = [];
    this.at = 0;
    return ret;
  }
}

export interface TextDecoderStream {
  write(bytes: Buffer): string;
  end(): string | undefined;
}

/** A streaming decoder for a DBCS encoding of iconv-lite ("gb18030", "big5"), giving the text iconv-lite's gives. */
export function dbcsDecoder(enc: string): TextDecoderStream {
  const tables = tablesFor(enc);
  return tables ? new DbcsDecoder(tables) : iconvLite().getDecoder(enc);
}

/** `bytes` decoded as iconv.decode(bytes, enc) decodes them. */
export function decodeDbcs(bytes: Buffer, enc: string): string {
  const decoder = dbcsDecoder(enc);
  const text = decoder.write(bytes);
  const trail = decoder.end();
  return trail ? text + trail : text;
}
