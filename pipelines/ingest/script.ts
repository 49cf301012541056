// Traditional → simplified with opencc-js, keeping the offset map.
// The converter is built once per worker. Conversion runs line by line; when a line's length
// changes (a phrase mapping of different length), the line is converted sentence by sentence and
// then character by character, so every output character still maps to the character it came from.
import * as OpenCC from "opencc-js";
import * as Preset from "opencc-js/preset";
import { builder, type Mapped } from "./offsets.ts";
import type { Script } from "../types.ts";

export type Convert = (s: string) => string;

/**
 * Taiwan-standard traditional → mainland simplified (opencc 'tw' → 'cn'), plus the few Hong Kong variant characters
 * that conversion leaves alone (衞, 敍, 枱 …: single-character entries of opencc's HKVariantsRev whose standard form
 * does convert), so Big5 text from Hong Kong comes out simplified too. Built once per worker.
 */
export function makeConverter(): Convert {
  const tw2cn = fastTw2cn() ?? OpenCC.Converter({ from: "tw", to: "cn" });
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
  return (s: string) => tw2cn(s).replace(re, (ch: string) => fixes.get(ch) ?? ch);
}

// A faster run of opencc's own tw2s tries (normalise → segment → convert each segment through the chain): the same
// longest-match walk as opencc-js Trie.convert/segment, without a Map lookup for characters that start no key
// and without an object per match. Checked against opencc's converter when built; on any difference it is not used.
type Node = Map<number, Node> & { trie_val?: string };
interface FastTrie {
  root: Node;
  /** 1 where a BMP code unit (not a surrogate) starts some key. */
  first: Uint8Array;
}

function fastTrie(group: ReadonlyArray<unknown>): FastTrie {
  const t = new OpenCC.Trie();
  t.loadDictGroup(group as Parameters<OpenCC.Trie["loadDictGroup"]>[0]);
  const root = (t as unknown as { map: Node }).map;
  const first = new Uint8Array(0x10000);
  for (const cp of root.keys()) if (cp < 0x10000) first[cp] = 1;
  return { root, first };
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

/** Trie.convert (segments = false) or Trie.segment (segments = true, pieces pushed to `pieces`). */
function walk(t: FastTrie, s: string, pieces: string[] | null): string {
  const { root, first } = t;
  const n = s.length;
  let out = "";
  let r = -1;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if ((c < 0xd800 || c > 0xdfff) && first[c] === 0) {
      if (r < 0) r = i;
      i += c >= 0x2ff0 && c <= 0x2fff ? step(s, i) : 1;
      continue;
    }
    let node = root;
    let a = i;
    let end = 0;
    let val: string | undefined;
    while (a < n) {
      const cp = s.codePointAt(a)!;
      a += cp > 0xffff ? 2 : 1;
      const next = node.get(cp);
      if (next === undefined) break;
      node = next;
      const v = next.trie_val;
      if (v !== undefined) {
        end = a;
        val = v;
      }
    }
    if (end > 0) {
      if (r >= 0) {
        if (pieces) pieces.push(s.slice(r, i));
        else out += s.slice(r, i);
        r = -1;
      }
      if (pieces) pieces.push(s.slice(i, end));
      else out += val;
      i = end;
    } else {
      if (r < 0) r = i;
      i += step(s, i);
    }
  }
  if (r >= 0) {
    if (pieces) pieces.push(s.slice(r, n));
    else out += s.slice(r, n);
  }
  return out;
}

function fastTw2cn(): Convert | null {
  const cfg = (OpenCC.Locale as unknown as { configs?: Record<string, { normalizationChain?: unknown[][]; segmentation?: unknown[]; conversionChain: unknown[][] }> }).configs?.tw2s;
  // only the shape this code mirrors: one normalisation dictionary group, a segmentation group of dictionary strings
  if (!cfg || !cfg.normalizationChain || cfg.normalizationChain.length !== 1 || !Array.isArray(cfg.segmentation)) return null;
  if (!cfg.segmentation.every((d) => typeof d === "string")) return null;
  const norm0 = cfg.normalizationChain[0];
  if (!Array.isArray(norm0) || !norm0.every((d) => typeof d === "string" && (d === "" || d.includes(" ")))) return null;
  let norm: FastTrie, seg: FastTrie, chain: FastTrie[];
  try {
    norm = fastTrie(norm0);
    seg = fastTrie(cfg.segmentation);
    chain = cfg.conversionChain.map((g) => fastTrie(g));
  } catch {
    return null;
  }
  const convert = (s: string): string => {
    const pieces: string[] = [];
    walk(seg, walk(norm, s, null), pieces);
    let out = "";
    for (let p of pieces) {
      for (const t of chain) p = walk(t, p, null);
      out += p;
    }
    return out;
  };
  // must agree with opencc's own converter, or it is not used
  const reference = OpenCC.Converter({ from: "tw", to: "cn" });
  const probe: string[] = [];
  for (const [a, b] of [[0x2e80, 0x2fff], [0x3000, 0x303f], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xff00, 0xffef]]) {
    for (let c = a; c <= b; c++) probe.push(String.fromCharCode(c));
  }
  const sample = probe.join("") + "\n" + probe.join("\n") + "\n⿰氵每⿱艹⿰氵每 發展養老服務體系，乾隆皇帝，頭髮、後來、臺灣、著作、瞭解\ud840\udc00𠀀";
  if (convert(sample) !== reference(sample)) return null;
  return convert;
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
  // Simplified text has (almost) no character that converts; a little traditional (a quoted name) is not enough.
  const script: Script = han > 0 && changed >= 3 && changed / han >= 0.03 ? "traditional" : "simplified";
  return { script, changed, han };
}

export function toSimplified(src: Mapped, convert: Convert): Mapped {
  const { text } = src;
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
