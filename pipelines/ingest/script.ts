// Traditional → simplified with opencc-js, keeping the offset map.
// The converter is built once per worker. Conversion runs line by line; when a line's length
// changes (a phrase mapping of different length), the line is converted sentence by sentence and
// then character by character, so every output character still maps to the character it came from.
import * as OpenCC from "opencc-js";
import { builder, type Mapped } from "./offsets.ts";
import type { Script } from "../types.ts";

export type Convert = (s: string) => string;

export function makeConverter(): Convert {
  return OpenCC.Converter({ from: "tw", to: "cn" });
}

const DETECT_SAMPLE = 20000;

/** Traditional when a clear share of the Han characters change under t→s conversion. */
export function detectScript(text: string, convert: Convert): { script: Script; changed: number; han: number } {
  // sample spread over the document: start, middle, end
  const parts =
    text.length <= DETECT_SAMPLE
      ? [text]
      : [text.slice(0, DETECT_SAMPLE / 2), text.slice(text.length / 2, text.length / 2 + DETECT_SAMPLE / 4), text.slice(-DETECT_SAMPLE / 4)];
  let changed = 0;
  let han = 0;
  for (const part of parts) {
    const conv = convert(part);
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c >= 0x3400 && c <= 0x9fff) han++;
    }
    if (conv.length === part.length) {
      for (let i = 0; i < part.length; i++) if (part.charCodeAt(i) !== conv.charCodeAt(i)) changed++;
    } else {
      for (const ch of part) if (convert(ch) !== ch) changed++;
    }
  }
  // Simplified text has no character that converts; a little traditional (a quoted name) is not enough.
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
