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
  const tw2cn = OpenCC.Converter({ from: "tw", to: "cn" });
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
