// Traditional → simplified with opencc-js, keeping the offset map.
// The converter is built once per worker. Conversion runs line by line; when a line's length
// changes (a phrase mapping of different length), the line is converted sentence by sentence and
// then character by character, so every output character still maps to the character it came from.
// the traditional → simplified builds only: the full ones carry simplified → traditional dictionaries too (2 MB more
// for every worker to load)
import * as OpenCC from "opencc-js/t2cn";
import * as Preset from "opencc-js/preset/t2cn";
import { derivedText, runningCodeHash } from "./derived.ts";
import { builder, type Mapped } from "./offsets.ts";
import { codeFlags, unitReader } from "../text/chars.ts";
import type { Script } from "../types.ts";

export type Convert = (s: string) => string;

/**
 * Taiwan-standard traditional → mainland simplified (opencc 'tw' → 'cn'), plus the few Hong Kong variant characters
 * that conversion leaves alone (衞, 敍, 枱 …: single-character entries of opencc's HKVariantsRev whose standard form
 * does convert), so Big5 text from Hong Kong comes out simplified too. Built once per worker.
 */
export function makeConverter(): Convert {
  const sample = probeSample();
  const tw2s = fastTw2s();
  const verdict = tw2s ? probeVerdict(tw2s, sample) : null;
  const tw2cn: Convert = tw2s && verdict?.fastAgrees ? (s) => tw2s(s, null) : OpenCC.Converter({ from: "tw", to: "cn" });
  // the fast converter's fixes came with its verdict; opencc's own are found here
  const fixes = verdict?.fastAgrees ? new Map(verdict.fixes) : hkFixes(tw2cn);
  if (!fixes.size) return tw2cn;
  const applyFixes = fixer(fixes);
  const withFixes = (s: string) => applyFixes(tw2cn(s));
  if (!tw2s || !verdict?.fixedAgrees) return withFixes;
  const fix = fixTable(fixes);
  const fast = (s: string) => tw2s(s, fix);
  if (tw2s.lineLocal) {
    lineLocal.add(fast);
    if (verdict.traditional) probedTables.set(fast, codeFlags(verdict.traditional));
  }
  return fast;
}

/** Single-character entries of opencc's HKVariantsRev whose standard form `tw2cn` converts and the variant not. */
function hkFixes(tw2cn: Convert): Map<string, string> {
  const fixes = new Map<string, string>();
  const hk = (Preset.from as Record<string, ReadonlyArray<ReadonlyArray<unknown>>>).hk ?? [];
  for (const group of hk) {
    for (const dict of group) {
      if (typeof dict !== "string") continue;
      for (const entry of dict.split("|")) {
        const [variant, standard] = entry.split(" ");
        if (!variant || !standard || variant.length !== 1 || standard.length !== 1) continue;
        const simplified = tw2cn(standard);
        if (simplified.length === 1 && tw2cn(variant) !== simplified) fixes.set(variant, simplified);
      }
    }
  }
  return fixes;
}

/** The fixes applied to a converted text. */
function fixer(fixes: Map<string, string>): (s: string) => string {
  const re = new RegExp(`[${[...fixes.keys()].join("")}]`, "g");
  return (s) => s.replace(re, (ch: string) => fixes.get(ch) ?? ch);
}

/** The fixes as a table applied to every output code unit of the last step: the same as fixer's replace. */
function fixTable(fixes: Map<string, string>): Uint16Array {
  const fix = IDENTITY.slice();
  for (const [variant, simplified] of fixes) fix[variant.charCodeAt(0)] = simplified.charCodeAt(0);
  return fix;
}

/** What checking the fast converter against opencc's own on the probe sample found. */
interface ProbeVerdict {
  /** tw2s without the fixes converts the sample as opencc does. */
  fastAgrees: boolean;
  /** hkFixes of tw2s without the fixes, in order (when it agrees). */
  fixes: Array<[string, string]>;
  /** …and with them, as opencc followed by applyFixes. */
  fixedAgrees: boolean;
  /** The characters traditionalTable marks, read off that conversion (null: not line-local, see tableFromProbe). */
  traditional: number[] | null;
}

/**
 * The checks, made once for this pipeline code, opencc-js and sample and kept (derived.ts): converting the sample
 * twice (and the Hong Kong variants one by one) took a tenth of a second per worker, every worker coming to the same
 * verdict.
 */
function probeVerdict(tw2s: FastTw2s, sample: string): ProbeVerdict {
  const code = runningCodeHash();
  const check = (): ProbeVerdict => {
    const probeOut = tw2s(sample, null);
    if (probeOut !== openccProbeOut(sample)) return { fastAgrees: false, fixes: [], fixedAgrees: false, traditional: null };
    const fixes = hkFixes((s) => tw2s(s, null));
    const agrees = { fastAgrees: true, fixes: [...fixes] };
    if (!fixes.size) return { ...agrees, fixedAgrees: false, traditional: null };
    const fastOut = tw2s(sample, fixTable(fixes));
    if (fastOut !== fixer(fixes)(probeOut)) return { ...agrees, fixedAgrees: false, traditional: null };
    return { ...agrees, fixedAgrees: true, traditional: tw2s.lineLocal ? tableFromProbe(fastOut) : null };
  };
  if (!code) return check();
  try {
    const kept = JSON.parse(derivedText("opencc-tw2cn-verdict", "opencc-js", [code, sample], () => JSON.stringify(check()))) as ProbeVerdict;
    if (typeof kept.fastAgrees === "boolean" && typeof kept.fixedAgrees === "boolean" && Array.isArray(kept.fixes)) return kept;
  } catch {
    // derived again below
  }
  return check();
}

/**
 * Converters known to convert each line on its own: no key holds a line break, and no ideographic description
 * sequence is stepped over (checked per text), so converting a whole text equals converting line by line.
 */
const lineLocal = new WeakSet<Convert>();

/** Is this the fast converter (not opencc's own, which makeConverter falls back to when the fast one disagrees)? */
export function isFastConverter(convert: Convert): boolean {
  return lineLocal.has(convert);
}

// A faster run of opencc's own tw2s tries (normalise → segment → convert each segment through the chain): the same
// longest-match walks as opencc-js Trie.convert/segment. A character that starts no key of two or more characters, or
// is not followed by a character that can continue one, is converted through a flat table; the trie is walked only
// at the others. All steps read and write code-unit buffers: no segment is sliced into a string, and the output
// becomes a string once. For the usual two-step chain, a character every step takes on its own goes through all of them
// in one look-up (fusedRun), so most of the text is read once instead of once per step. Checked against opencc's
// converter on a probe sample (once for this code and opencc-js: probeVerdict); on any difference it is not used.
type Node = Map<number, Node> & { trie_val?: string };
interface FastTrie {
  root: Node;
  /**
   * Per code unit: 0 = no key of two or more characters starts with it, use `unit`; 1 = some do: walk the trie when the
   * next code unit may continue one (`pairs`), else as 0; 2 = always walk (surrogates, ideographic description
   * characters, a key whose value is not one BMP code unit).
   */
  kind: Uint8Array;
  /** What a code unit of kind 0 or 1 becomes on its own (itself when it is no key), `fix` applied. */
  unit: Uint16Array;
  /** 1 where a code unit of kind 0 or 1 is a key on its own. */
  single: Uint8Array;
  /** Bit set of hashed (first, second) code-unit pairs of the keys of two or more characters; false positives only walk. */
  pairs: Uint8Array;
  /** pairBit's shift for this set's size. */
  pairShift: number;
  /** Applied to every output code unit (identity but for the last step). */
  fix: Uint16Array;
  /** Output is at most this many code units per input code unit (the largest value length / key length). */
  maxRatio: number;
  /** Does some key contain a line break (then a match could run across lines)? */
  newlineInKeys: boolean;
}

const isIds = (c: number) => c >= 0x2ff0 && c <= 0x2fff;
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
/** The top `32 - shift` bits of a hash of two code units: a bit of a pair set. */
const pairBit = (c: number, d: number, shift: number) => Math.imul(c ^ (d << 16), 0x9e3779b1) >>> shift;
const IDENTITY = new Uint16Array(0x10000).map((_, c) => c);

function fastTrie(group: ReadonlyArray<unknown>): FastTrie {
  const t = new OpenCC.Trie();
  t.loadDictGroup(group as Parameters<OpenCC.Trie["loadDictGroup"]>[0]);
  const root = (t as unknown as { map: Node }).map;
  const kind = new Uint8Array(0x10000);
  const unit = IDENTITY.slice();
  const single = new Uint8Array(0x10000);
  const pairList: Array<[number, number]> = [];
  // surrogates and ideographic description characters (isSurrogate, isIds), filled natively
  kind.fill(2, 0xd800, 0xe000);
  kind.fill(2, 0x2ff0, 0x3000);
  for (const [cp, node] of root) {
    if (cp >= 0x10000 || kind[cp] === 2) continue;
    const v = node.trie_val;
    if (v !== undefined && (v.length !== 1 || isSurrogate(v.charCodeAt(0)))) {
      kind[cp] = 2;
      continue;
    }
    if (v !== undefined) {
      unit[cp] = v.charCodeAt(0);
      single[cp] = 1;
    }
    if (node.size > 0) {
      kind[cp] = 1;
      for (const next of node.keys()) {
        // the code unit that follows cp in the text: a supplementary character shows its high surrogate
        const d = next > 0xffff ? String.fromCodePoint(next).charCodeAt(0) : next;
        pairList.push([cp, d]);
      }
    }
  }
  // about 32 bits per pair (a few % false positives), at most 2^20: a small set stays in the fastest cache
  let bits = 10;
  while (bits < 20 && 1 << bits < pairList.length * 32) bits++;
  const pairShift = 32 - bits;
  const pairs = new Uint8Array(1 << (bits - 3));
  for (const [c, d] of pairList) {
    const h = pairBit(c, d, pairShift);
    pairs[h >>> 3] |= 1 << (h & 7);
  }
  let maxRatio = 1;
  let newlineInKeys = false;
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!; // depth: key length in code units
    if (node.trie_val !== undefined && depth > 0) maxRatio = Math.max(maxRatio, Math.ceil(node.trie_val.length / depth));
    for (const [cp, child] of node) {
      if (cp === 0x0a) newlineInKeys = true;
      stack.push([child, depth + (cp > 0xffff ? 2 : 1)]);
    }
  }
  return { root, kind, unit, single, pairs, pairShift, fix: IDENTITY, maxRatio, newlineInKeys };
}

/** The same trie with `fix` applied to all it outputs. */
function withFix(t: FastTrie, fix: Uint16Array): FastTrie {
  const unit = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) unit[c] = fix[t.unit[c]];
  return { ...t, unit, fix };
}

// The walks below read code units from a Uint16Array and stop at `n`, the end of the string they stand for (a piece
// of the text): the code point at i is what s.codePointAt(i) gives for that string. When `cut` is true, n is not the
// end of that string but an end imposed on it (see fusedRun), and any step whose outcome could change with what lies
// beyond n sets `cutReached`.
let cutReached = false;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
function cpAt(u: Uint16Array, i: number, n: number, cut: boolean): number {
  const c = u[i];
  if (isHigh(c)) {
    if (i + 1 < n) {
      const d = u[i + 1];
      if (isLow(d)) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
    } else if (cut) cutReached = true;
  }
  return c;
}

/** opencc-js's step over an unmatched character: an ideographic description sequence (⿰氵每) is one unit. */
function unitLen(u: Uint16Array, i: number, n: number, cut: boolean): number {
  return cpAt(u, i, n, cut) > 0xffff ? 2 : 1;
}
function idsEnd(u: Uint16Array, at: number, n: number, cut: boolean): number {
  const c = cpAt(u, at, n, cut);
  const arity = c >= 0x2ff0 && c <= 0x2ff1 ? 2 : c >= 0x2ff2 && c <= 0x2ff3 ? 3 : c >= 0x2ff4 && c <= 0x2fff ? 2 : 0;
  if (arity === 0) return 0;
  let i = at + unitLen(u, at, n, cut);
  for (let k = 0; k < arity; k++) {
    if (i >= n) {
      if (cut) cutReached = true;
      return 0;
    }
    i = idsEnd(u, i, n, cut) || i + unitLen(u, i, n, cut);
  }
  return i;
}
function step(u: Uint16Array, i: number, n: number, cut: boolean): number {
  const e = idsEnd(u, i, n, cut);
  return e > i ? e - i : unitLen(u, i, n, cut);
}

const pairHit = (t: FastTrie, a: number, b: number) => {
  const h = pairBit(a, b, t.pairShift);
  return (t.pairs[h >>> 3] & (1 << (h & 7))) !== 0;
};

/** Must the trie be walked at i (kind 1: can the next code unit continue a key)? */
function mustWalk(t: FastTrie, k: number, u: Uint16Array, n: number, i: number, cut: boolean): boolean {
  if (k === 2) return true;
  if (i + 1 >= n) {
    if (cut) cutReached = true;
    return false;
  }
  return pairHit(t, u[i], u[i + 1]);
}

const match = { end: 0, value: "" };
/** The longest key starting at `i` (end 0: none), as opencc-js Trie.matchPrefix. Returns a shared object. */
function longestKey(root: Node, u: Uint16Array, i: number, n: number, cut: boolean): { end: number; value: string } {
  let node = root;
  let a = i;
  match.end = 0;
  for (;;) {
    if (a >= n) {
      // a longer key might go on past the cut
      if (cut && node.size > 0) cutReached = true;
      break;
    }
    const cp = cpAt(u, a, n, cut);
    a += cp > 0xffff ? 2 : 1;
    const next = node.get(cp);
    if (next === undefined) break;
    node = next;
    const v = next.trie_val;
    if (v !== undefined) {
      match.end = a;
      match.value = v;
    }
  }
  return match;
}

/** Trie.segment's next piece of src[i, n): the end of the key matched at i, or of the unmatched run starting there. */
function nextPiece(t: FastTrie, u: Uint16Array, i: number, n: number, cut: boolean): number {
  const { kind, single } = t;
  let r = i;
  while (r < n) {
    const c = u[r];
    const k = kind[c];
    let end = 0;
    if (k !== 0 && mustWalk(t, k, u, n, r, cut)) end = longestKey(t.root, u, r, n, cut).end;
    else if (single[c] !== 0) end = r + 1;
    if (end > 0) return r > i ? r : end;
    r += k === 2 ? step(u, r, n, cut) : 1;
  }
  return n;
}

/**
 * Trie.convert of the string src[from, to), every output code unit passed through the trie's `fix`, written to dst
 * from `o`; returns the new end. dst must have room for (to - from) × t.maxRatio more units.
 */
function convertUnits(t: FastTrie, src: Uint16Array, from: number, to: number, dst: Uint16Array, o: number, cut: boolean): number {
  const { kind, unit, fix } = t;
  let i = from;
  while (i < to) {
    const c = src[i];
    const k = kind[c];
    if (k === 0 || !mustWalk(t, k, src, to, i, cut)) {
      dst[o++] = unit[c];
      i++;
      continue;
    }
    const m = longestKey(t.root, src, i, to, cut);
    if (m.end > 0) {
      const v = m.value;
      for (let q = 0; q < v.length; q++) dst[o++] = fix[v.charCodeAt(q)];
      i = m.end;
    } else {
      const e = i + step(src, i, to, cut);
      for (; i < e; i++) dst[o++] = fix[src[i]];
    }
  }
  return o;
}

/** May Trie.convert change src[0, n)? */
function changesAny(t: FastTrie, src: Uint16Array, n: number): boolean {
  const { kind, unit } = t;
  for (let i = 0; i < n; i++) {
    const c = src[i];
    const k = kind[c];
    if (unit[c] !== c || (k !== 0 && mustWalk(t, k, src, n, i, false))) return true;
  }
  return false;
}

/** A growable code-unit buffer, reused across calls. */
class Units {
  buf = new Uint16Array(4096);
  /** The buffer, with room for at least `n` units (contents kept up to `keep`). */
  room(n: number, keep = 0): Uint16Array {
    if (this.buf.length < n) {
      const next = new Uint16Array(Math.max(n, this.buf.length * 2));
      next.set(this.buf.subarray(0, keep));
      this.buf = next;
    }
    return this.buf;
  }
}
/**
 * For the usual chain of two steps (variants, then t→s): a character that no step can do more with than convert on
 * its own is converted in one table look-up, all steps at once; the steps are run one by one only around the others.
 */
interface Fused {
  seg: FastTrie;
  first: FastTrie;
  last: FastTrie;
  /** What a character becomes through both steps on its own: last.unit[first.unit[c]]. */
  both: Uint16Array;
  /**
   * 0: on its own at every step whatever follows; 1: never taken on its own here (it may start a segment key, or is
   * an ideographic description character, a surrogate …); 2 / 4 / 8: on its own unless the segmentation / first /
   * last step may continue a key with what follows (their pair sets tell).
   */
  how: Uint8Array;
}

function fusedTables(seg: FastTrie, first: FastTrie, last: FastTrie): Fused {
  const both = new Uint16Array(0x10000);
  const how = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const y = first.unit[c];
    both[c] = last.unit[y];
    let q = 0;
    if (seg.single[c] !== 0 || seg.kind[c] === 2 || first.kind[c] === 2 || last.kind[y] === 2 || isIds(c)) q |= 1;
    if (seg.kind[c] === 1) q |= 2;
    if (first.kind[c] === 1) q |= 4;
    if (last.kind[y] === 1) q |= 8;
    how[c] = q;
  }
  return { seg, first, last, both, how };
}

/**
 * Is x[i] converted on its own at every step whenever all steps are at a token boundary at i? Then they all are at
 * i + 1 too. Looks at most two characters ahead; a "no" may be needlessly careful, a "yes" never is.
 */
function alone(f: Fused, x: Uint16Array, i: number, n: number): boolean {
  const c = x[i];
  const q = f.how[c];
  if (q === 0) return true;
  if ((q & 1) !== 0) return false;
  if (i + 1 >= n) return true;
  const d = x[i + 1];
  // where the pair set says a key may start, the walk tells (over the whole text: within a shorter segment a step finds
  // no more keys); no key at all at the segmentation, none longer than the character at the first step
  if ((q & 2) !== 0 && pairHit(f.seg, c, d) && longestKey(f.seg.root, x, i, n, false).end > 0) return false;
  if ((q & 4) !== 0 && pairHit(f.first, c, d) && longestKey(f.first.root, x, i, n, false).end > i + 1) return false;
  if ((q & 8) !== 0) {
    // the last step pairs this character's output with the next one's, known only when that one is alone at the first step
    const kd = f.first.kind[d];
    if (kd === 2) return false;
    if (kd === 1 && i + 2 < n && pairHit(f.first, d, x[i + 2]) && longestKey(f.first.root, x, i + 1, n, false).end > i + 2) return false;
    if (pairHit(f.last, f.first.unit[c], f.first.unit[d])) return false;
  }
  return true;
}

const normalized = new Units();
const pieceA = new Units();
const pieceB = new Units();
const converted = new Units();
const readInput = unitReader();

/**
 * tw2s as opencc-js runs it, then `fix` on every output code unit. `lineLocal`: see lineLocal. Unchecked: makeConverter
 * uses it only while it converts the probe sample as opencc's own converter does (probeVerdict).
 */
type FastTw2s = ((s: string, fix: Uint16Array | null) => string) & { lineLocal: boolean };

/** FastTw2s of opencc's tw2s config; null when the config is not of the shape this mirrors. */
function fastTw2s(): FastTw2s | null {
  const cfg = (OpenCC.Locale as unknown as { configs?: Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown[]; conversionChain: unknown[][] }> }).configs?.tw2s;
  // only the shape this code mirrors: one normalisation dictionary group, a segmentation group of dictionary strings
  if (!cfg || !cfg.normalizationChain || cfg.normalizationChain.length !== 1 || !Array.isArray(cfg.segmentation)) return null;
  if (!cfg.segmentation.every((d) => typeof d === "string")) return null;
  const norm0 = cfg.normalizationChain[0];
  if (!Array.isArray(norm0) || !norm0.every((d) => typeof d === "string" && (d === "" || d.includes(" ")))) return null;
  if (!cfg.conversionChain.length) return null;
  let norm: FastTrie, seg: FastTrie, chain: FastTrie[];
  try {
    norm = fastTrie(norm0);
    seg = fastTrie(cfg.segmentation);
    chain = cfg.conversionChain.map((g) => fastTrie(g));
  } catch {
    return null;
  }
  const last = chain.length - 1;
  const fixed = new WeakMap<Uint16Array, FastTrie>();
  const convert = (s: string, fix: Uint16Array | null): string => {
    let lastTrie = chain[last];
    if (fix) {
      lastTrie = fixed.get(fix) ?? withFix(lastTrie, fix);
      fixed.set(fix, lastTrie);
    }
    // normalise the whole text, then cut it into segments and run each through the chain on its own, as opencc-js does
    const n0 = s.length;
    let x = readInput(s);
    let n = n0;
    // most texts hold nothing normalisation changes: then it copies nothing
    if (changesAny(norm, x, n0)) {
      const nx = normalized.room(n0 * norm.maxRatio);
      n = convertUnits(norm, x, 0, n0, nx, 0, false);
      x = nx;
    }
    let ratio = 1;
    for (const t of chain) ratio *= t.maxRatio;
    converted.room(n * ratio + 16);
    let o = -1;
    if (last === 1) {
      let f = fusedFor.get(lastTrie);
      if (!f) fusedFor.set(lastTrie, (f = fusedTables(seg, chain[0], lastTrie)));
      o = fusedRun(f, x, n);
    }
    if (o < 0) o = stepByStep(x, 0, n, lastTrie, 0, false);
    return Buffer.from(converted.buf.buffer, 0, o * 2).toString("ucs2");
  };
  const fusedFor = new WeakMap<FastTrie, Fused>();
  /**
   * x[from, to) segmented and each segment run through the chain, written to `converted` from o; returns the end.
   * `cut`: `to` is imposed on a longer text (x[0, n)), so the last segment may go on past it.
   */
  const stepByStep = (x: Uint16Array, from: number, to: number, lastTrie: FastTrie, o: number, cut: boolean): number => {
    for (let i = from; i < to; ) {
      const e = nextPiece(seg, x, i, to, cut);
      const cutHere = cut && e === to;
      let src = x;
      let a = i;
      let b = e;
      for (let k = 0; k < last; k++) {
        const dst = (k & 1 ? pieceB : pieceA).room((b - a) * chain[k].maxRatio);
        b = convertUnits(chain[k], src, a, b, dst, 0, cutHere);
        a = 0;
        src = dst;
      }
      const out = converted.room(o + (b - a) * lastTrie.maxRatio, o);
      o = convertUnits(lastTrie, src, a, b, out, o, cutHere);
      i = e;
    }
    return o;
  };
  /**
   * The converted text written to `converted`, its length returned. Where a character is alone (see alone()), every
   * step is at a token boundary and it is converted by one look-up. Elsewhere the steps run one by one over a stretch
   * [i, w); when no step's outcome there depended on what lies past w (cutReached stays false), w is a token boundary
   * of every step, the stretch came out as it would within the whole text, and the look-ups resume at w. Otherwise
   * the stretch is run again, twice as long.
   */
  const fusedRun = (f: Fused, x: Uint16Array, n: number): number => {
    const { both } = f;
    let out = converted.buf;
    let o = 0;
    let i = 0;
    let stretched = 0;
    while (i < n) {
      if (alone(f, x, i, n)) {
        out[o++] = both[x[i]];
        i++;
        continue;
      }
      // text dense with keys gains nothing here: from this boundary on, the steps one by one
      if (i > 4096 && stretched > i / 2) return stepByStep(x, i, n, f.last, o, false);
      // end the stretch after a character no step can start a key at, so that only a key running on past it reaches the cut
      let w = i + 2;
      while (w < n && f.how[x[w - 1]] !== 0) w++;
      if (w > n) w = n;
      for (;;) {
        cutReached = false;
        const end = stepByStep(x, i, w, f.last, o, w < n);
        if (!cutReached || w === n) {
          o = end;
          break;
        }
        w = Math.min(n, w + (w - i));
        while (w < n && f.how[x[w - 1]] !== 0) w++;
      }
      out = converted.buf;
      stretched += w - i;
      i = w;
    }
    return o;
  };
  return Object.assign(convert, { lineLocal: ![norm, seg, ...chain].some((t) => t.newlineInKeys) });
}

/**
 * What opencc's own converter makes of `sample`: the same for every worker and every run with this opencc-js, so it is
 * derived once (building opencc's converter and running it over the sample took a tenth of a second per worker).
 */
function openccProbeOut(sample: string): string {
  return derivedText("opencc-tw2cn-probe", "opencc-js", ["t2cn build", sample], () => OpenCC.Converter({ from: "tw", to: "cn" })(sample));
}

/** Every CJK, CJK punctuation and full-width character: what the probe sample holds. */
const PROBE_RANGES: Array<[number, number]> = [[0x2e80, 0x2fff], [0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xff00, 0xffef]];
/** The Han characters, whose conversion tells a traditional form (traditionalTable). */
const HAN_RANGES: Array<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];

/** Every CJK, CJK punctuation and full-width character, in one line and one per line, and the awkward cases. */
function probeSample(): string {
  const probe: string[] = [];
  for (const [a, b] of PROBE_RANGES) for (let c = a; c <= b; c++) probe.push(String.fromCharCode(c));
  return probe.join("") + "\n" + probe.join("\n") + "\n⿰氵每⿱艹⿰氵每 發展養老服務體系，乾隆皇帝，頭髮、後來、臺灣、著作、瞭解\ud840\udc00𠀀\ud840 衞生署敍述枱面⿰";
}

/**
 * Which BMP characters t→s conversion changes (1 = traditional form), found once per worker by converting every
 * CJK character on its own line in one call. Detection then needs no conversion at all.
 */
export function traditionalTable(convert: Convert): Uint8Array {
  const probed = probedTables.get(convert);
  if (probed) return probed;
  const table = new Uint8Array(0x10000);
  const chars: string[] = [];
  for (const [a, b] of HAN_RANGES) for (let c = a; c <= b; c++) chars.push(String.fromCharCode(c));
  const out = convert(chars.join("\n")).split("\n");
  if (out.length !== chars.length) {
    for (const ch of chars) if (convert(ch) !== ch) table[ch.charCodeAt(0)] = 1;
    return table;
  }
  for (let i = 0; i < chars.length; i++) if (out[i] !== chars[i]) table[chars[i].charCodeAt(0)] = 1;
  return table;
}

/**
 * The characters traditionalTable marks for a line-local converter, read off its conversion of the probe sample, where
 * every Han character stands on a line of its own: as traditionalTable converts them. Null when the output does not
 * have the sample's lines.
 */
function tableFromProbe(out: string): number[] | null {
  const traditional: number[] = [];
  // past the sample's first line; then a line per character, then the awkward cases
  let at = out.indexOf("\n") + 1;
  for (const [a, b] of PROBE_RANGES) {
    for (let c = a; c <= b; c++) {
      const nl = out.indexOf("\n", at);
      if (at === 0 || nl < 0) return null;
      if ((nl !== at + 1 || out.charCodeAt(at) !== c) && HAN_RANGES.some(([x, y]) => c >= x && c <= y)) traditional.push(c);
      at = nl + 1;
    }
  }
  return out.indexOf("\n", at) < 0 ? traditional : null;
}

/** Converters whose traditionalTable came with the probe (makeConverter). */
const probedTables = new WeakMap<Convert, Uint8Array>();

/** Traditional when a clear share of the Han characters are traditional forms. */
export function detectScript(text: string, table: Uint8Array): { script: Script; changed: number; han: number } {
  let changed = 0;
  let han = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400) continue;
    if (c <= 0x9fff || (c >= 0xf900 && c <= 0xfaff)) {
      han++;
      changed += table[c];
    }
  }
  return { script: scriptOf(changed, han), changed, han };
}

/** Simplified text has (almost) no character that converts; a little traditional (a quoted name) is not enough. */
export function scriptOf(changed: number, han: number): Script {
  return han > 0 && changed >= 3 && changed / han >= 0.03 ? "traditional" : "simplified";
}

/** `idsCount`: how many ideographic description characters (U+2FF0–2FFF) the text holds, when the caller counted them. */
export function toSimplified(src: Mapped, convert: Convert, idsCount?: number): Mapped {
  const { text } = src;
  if (lineLocal.has(convert) && !(idsCount === undefined ? hasIds(text) : idsCount > 0)) {
    // whole text at once; when every line break stays where it was, every line kept its length and maps one to one
    const out = convert(text);
    if (out.length === text.length) {
      let nl = text.indexOf("\n");
      while (nl >= 0 && out.charCodeAt(nl) === 0x0a) nl = text.indexOf("\n", nl + 1);
      if (nl < 0) return { text: out, map: src.map.slice() };
    }
  }
  const b = builder(text.length);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    convertSpan(src, start, end, convert, b, 0);
    if (end < text.length) b.copy(src, end, end + 1);
    start = end + 1;
  }
  return b.finish(src.map[text.length]);
}

const IDS = /[\u2ff0-\u2fff]/;
const hasIds = (text: string) => IDS.test(text);

const SPLITTERS = ["。", "，"];

function convertSpan(src: Mapped, from: number, to: number, convert: Convert, b: ReturnType<typeof builder>, depth: number): void {
  if (to <= from) return;
  const part = src.text.slice(from, to);
  const conv = convert(part);
  if (conv.length === part.length) {
    // same length: character i came from character i
    b.copyAs(src, from, to, conv);
    return;
  }
  if (depth < SPLITTERS.length) {
    const sep = SPLITTERS[depth];
    let s = from;
    while (s < to) {
      let e = src.text.indexOf(sep, s);
      if (e < 0 || e >= to) e = to;
      else e += 1;
      convertSpan(src, s, e, convert, b, depth + 1);
      s = e;
    }
    return;
  }
  // character by character (code point by code point); a longer output maps wholly to its source character
  let i = from;
  while (i < to) {
    const cp = src.text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const out = convert(src.text.slice(i, i + w));
    b.put(out, src.map[i]);
    i += w;
  }
}
