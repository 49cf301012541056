// Text with a map back to the original: the currency every ingest step takes and returns.
// map[i] is the offset in the original of character i (UTF-16 code units, as JS strings index);
// map[text.length] is the end. Steps never re-order text, so the map is non-decreasing.

export interface Mapped {
  text: string;
  map: Int32Array;
}

let ramp = new Int32Array(0);

/** Longest ramp kept (16 MB); longer texts are rare and get theirs written one by one. */
const MAX_RAMP = 1 << 22;

export function identity(text: string): Mapped {
  if (text.length + 1 > MAX_RAMP) {
    const map = new Int32Array(text.length + 1);
    for (let i = 0; i <= text.length; i++) map[i] = i;
    return { text, map };
  }
  // 0, 1, 2 … copied natively from a kept ramp rather than written one by one
  if (ramp.length < text.length + 1) {
    ramp = new Int32Array(Math.min(MAX_RAMP, Math.max(text.length + 1, ramp.length * 2, 1 << 16)));
    for (let i = 0; i < ramp.length; i++) ramp[i] = i;
  }
  return { text, map: ramp.slice(0, text.length + 1) };
}

/** Accumulates output text and its map; copy unchanged runs with `copy`, replacements with `put`. */
export interface Builder {
  /** Copy src.text[from, to) with its map entries. */
  copy(src: Mapped, from: number, to: number): void;
  /** Append `s` (same length as to-from) in place of src.text[from, to), keeping the map entries one to one. */
  copyAs(src: Mapped, from: number, to: number, s: string): void;
  /** Append `s`, every character mapped to original offset `orig`. */
  put(s: string, orig: number): void;
  finish(endOrig: number): Mapped;
}

/**
 * Working maps of finished builders, reused by the next ones: a builder's map is as long as its source text, and
 * zero-filling a fresh one for every step of every document cost more than the step itself. Only entries a builder
 * wrote are ever read, so a reused map needs no clearing. A few, and none very large, are kept.
 */
const spareMaps: Int32Array[] = [];
const MAX_SPARE = 1 << 22;

function takeMap(size: number): Int32Array {
  for (let k = spareMaps.length - 1; k >= 0; k--) {
    if (spareMaps[k].length >= size) return spareMaps.splice(k, 1)[0];
  }
  return new Int32Array(size);
}

function giveMap(map: Int32Array): void {
  if (map.length <= MAX_SPARE && spareMaps.length < 4) spareMaps.push(map);
}

/**
 * A class, not an object of closures: every step of every document makes a builder, and closures made afresh each
 * time were call targets the optimised code of their callers (normalizeChars …) had not seen, so it was thrown away
 * and compiled again.
 */
class MappedBuilder implements Builder {
  private parts: string[] = [];
  private partsLen = 0;
  private tail = "";
  private map: Int32Array;
  private n = 0;
  private finished = false;
  // A copy that continues the previous one (same source, starting where it ended) only extends it: a line and the
  // line break after it become one slice and one map copy.
  private runSrc: Mapped | null = null;
  private runFrom = 0;
  private runTo = 0;

  constructor(capacity: number) {
    this.map = takeMap(Math.max(16, capacity + 1));
  }

  private grow(need: number): void {
    // its map went back to the spares at finish
    if (this.finished) throw new Error("builder used after finish");
    if (this.n + need + 1 <= this.map.length) return;
    let size = this.map.length * 2;
    while (size < this.n + need + 1) size *= 2;
    const next = takeMap(size);
    next.set(this.map.subarray(0, this.n));
    giveMap(this.map);
    this.map = next;
  }

  private flush(): void {
    if (this.tail) {
      this.parts.push(this.tail);
      this.partsLen++;
      this.tail = "";
    }
    if (this.partsLen > 4096) {
      this.parts = [this.parts.join("")];
      this.partsLen = 1;
    }
  }

  private flushRun(): void {
    const src = this.runSrc;
    if (!src) return;
    this.runSrc = null;
    const { runFrom, runTo } = this;
    const len = runTo - runFrom;
    this.grow(len);
    const map = this.map;
    if (len < 16) {
      const sm = src.map;
      let n = this.n;
      for (let k = runFrom; k < runTo; k++) map[n++] = sm[k];
      this.n = n;
    } else {
      map.set(src.map.subarray(runFrom, runTo), this.n);
      this.n += len;
    }
    this.flush();
    this.parts.push(src.text.slice(runFrom, runTo));
    this.partsLen++;
  }

  copy(src: Mapped, from: number, to: number): void {
    if (to <= from) return;
    if (this.finished) throw new Error("builder used after finish");
    if (this.runSrc === src && from === this.runTo) {
      this.runTo = to;
      return;
    }
    this.flushRun();
    this.runSrc = src;
    this.runFrom = from;
    this.runTo = to;
  }

  copyAs(src: Mapped, from: number, to: number, s: string): void {
    this.flushRun();
    if (to <= from) return;
    if (s.length !== to - from) throw new Error("copyAs needs a same-length replacement");
    this.grow(to - from);
    this.map.set(src.map.subarray(from, to), this.n);
    this.n += to - from;
    this.flush();
    this.parts.push(s);
    this.partsLen++;
  }

  put(s: string, orig: number): void {
    this.flushRun();
    if (!s) return;
    this.grow(s.length);
    const map = this.map;
    let n = this.n;
    for (let k = 0; k < s.length; k++) map[n++] = orig;
    this.n = n;
    this.tail += s;
    if (this.tail.length > 256) this.flush();
  }

  finish(endOrig: number): Mapped {
    this.flushRun();
    this.grow(0);
    this.flush();
    const text = this.parts.join("");
    const n = this.n;
    const out = new Int32Array(n + 1);
    out.set(this.map.subarray(0, n));
    out[n] = endOrig;
    this.finished = true;
    giveMap(this.map);
    return { text, map: out };
  }
}

export function builder(capacity = 1024): Builder {
  return new MappedBuilder(capacity);
}

/** Apply a regex-driven rewrite: every match is replaced by `replace(match)` (text mapped to the match start), the rest copied. */
export function rewrite(src: Mapped, re: RegExp, replace: (m: RegExpExecArray) => string | null): Mapped {
  if (!re.global) throw new Error("rewrite needs a global regex");
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let b: Builder | null = null;
  let pos = 0;
  while ((m = re.exec(src.text))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const r = replace(m);
    if (r === null || r === m[0]) continue;
    b ??= builder(src.text.length);
    b.copy(src, pos, m.index);
    putReplacement(b, src, m.index, m[0], r);
    pos = m.index + m[0].length;
  }
  if (!b) return src;
  b.copy(src, pos, src.text.length);
  return b.finish(src.map[src.text.length]);
}

/**
 * Put replacement `r` for `orig` (at src index `at`): characters kept from `orig` (a subsequence, e.g. spaces removed)
 * keep their own map entries; others map to the position of the character they replace.
 */
function putReplacement(b: Builder, src: Mapped, at: number, orig: string, r: string): void {
  let j = 0;
  for (let k = 0; k < r.length; k++) {
    const ch = r[k];
    let found = -1;
    for (let q = j; q < orig.length; q++) {
      if (orig[q] === ch) {
        found = q;
        break;
      }
    }
    if (found >= 0) {
      b.copy(src, at + found, at + found + 1);
      j = found + 1;
    } else {
      b.put(ch, src.map[at + Math.min(j, orig.length - 1)]);
      if (j < orig.length) j++;
    }
  }
}
