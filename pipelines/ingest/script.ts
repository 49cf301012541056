// Traditional → simplified with opencc-js, keeping the offset map.
// The converter is built once per worker. Conversion runs line by line; when a line's length
// changes (a phrase mapping of different length), the line is converted sentence by sentence and
// then character by character, so every output character still maps to the character it came from.
import * as OpenCC from "opencc-js";
import * as Preset from "opencc-js/preset";
import { builder, type Mapped } from "./offsets.ts";
import { unitReader } from "../text/chars.ts";
import type { Script } from "../types.ts";

export type Convert = (s: string) => string;

/**
 * Taiwan-standard traditional → mainland simplified (opencc 'tw' → 'cn'), plus the few Hong Kong variant characters
 * that conversion leaves alone (衞, 敍, 枱 …: single-character entries of opencc's HKVariantsRev whose standard form
 * does convert), so Big5 text from Hong Kong comes out simplified too. Built once per worker.
 */
export function makeConverter(): Convert {
  const tw2s = fastTw2s();
  const tw2cn: Convert = tw2s ? (s) => tw2s(s, null) : OpenCC.Converter({ from: "tw", to: "cn" });
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
  if (!fixes.size) return tw2cn;
  const re = new RegExp(`[${[...fixes.keys()].join("")}]`, "g");
  const withFixes = (s: string) => tw2cn(s).replace(re, (ch: string) => fixes.get(ch) ?? ch);
  if (!tw2s) return withFixes;
  // the fixes as a table applied to every output code unit of the last step: the same as the replace above
  const fix = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) fix[c] = c;
  for (const [variant, simplified] of fixes) fix[variant.charCodeAt(0)] = simplified.charCodeAt(0);
  const fast = (s: string) => tw2s(s, fix);
  const sample = probeSample();
  if (fast(sample) !== withFixes(sample)) return withFixes;
  if (tw2s.lineLocal) lineLocal.add(fast);
  return fast;
}

/**
 * Converters known to convert each line on its own: no key holds a line break, and no ideographic description
 * sequence is stepped over (checked per text), so converting a whole text equals converting line by line.
 */
const lineLocal = new WeakSet<Convert>();

// A faster run of opencc's own tw2s tries (normalise → segment → convert each segment through the chain): the same
// longest-match walks as opencc-js Trie.convert/segment. A character that starts no key of two or more characters, or
// is not followed by a character that can continue one, is converted through a flat table; the trie is walked only
// at the others. Output is written to a code-unit buffer, not concatenated. Checked against opencc's converter when
// built; on any difference it is not used.
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
  /** Applied to every output code unit (identity but for the last step). */
  fix: Uint16Array;
  /** The longest value: output is at most this many code units per input code unit. */
  maxValue: number;
  /** Does some key contain a line break (then a match could run across lines)? */
  newlineInKeys: boolean;
}

const isIds = (c: number) => c >= 0x2ff0 && c <= 0x2fff;
const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
const pairBit = (c: number, d: number) => Math.imul(c ^ (d << 16), 0x9e3779b1) >>> 12;
const IDENTITY = new Uint16Array(0x10000).map((_, c) => c);

function fastTrie(group: ReadonlyArray<unknown>): FastTrie {
  const t = new OpenCC.Trie();
  t.loadDictGroup(group as Parameters<OpenCC.Trie["loadDictGroup"]>[0]);
  const root = (t as unknown as { map: Node }).map;
  const kind = new Uint8Array(0x10000);
  const unit = IDENTITY.slice();
  const single = new Uint8Array(0x10000);
  const pairs = new Uint8Array(1 << 17);
  for (let c = 0; c < 0x10000; c++) if (isSurrogate(c) || isIds(c)) kind[c] = 2;
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
        const h = pairBit(cp, d);
        pairs[h >>> 3] |= 1 << (h & 7);
      }
    }
  }
  let maxValue = 1;
  let newlineInKeys = false;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.trie_val !== undefined) maxValue = Math.max(maxValue, node.trie_val.length);
    for (const [cp, child] of node) {
      if (cp === 0x0a) newlineInKeys = true;
      stack.push(child);
    }
  }
  return { root, kind, unit, single, pairs, fix: IDENTITY, maxValue, newlineInKeys };
}

/** The same trie with `fix` applied to all it outputs. */
function withFix(t: FastTrie, fix: Uint16Array): FastTrie {
  const unit = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) unit[c] = fix[t.unit[c]];
  return { ...t, unit, fix };
}

/** opencc-js's step over an unmatched character: an ideographic description sequence (⿰氵每) is one unit. */
function unitLen(s: string, i: number): number {
  return s.codePointAt(i)! > 0xffff ? 2 : 1;
}
function idsEnd(s: string, at: number): number {
  const c = s.codePointAt(at)!;
  const arity = c >= 0x2ff0 && c <= 0x2ff1 ? 2 : c >= 0x2ff2 && c <= 0x2ff3 ? 3 : c >= 0x2ff4 && c <= 0x2fff ? 2 : 0;
  if (arity === 0) return 0;
  let i = at + unitLen(s, at);
  for (let k = 0; k < arity; k++) {
    if (i >= s.length) return 0;
    i = idsEnd(s, i) || i + unitLen(s, i);
  }
  return i;
}
function step(s: string, i: number): number {
  const e = idsEnd(s, i);
  return e > i ? e - i : unitLen(s, i);
}

/** Must the trie be walked at i (kind 1: can the next code unit continue a key)? */
function mustWalk(t: FastTrie, k: number, u: Uint16Array, n: number, i: number): boolean {
  if (k === 2) return true;
  if (i + 1 >= n) return false;
  const h = pairBit(u[i], u[i + 1]);
  return (t.pairs[h >>> 3] & (1 << (h & 7))) !== 0;
}

const match = { end: 0, value: "" };
/** The longest key starting at `i` (end 0: none). Returns a shared object. */
function longestKey(root: Node, s: string, i: number): { end: number; value: string } {
  const n = s.length;
  let node = root;
  let a = i;
  match.end = 0;
  while (a < n) {
    const cp = s.codePointAt(a)!;
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

/** Trie.segment: matched keys and the unmatched runs between them, in order. */
function segment(t: FastTrie, s: string, pieces: string[]): void {
  const { kind, single } = t;
  const n = s.length;
  const u = readSegmentUnits(s);
  let r = -1;
  let i = 0;
  while (i < n) {
    const c = u[i];
    const k = kind[c];
    let end = 0;
    if (k !== 0 && mustWalk(t, k, u, n, i)) end = longestKey(t.root, s, i).end;
    else if (single[c] !== 0) end = i + 1;
    if (end > 0) {
      if (r >= 0) {
        pieces.push(s.slice(r, i));
        r = -1;
      }
      pieces.push(s.slice(i, end));
      i = end;
    } else {
      if (r < 0) r = i;
      i += k === 2 ? step(s, i) : 1;
    }
  }
  if (r >= 0) pieces.push(s.slice(r, n));
}

let outBuf = new Uint16Array(4096);
const readConvertUnits = unitReader();
const readSegmentUnits = unitReader();

/** Trie.convert, every output code unit passed through the trie's `fix`. Returns `s` itself when nothing changes. */
function convertThrough(t: FastTrie, s: string): string {
  const { kind, unit, fix } = t;
  const n = s.length;
  const u = readConvertUnits(s);
  // up to the first character that may change nothing is copied, and when none may, nothing at all
  let i = 0;
  while (i < n) {
    const c = u[i];
    const k = kind[c];
    if (unit[c] !== c || (k !== 0 && mustWalk(t, k, u, n, i))) break;
    i++;
  }
  if (i === n) return s;
  if (outBuf.length < n * t.maxValue) outBuf = new Uint16Array(n * t.maxValue + 1024);
  const out = outBuf;
  out.set(u.subarray(0, i));
  let o = i;
  while (i < n) {
    const c = u[i];
    const k = kind[c];
    if (k === 0 || !mustWalk(t, k, u, n, i)) {
      out[o++] = unit[c];
      i++;
      continue;
    }
    const m = longestKey(t.root, s, i);
    if (m.end > 0) {
      const v = m.value;
      for (let q = 0; q < v.length; q++) out[o++] = fix[v.charCodeAt(q)];
      i = m.end;
    } else {
      const e = i + step(s, i);
      for (; i < e; i++) out[o++] = fix[u[i]];
    }
  }
  return Buffer.from(out.buffer, 0, o * 2).toString("ucs2");
}

/** tw2s as opencc-js runs it, then `fix` on every output code unit; null when the config is not of the shape this mirrors. */
function fastTw2s(): (((s: string, fix: Uint16Array | null) => string) & { lineLocal?: boolean }) | null {
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
    const pieces: string[] = [];
    segment(seg, convertThrough(norm, s), pieces);
    let out = "";
    for (let p of pieces) {
      for (let k = 0; k < last; k++) p = convertThrough(chain[k], p);
      out += convertThrough(lastTrie, p);
    }
    return out;
  };
  // must agree with opencc's own converter, or it is not used
  const reference = OpenCC.Converter({ from: "tw", to: "cn" });
  const sample = probeSample();
  if (convert(sample, null) !== reference(sample)) return null;
  return Object.assign(convert, { lineLocal: ![norm, seg, ...chain].some((t) => t.newlineInKeys) });
}

/** Every CJK, CJK punctuation and full-width character, in one line and one per line, and the awkward cases. */
function probeSample(): string {
  const probe: string[] = [];
  for (const [a, b] of [[0x2e80, 0x2fff], [0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xff00, 0xffef]]) {
    for (let c = a; c <= b; c++) probe.push(String.fromCharCode(c));
  }
  return probe.join("") + "\n" + probe.join("\n") + "\n⿰氵每⿱艹⿰氵每 發展養老服務體系，乾隆皇帝，頭髮、後來、臺灣、著作、瞭解\ud840\udc00𠀀\ud840 衞生署敍述枱面⿰";
}

/**
 * Which BMP characters t→s conversion changes (1 = traditional form), found once per worker by converting every
 * CJK character on its own line in one call. Detection then needs no conversion at all.
 */
export function traditionalTable(convert: Convert): Uint8Array {
  const table = new Uint8Array(0x10000);
  const ranges: Array<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  const chars: string[] = [];
  for (const [a, b] of ranges) for (let c = a; c <= b; c++) chars.push(String.fromCharCode(c));
  const out = convert(chars.join("\n")).split("\n");
  if (out.length !== chars.length) {
    for (const ch of chars) if (convert(ch) !== ch) table[ch.charCodeAt(0)] = 1;
    return table;
  }
  for (let i = 0; i < chars.length; i++) if (out[i] !== chars[i]) table[chars[i].charCodeAt(0)] = 1;
  return table;
}

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
