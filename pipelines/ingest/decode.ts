// Bytes → text. Tries, in order: BOMs, binary signatures, UTF-16 without BOM, strict UTF-8,
// then the Chinese legacy encodings (GB18030 covers GBK/GB2312; Big5), choosing between them by
// the share of very common characters each decoding yields (a real report ~0.98, the wrong code page
// or random bytes ~0.15–0.23), with chardet's verdict as the tie-breaker when the two are close.
import { isUtf8, transcode } from "node:buffer";
import { createRequire } from "node:module";
import type Chardet from "chardet";
import { dbcsDecoder, decodeDbcs, iconvLite } from "./dbcs.ts";

const require = createRequire(import.meta.url);
let chardetModule: typeof Chardet | undefined;
/** chardet, loaded on first use: only a legacy file whose two readings are close asks it. */
const chardet = () => (chardetModule ??= require("chardet") as typeof Chardet);

export interface Decoded {
  text: string;
  encoding: string;
  /** Set when there is no usable text at all. */
  fatal: string | null;
  problems: string[];
}

export interface DecodeReference {
  /** Magic byte signatures of binary formats: [hex prefix, human name]. */
  signatures: Array<[Uint8Array, string]>;
  /** Very common Chinese characters, simplified and traditional (scores a candidate decoding). */
  common: Set<number>;
}

const SAMPLE = 64 * 1024;

function startsWith(bytes: Uint8Array, sig: Uint8Array): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/**
 * Where a UTF-8 sequence first fails, or -1 when valid. `incompleteTail` tells whether the failure is only a cut-off last character.
 * With `stopWhenLegacy`, the count stops (`stopped`) as soon as the file can no longer be mostly UTF-8 (multi-byte characters
 * more than 20 times the invalid sequences): counts are then partial.
 */
function utf8Check(bytes: Uint8Array, stopWhenLegacy = false): { invalid: number; multibyte: number; firstBad: number; incompleteTail: boolean; stopped: boolean } {
  let invalid = 0;
  let multibyte = 0;
  let firstBad = -1;
  let incompleteTail = false;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else {
      invalid++;
      if (firstBad < 0) firstBad = i;
      i++;
      // every multi-byte character still to come takes at least two bytes
      if (stopWhenLegacy && multibyte + (n - i) / 2 <= 20 * invalid) return { invalid, multibyte, firstBad, incompleteTail, stopped: true };
      continue;
    }
    if (i + need >= n) {
      // not enough bytes left: check whether what is there is a valid prefix
      let ok = true;
      for (let k = i + 1; k < n; k++) if ((bytes[k] & 0xc0) !== 0x80) ok = false;
      if (ok) incompleteTail = true;
      else invalid++;
      if (firstBad < 0) firstBad = i;
      break;
    }
    let ok = true;
    for (let k = 1; k <= need; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok && need === 2) {
      const b1 = bytes[i + 1];
      if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) ok = false;
    }
    if (ok && need === 3) {
      const b1 = bytes[i + 1];
      if ((b === 0xf0 && b1 < 0x90) || (b === 0xf4 && b1 > 0x8f)) ok = false;
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      if (firstBad < 0) firstBad = i;
      i++;
      if (stopWhenLegacy && multibyte + (n - i) / 2 <= 20 * invalid) return { invalid, multibyte, firstBad, incompleteTail, stopped: true };
    }
  }
  return { invalid, multibyte, firstBad, incompleteTail, stopped: false };
}

function countChar(text: string, code: number): number {
  let c = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) c++;
  return c;
}

interface Score {
  common: number;
  bad: number;
  han: number;
}

const commonTables = new WeakMap<Set<number>, Uint8Array>();
/** `common` as a table indexed by code unit, built once per reference. */
function commonTable(common: Set<number>): Uint8Array {
  let t = commonTables.get(common);
  if (!t) {
    t = new Uint8Array(0x10000);
    for (const c of common) if (c >= 0 && c < 0x10000) t[c] = 1;
    commonTables.set(common, t);
  }
  return t;
}

/** Share of characters of a decoding that are very common Chinese characters, and the replacement-character count. */
function score(text: string, common: Set<number>): Score {
  return addScore({ common: 0, bad: 0, han: 0 }, text, Math.min(text.length, SAMPLE), commonTable(common));
}

function addScore(s: Score, text: string, n: number, common: Uint8Array): Score {
  countScore(text, n, common);
  s.common += scoredCommon;
  s.bad += scoredBad;
  s.han += scoredHan;
  return s;
}

// countScore's counts: module variables for the reason given at byteStats.
let scoredCommon = 0;
let scoredBad = 0;
let scoredHan = 0;

/** The counts of addScore, left in scoredCommon, scoredBad and scoredHan. */
function countScore(text: string, n: number, common: Uint8Array): void {
  let c = 0;
  let bad = 0;
  let han = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) bad++;
    else if (code >= 0x4e00 && code <= 0x9fff) {
      han++;
      c += common[code];
    } else if (code >= 0xe000 && code <= 0xf8ff) bad++; // private use: a sign of the wrong code page
  }
  scoredCommon = c;
  scoredBad = bad;
  scoredHan = han;
}

const ratio = (s: Score) => (s.han ? (s.common - 5 * s.bad) / s.han : 0);

/**
 * `sample` decoded as `enc` and scored, or null as soon as its ratio can no longer come within 0.2 of `leader`'s
 * (it would then lose, with no chardet tie-break). Decoded in pieces by one streaming decoder, which gives the same
 * text as decoding at once; at most 65536 bytes, so the text is under SAMPLE characters and all of it is scored.
 */
function decodeUnlessBeaten(sample: Buffer, enc: string, common: Set<number>, leader: number): { text: string; s: Score } | null {
  const table = commonTable(common);
  const decoder = dbcsDecoder(enc);
  const s: Score = { common: 0, bad: 0, han: 0 };
  const piece = Math.max(1024, sample.length >> 4);
  const parts: string[] = [];
  for (let p = 0; p < sample.length; p += piece) {
    const part = decoder.write(sample.subarray(p, p + piece));
    parts.push(part);
    addScore(s, part, part.length, table);
    const rest = sample.length - (p + piece);
    if (rest <= 0) break;
    // best case for the rest: every two bytes (and the few held back in the decoder) one more common character
    const more = Math.ceil(rest / 2) + 4;
    const best = Math.max(0, (s.common - 5 * s.bad + more) / (s.han + more));
    if (leader - best > 0.2 + 1e-9) return null;
  }
  const tail = decoder.end();
  if (tail) {
    parts.push(tail);
    addScore(s, tail, tail.length, table);
  }
  return { text: parts.join(""), s };
}

/** What the careful path counts in the first SAMPLE bytes: control and NUL bytes, and the UTF-16 parity counts. */
interface ByteStats {
  /** Control bytes that never occur in text (NUL excluded: counted separately), NULs, bytes looked at. */
  ctrl: number;
  nul: number;
  n: number;
  /** Over the first n & ~1 bytes, per parity: bytes typical of the high byte of Chinese UTF-16, and zero bytes. */
  evenHigh: number;
  oddHigh: number;
  evenZero: number;
  oddZero: number;
}

/** 1 for control bytes that never occur in text (NUL, tab, line breaks, form feed and escape are not). */
const CONTROL = new Uint8Array(256);
for (let b = 1; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) CONTROL[b] = 1;
/** 1 for bytes typical of the high byte of a Chinese UTF-16 code unit: zero, CJK (0x4E–0x9F), punctuation (0x30), full width (0xFF), 0x20. */
const UTF16_HIGH = new Uint8Array(256);
for (let b = 0; b < 256; b++) if (b === 0 || (b >= 0x4e && b <= 0x9f) || b === 0x30 || b === 0xff || b === 0x20) UTF16_HIGH[b] = 1;

// byteStats' counts, as countBytes leaves them. Module variables because storing into them needs no type feedback: any
// operation after a long loop that does (a property store, arithmetic, a call) had none in the code V8 compiles while
// the first large file is still in the loop (on-stack replacement), so that code was thrown away at the end of every
// later call and entered again at the next (in one worker, ~600 times and ~0.4 s of its 10 s per 100 MB).
let countedCtrl = 0;
let countedEvenHigh = 0;
let countedOddHigh = 0;
let countedEvenZero = 0;
let countedOddZero = 0;

/** The loop of byteStats over the first `pairsEnd` bytes (even): nothing after it but stores to module variables. */
function countBytes(bytes: Uint8Array, pairsEnd: number): void {
  let ctrl = 0;
  let evenHigh = 0;
  let oddHigh = 0;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < pairsEnd; i += 2) {
    const e = bytes[i];
    const o = bytes[i + 1];
    ctrl += CONTROL[e] + CONTROL[o];
    evenHigh += UTF16_HIGH[e];
    oddHigh += UTF16_HIGH[o];
    if (e === 0) evenZero++;
    if (o === 0) oddZero++;
  }
  countedCtrl = ctrl;
  countedEvenHigh = evenHigh;
  countedOddHigh = oddHigh;
  countedEvenZero = evenZero;
  countedOddZero = oddZero;
}

/** One pass of table look-ups over the first SAMPLE bytes for both the control-byte share and the UTF-16 sniff. */
function byteStats(bytes: Uint8Array): ByteStats {
  const n = Math.min(bytes.length, SAMPLE);
  const pairsEnd = n & ~1;
  countBytes(bytes, pairsEnd);
  let ctrl = countedCtrl;
  let nul = countedEvenZero + countedOddZero;
  if (pairsEnd < n) {
    const b = bytes[pairsEnd];
    ctrl += CONTROL[b];
    if (b === 0) nul++;
  }
  return { ctrl, nul, n, evenHigh: countedEvenHigh, oddHigh: countedOddHigh, evenZero: countedEvenZero, oddZero: countedOddZero };
}

/** UTF-16 without BOM: one byte parity is mostly CJK high bytes (0x4E–0x9F), punctuation pages or zero; the other is not. */
function sniffUtf16(st: ByteStats): "utf-16le" | "utf-16be" | null {
  const n = st.n & ~1;
  if (n < 8) return null;
  const { evenHigh, oddHigh, evenZero, oddZero } = st;
  const pairs = n / 2;
  const evenShare = evenHigh / pairs;
  const oddShare = oddHigh / pairs;
  // ASCII-heavy UTF-16: zeros on one side only
  if (oddZero / pairs > 0.3 && evenZero / pairs < 0.05) return "utf-16le";
  if (evenZero / pairs > 0.3 && oddZero / pairs < 0.05) return "utf-16be";
  if (oddShare > 0.9 && evenShare < 0.6 && (oddZero > 0 || evenShare < 0.45)) return "utf-16le";
  if (evenShare > 0.9 && oddShare < 0.6 && (evenZero > 0 || oddShare < 0.45)) return "utf-16be";
  return null;
}

function done(text: string, encoding: string, problems: string[] = []): Decoded {
  return { text, encoding, fatal: null, problems };
}

function fatal(message: string, encoding = ""): Decoded {
  return { text: "", encoding, fatal: message, problems: [] };
}

const utf8 = new TextDecoder("utf-8");

/**
 * The text of valid UTF-8 that has a multi-byte character and no control or NUL byte in its first SAMPLE bytes (what
 * byteStats counts), else null. Node's own UTF-8 check (simdutf) and ICU's transcoding to UTF-16 do it natively: as
 * fast as the JavaScript decoding loop this replaced once that was optimised (~450 MB/s), with nothing to warm up in
 * each worker, and ~8× as fast as toString("utf8") or TextDecoder, which build the string through V8's slower path.
 */
function decodeCleanUtf8(bytes: Uint8Array): string | null {
  const n = bytes.length;
  if (n === 0 || !isUtf8(bytes)) return null;
  const head = Math.min(n, SAMPLE);
  for (let i = 0; i < head; i++) {
    const b = bytes[i];
    // NUL and control bytes (as byteStats counts them) send the file to the careful path
    if (b < 0x20 && (b === 0 || CONTROL[b] === 1)) return null;
  }
  const units = transcode(bytes, "utf8", "ucs2");
  // no multi-byte character: ASCII, which the careful path names as such
  if (units.length === 2 * n) return null;
  return units.toString("ucs2");
}

export function decodeBytes(bytes: Uint8Array, ref: DecodeReference): Decoded {
  if (bytes.length === 0) return fatal("empty file (0 bytes)");
  for (const [sig, name] of ref.signatures) {
    if (startsWith(bytes, sig)) return fatal(`binary file: looks like ${name}, not text (convert it to text first)`, "binary");
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const chk = utf8Check(bytes.subarray(3));
    const problems: string[] = [];
    if (chk.invalid) problems.push(`${chk.invalid} invalid UTF-8 byte sequence(s) replaced with �`);
    if (chk.incompleteTail) problems.push("file ends in the middle of a UTF-8 character (truncated?)");
    const end = chk.incompleteTail ? trimIncomplete(bytes) : bytes.length;
    return done(utf8.decode(bytes.subarray(3, end)), "utf-8-bom", problems);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(buf.subarray(2), "utf-16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(buf.subarray(2), "utf-16be");

  // Fast path, most files: valid UTF-8 with multi-byte characters and no control bytes is UTF-8.
  const fast = decodeCleanUtf8(bytes);
  if (fast !== null) return done(fast, "utf-8");
  const ctl = byteStats(bytes);
  const chk = utf8Check(bytes, true);

  const sniff = sniffUtf16(ctl);
  if (sniff) {
    const out = utf16(buf, sniff);
    const s = score(out.text, ref.common);
    // accept only when the result reads as Chinese or ASCII, not as a scatter of rare CJK/private-use code points
    if (s.bad === 0 && (s.han === 0 || s.common / s.han > 0.5)) return out;
  }

  if (ctl.ctrl / ctl.n > 0.05 || ctl.nul / ctl.n > 0.3) {
    // Binary unless it is mostly text with some NULs sprinkled in (handled in normalisation).
    const textLike = chk.invalid === 0 || chk.multibyte > 20 * chk.invalid;
    if (!textLike || ctl.ctrl / ctl.n > 0.05 || ctl.nul / ctl.n > 0.5) {
      return fatal(`binary data: ${Math.round((100 * (ctl.ctrl + ctl.nul)) / ctl.n)}% control/NUL bytes, not a text file`, "binary");
    }
  }

  if (chk.invalid === 0) {
    const problems: string[] = [];
    let end = bytes.length;
    if (chk.incompleteTail) {
      problems.push("file ends in the middle of a UTF-8 character (truncated?); the partial character was dropped");
      end = trimIncomplete(bytes);
    }
    return done(utf8.decode(bytes.subarray(0, end)), chk.multibyte ? "utf-8" : "ascii", problems);
  }
  if (chk.multibyte > 20 * chk.invalid) {
    const problems = [`${chk.invalid} invalid UTF-8 byte sequence(s) replaced with �`];
    let end = bytes.length;
    if (chk.incompleteTail) {
      problems.push("file ends in the middle of a UTF-8 character (truncated?)");
      end = trimIncomplete(bytes);
    }
    return done(utf8.decode(bytes.subarray(0, end)), "utf-8", problems);
  }

  // Legacy Chinese encodings: decode a sample both ways and keep the one that reads as common Chinese.
  // chardet (slow: ~15 ms a file) is only asked when the two readings are close.
  const sample = buf.subarray(0, Math.min(buf.length, SAMPLE));
  const gbText = decodeDbcs(sample, "gb18030");
  const gb = { enc: "gb18030", text: gbText, s: score(gbText, ref.common) };
  // Big5 is decoded only until it clearly loses to GB18030 (most legacy files here are GBK)
  const big5 = decodeUnlessBeaten(sample, "big5", ref.common, ratio(gb.s));
  const candidates = big5 ? [gb, { enc: "big5", ...big5 }] : [gb];
  candidates.sort((a, b) => ratio(b.s) - ratio(a.s));
  let guess: string | null = null;
  if (candidates.length > 1 && ratio(candidates[0].s) - ratio(candidates[1].s) < 0.2) {
    try {
      guess = chardet().detect(bytes.subarray(0, Math.min(bytes.length, 16 * 1024)));
    } catch {
      guess = null;
    }
    const named = guess ? guess.toLowerCase().replace(/[^a-z0-9]/g, "") : "";
    const pick = candidates.find((c) => c.enc === named);
    if (pick && ratio(pick.s) >= 0.5) candidates.sort((a, b) => (a === pick ? -1 : b === pick ? 1 : 0));
  }
  const best = candidates[0];
  if (best.s.han === 0 || best.s.common < Math.max(1, best.s.han * 0.5)) {
    return fatal(
      `undecodable: not valid UTF-8 (${chk.stopped ? utf8Check(bytes).invalid : chk.invalid} bad byte sequences) and not readable as GB18030 or Big5${guess ? ` (detector guessed ${guess})` : ""}`,
      guess ? guess.toLowerCase() : "unknown",
    );
  }
  const text = buf.length === sample.length ? best.text : decodeDbcs(buf, best.enc);
  const bad = countChar(text, 0xfffd);
  const problems: string[] = [];
  if (bad) problems.push(`${bad} byte sequence(s) not valid ${best.enc.toUpperCase()} replaced with �`);
  return done(text, best.enc, problems);
}

function trimIncomplete(bytes: Uint8Array): number {
  let end = bytes.length;
  let k = 0;
  while (end > 0 && k < 3 && (bytes[end - 1] & 0xc0) === 0x80) {
    end--;
    k++;
  }
  if (end > 0 && bytes[end - 1] >= 0xc0) end--;
  return end;
}

function utf16(buf: Buffer, enc: "utf-16le" | "utf-16be"): Decoded {
  const problems: string[] = [];
  let b = buf;
  if (b.length % 2 === 1) {
    problems.push(`odd number of bytes for ${enc.toUpperCase()}: the file is truncated; the last byte was dropped`);
    b = b.subarray(0, b.length - 1);
  }
  const text = iconvLite().decode(b, enc);
  const bad = countChar(text, 0xfffd);
  if (bad) problems.push(`${bad} invalid ${enc.toUpperCase()} sequence(s) replaced with �`);
  return done(text, enc, problems);
}
