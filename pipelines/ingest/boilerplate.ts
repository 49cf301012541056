// Line-level clean-up of the simplified text: portal metadata header → CleanText.header,
// page furniture dropped, document-sharing-site page chunks rejoined. All markers come from
// data/reference/boilerplate.json (see its _readme entries); this file only holds the mechanics.
import { codeAt } from "../text/chars.ts";
import { escapeRegExp } from "../text/words.ts";
import { builder, type Mapped } from "./offsets.ts";

export interface BoilerplateReference {
  headerLabels: RegExp; // global: label at line start or after whitespace, then ':' / '：' / space / end
  headerLabelStart: RegExp; // label at the start of a trimmed line
  headerMaxLines: number;
  headerMaxChars: number;
  unlabelled: {
    maxChars: number;
    indexNumber: { label: string; re: RegExp };
    date: { labels: string[]; re: RegExp };
    docNumber: { label: string; re: RegExp };
    agency: { label: string; re: RegExp };
    scope: { label: string; values: Set<string> };
    category: { labels: string[]; values: Set<string> };
  };
  drop: Array<{ re: RegExp; why: string }>;
  dropAny: RegExp;
  dropMaxChars: number;
  sharingSignals: RegExp[];
  /** Matches a line iff some sharing signal does (null when the patterns cannot be joined): one test per line. */
  sharingAny: RegExp | null;
  sharingMinSignals: number;
  fileTitle: RegExp;
  chunkMarker: RegExp;
  chunkMinChunks: number;
  chunkMinChars: number;
  chunkMaxSpread: number;
  chunkSharingMinChars: number;
  /** Global: furniture inside a line (page numbers, download prompts); inlineWhy[i] names alternative i. */
  inline: RegExp | null;
  inlineWhy: string[];
  /** literalNeeds of each inline pattern: a text none of them may match needs no search. */
  inlineNeeds: Array<string[][] | null>;
  wrap: { minLines: number; minWidth: number; maxWidth: number; minShare: number; band: [number, number]; sentenceEnd: RegExp; newBlock: RegExp };
}

interface RawBoilerplate {
  header: {
    max_lines: number;
    max_line_chars: number;
    labels: string[];
    unlabelled: {
      max_line_chars: number;
      index_number: { label: string; pattern: string };
      date: { labels: string[]; pattern: string };
      doc_number: { label: string; pattern: string };
      agency: { label: string; pattern: string };
      scope: { label: string; values: string[] };
      category: { labels: string[]; values: string[] };
    };
  };
  drop_lines: { max_line_chars: number; patterns: Array<[string, string]> };
  sharing_site: { min_signals: number; signals: string[]; file_title: string };
  page_chunks: { marker: string; min_chunks: number; min_chars: number; max_spread: number; sharing_site_min_chars: number };
  inline?: { patterns: Array<[string, string]> };
  hard_wrap: { min_lines: number; min_width: number; max_width: number; min_share: number; band: [number, number]; sentence_end: string; new_block: string };
}


/** Index of the ] closing the class that opens at `open` (a ] right after [ or [^ is literal; escapes skip a character). */
function classEnd(pattern: string, open: number): number {
  let j = open + 1;
  if (pattern[j] === "^") j++;
  if (pattern[j] === "]") j++;
  while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
  return j;
}

/**
 * Runs of plain characters that every match of `pattern` contains (none when none is sure): only characters outside
 * groups and classes, not escaped, and not made optional or repeatable by a quantifier after them; none at all when the
 * pattern has an alternation outside groups.
 */
export function requiredLiterals(pattern: string): string[] {
  const found: string[] = [];
  let run = "";
  let depth = 0;
  const end = () => {
    if (run && !found.includes(run)) found.push(run);
    run = "";
  };
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") {
      // \u4e00, \x41, \p{…}, \cX, \k<…> and back-references span more than one character: rather than read
      // them wrong (\u4e00 is not the literal "4e00"), claim no sure literals at all
      if (/[uxpPck1-9]/.test(pattern[i + 1] ?? "")) return [];
      end();
      i++;
      continue;
    }
    if (ch === "[") {
      end();
      i = classEnd(pattern, i);
      continue;
    }
    if (ch === "(") {
      end();
      depth++;
      continue;
    }
    if (ch === ")") {
      end();
      depth--;
      continue;
    }
    if (ch === "|" && depth === 0) return [];
    if (depth > 0) continue;
    if ("?*+{".includes(ch)) {
      // the quantifier applies to the last character of the run: it is not sure to be there once
      run = run.slice(0, -1);
      end();
      if (ch === "{") {
        const close = pattern.indexOf("}", i);
        if (close > i && /^\d+(,\d*)?$/.test(pattern.slice(i + 1, close))) i = close;
      }
      continue;
    }
    if (".^$|}]".includes(ch)) {
      end();
      continue;
    }
    run += ch;
  }
  end();
  return found;
}

/** The alternatives of `pattern` outside groups and classes. */
function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (ch === "[") i = classEnd(pattern, i);
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "|" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

/**
 * Per top-level alternative of `pattern`, literals every match of it contains; null when some alternative has none
 * (then any text may match).
 */
export function literalNeeds(pattern: string): string[][] | null {
  const needs = topLevelAlternatives(pattern).map(requiredLiterals);
  return needs.some((n) => n.length === 0) ? null : needs;
}

/** May some pattern with these needs match somewhere in `text`? Only a text lacking a literal of every alternative of every pattern cannot. */
function mayMatch(text: string, needs: Array<string[][] | null>): boolean {
  return needs.some((alts) => alts === null || alts.some((lits) => lits.every((lit) => holds(text, lit))));
}

/**
 * Does `text` contain `lit`? The characters of a longer literal are looked for one by one first: most texts lack one
 * of them (下载后可任意编辑), and a search for one character is several times faster than one for a word.
 */
function holds(text: string, lit: string): boolean {
  if (lit.length > 1) for (let k = 0; k < lit.length; k++) if (text.indexOf(lit[k]) < 0) return false;
  return text.indexOf(lit) >= 0;
}

/** The patterns as one alternation, which matches where any of them does; null where group references would break. */
function anyOf(patterns: string[]): RegExp | null {
  if (!patterns.length || patterns.some((p) => /\\[1-9]|\\k<|\(\?</.test(p))) return null;
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join("|"));
  } catch {
    return null;
  }
}

export function compileBoilerplate(json: unknown): BoilerplateReference {
  const raw = json as RawBoilerplate;
  // 索 引 号, 来   源: a label may be letter-spaced
  const labels = [...raw.header.labels].sort((a, b) => b.length - a.length).map((l) => [...l].map(escapeRegExp).join("[ \u3000]*")).join("|");
  const u = raw.header.unlabelled;
  const drop = raw.drop_lines.patterns.map(([p, why]) => ({ re: new RegExp(p), why }));
  const inlinePatterns = raw.inline?.patterns ?? [];
  return {
    inline: inlinePatterns.length ? new RegExp(inlinePatterns.map(([p]) => `(${p})`).join("|"), "g") : null,
    inlineWhy: inlinePatterns.map(([, why]) => why),
    inlineNeeds: inlinePatterns.map(([p]) => literalNeeds(p)),
    headerLabels: new RegExp(`(?:^|\\s)(${labels})\\s*(?:[:：]|(?=\\s)|$)`, "g"),
    headerLabelStart: new RegExp(`^(?:${labels})\\s*(?:[:：]|\\s|$)`),
    headerMaxLines: raw.header.max_lines,
    headerMaxChars: raw.header.max_line_chars,
    unlabelled: {
      maxChars: u.max_line_chars,
      indexNumber: { label: u.index_number.label, re: new RegExp(u.index_number.pattern) },
      date: { labels: u.date.labels, re: new RegExp(u.date.pattern) },
      docNumber: { label: u.doc_number.label, re: new RegExp(u.doc_number.pattern) },
      agency: { label: u.agency.label, re: new RegExp(u.agency.pattern) },
      scope: { label: u.scope.label, values: new Set(u.scope.values) },
      category: { labels: u.category.labels, values: new Set(u.category.values) },
    },
    drop,
    dropAny: new RegExp(raw.drop_lines.patterns.map(([p]) => `(?:${p})`).join("|")),
    dropMaxChars: raw.drop_lines.max_line_chars,
    sharingSignals: raw.sharing_site.signals.map((p) => new RegExp(p)),
    sharingAny: anyOf(raw.sharing_site.signals),
    sharingMinSignals: raw.sharing_site.min_signals,
    fileTitle: new RegExp(raw.sharing_site.file_title),
    chunkMarker: new RegExp(raw.page_chunks.marker),
    chunkMinChunks: raw.page_chunks.min_chunks,
    chunkMinChars: raw.page_chunks.min_chars,
    chunkMaxSpread: raw.page_chunks.max_spread,
    chunkSharingMinChars: raw.page_chunks.sharing_site_min_chars,
    wrap: {
      minLines: raw.hard_wrap.min_lines,
      minWidth: raw.hard_wrap.min_width,
      maxWidth: raw.hard_wrap.max_width,
      minShare: raw.hard_wrap.min_share,
      band: raw.hard_wrap.band,
      sentenceEnd: new RegExp(raw.hard_wrap.sentence_end),
      newBlock: new RegExp(raw.hard_wrap.new_block),
    },
  };
}

interface Line {
  start: number; // trimmed start in src.text
  end: number; // trimmed end
  nl: number; // index of the '\n' ending the line, or -1 for the last line
  text: string; // trimmed text
  drop: boolean;
  prefix: number; // characters to skip at the start (page-chunk marker)
  join: boolean; // continue the previous kept line without a line break
}

export interface BoilerplateResult {
  body: Mapped;
  header: Record<string, string>;
  titleHint: string;
  sharingSite: boolean;
  chunks: number;
  /** Line breaks removed because a PDF page width put them there. */
  unwrapped: number;
  /** Lines and inline pieces removed, by reason (worked out when first read). */
  dropped: Record<string, number>;
}

const isSpace = (c: number) => c === 0x20;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf("\n", pos);
    const end0 = nl < 0 ? text.length : nl;
    let s = pos;
    let e = end0;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    lines.push({ start: s, end: e, nl, text: text.slice(s, e), drop: false, prefix: 0, join: false });
    if (nl < 0) break;
    pos = nl + 1;
    nl = -1;
  }
  return lines;
}

const LABEL_SPACES = /[ \u3000]/g;

function parseLabelled(line: string, ref: BoilerplateReference, header: Record<string, string>): boolean {
  // | 索引号 | 5304002017607969 | 文 号 |  |: a header laid out as a table reads as its cells, spaced apart, when two
  // of them are labels, or one with a number (| 名称 | 床位数 | 入住人数 | is a table of the body)
  // codeAt: charCodeAt(0) of an empty line (NaN) threw stripBoilerplate's optimised code away
  const cells = codeAt(line, 0) === 0x7c && line.length <= ref.headerMaxChars;
  if (cells) line = line.split("|").map((c) => c.trim()).filter(Boolean).join("  ");
  if (line.length > ref.headerMaxChars || !ref.headerLabelStart.test(line)) return false;
  const re = ref.headerLabels;
  re.lastIndex = 0;
  const hits: Array<{ label: string; from: number; valueFrom: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    hits.push({ label: m[1].replace(LABEL_SPACES, ""), from: m.index, valueFrom: m.index + m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  // (or one label whose value holds a digit: | 索引号 | 5304002017607969 |)
  if (!hits.length || (cells && hits.length < 2 && !/\d/.test(line.slice(hits[0].valueFrom)))) return false;
  for (let i = 0; i < hits.length; i++) {
    const to = i + 1 < hits.length ? hits[i + 1].from : line.length;
    const value = line.slice(hits[i].valueFrom, to).replace(/^[\s:：]+|\s+$/g, "");
    if (value && !header[hits[i].label]) header[hits[i].label] = value;
  }
  return true;
}

/** The shape of a bare header value, or null. */
function unlabelledShape(line: string, ref: BoilerplateReference): string | null {
  const u = ref.unlabelled;
  if (line.length > u.maxChars) return null;
  if (u.indexNumber.re.test(line)) return "index";
  if (u.date.re.test(line)) return "date";
  if (u.docNumber.re.test(line)) return "docno";
  if (u.scope.values.has(line)) return "scope";
  if (u.category.values.has(line)) return "category";
  if (u.agency.re.test(line)) return "agency";
  return null;
}

function parseUnlabelled(lines: Line[], ref: BoilerplateReference, header: Record<string, string>): void {
  const u = ref.unlabelled;
  const run: Array<{ line: Line; shape: string }> = [];
  for (const line of lines) {
    if (line.drop) continue;
    if (!line.text) {
      if (run.length) break;
      continue;
    }
    const shape = unlabelledShape(line.text, ref);
    if (!shape) break;
    run.push({ line, shape });
  }
  const dates = run.filter((r) => r.shape === "date").length;
  if (run.length < 3 || !(run.some((r) => r.shape === "index") || dates >= 2)) return;
  let d = 0;
  let c = 0;
  const set = (label: string | undefined, value: string) => {
    if (label && !header[label]) header[label] = value;
  };
  for (const { line, shape } of run) {
    line.drop = true;
    if (shape === "index") set(u.indexNumber.label, line.text);
    else if (shape === "date") set(u.date.labels[Math.min(d++, u.date.labels.length - 1)], line.text);
    else if (shape === "docno") set(u.docNumber.label, line.text);
    else if (shape === "scope") set(u.scope.label, line.text);
    else if (shape === "category") set(u.category.labels[c++], line.text);
    else if (shape === "agency") set(u.agency.label, line.text);
  }
}

function chunkSizes(lines: Line[], markers: Array<{ idx: number; len: number }>): number[] {
  // a chunk: its marker line plus any non-dropped lines up to the next marker
  return markers.map((mk, k) => {
    const stop = k + 1 < markers.length ? markers[k + 1].idx : mk.idx + 1;
    let size = 0;
    for (let i = mk.idx; i < stop; i++) if (!lines[i].drop) size += lines[i].text.length;
    return size;
  });
}

/** Are all chunks but the last about the same size (a viewer cuts at a fixed length)? Returns the median size or 0. */
function evenChunks(sizes: number[], spread: number): { median: number; even: boolean } {
  const body = sizes.slice(0, -1);
  const sorted = [...body].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return { median, even: body.every((s) => Math.abs(s - median) <= median * spread) };
}

function rejoinChunks(lines: Line[], ref: BoilerplateReference, sharingSite: boolean): number {
  // marker lines numbered 1, 2, 3 … in order (on a sharing site the preview may start at any page)
  let markers: Array<{ idx: number; len: number }> = [];
  let expect = sharingSite ? -1 : 1;
  const all: Array<{ idx: number; len: number }> = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.drop || !l.text) continue;
    const m = ref.chunkMarker.exec(l.text);
    if (!m) continue;
    all.push({ idx: i, len: m[0].length });
    const n = Number(m[1]);
    if (expect < 0 || n === expect) {
      markers.push({ idx: i, len: m[0].length });
      expect = n + 1;
    }
  }
  let looksChunked = false;
  if (sharingSite && all.length >= 2) {
    // on a sharing site, long evenly sized numbered lines are page chunks even when the scrape garbled the numbering
    const { median, even } = evenChunks(chunkSizes(lines, all), ref.chunkMaxSpread);
    if (even && median >= ref.chunkMinChars) {
      markers = all;
      looksChunked = true;
    }
  }
  if (!looksChunked && markers.length >= 2) {
    const { median, even } = evenChunks(chunkSizes(lines, markers), ref.chunkMaxSpread);
    looksChunked = sharingSite
      ? median >= ref.chunkSharingMinChars
      : markers.length >= ref.chunkMinChunks && median >= ref.chunkMinChars && even;
  }
  if (!looksChunked) return 0;
  markers.forEach((mk, k) => {
    const line = lines[mk.idx];
    line.prefix = mk.len;
    if (k > 0) line.join = true;
  });
  return markers.length;
}

/** Join lines that a PDF page width broke (see hard_wrap in boilerplate.json). Returns how many breaks were removed. */
function unwrapLines(lines: Line[], ref: BoilerplateReference): number {
  const w = ref.wrap;
  const kept = lines.filter((l) => !l.drop && l.text);
  if (kept.length < w.minLines) return 0;
  const lens = kept.map((l) => l.text.length - l.prefix).sort((a, b) => a - b);
  const width = lens[Math.floor(lens.length * 0.75)];
  if (width < w.minWidth || width > w.maxWidth) return 0;
  const lo = width * w.band[0];
  const hi = width * w.band[1];
  const full = (l: Line) => {
    const n = l.text.length - l.prefix;
    return n >= lo && n <= hi;
  };
  const inBand = kept.filter(full).length;
  if (inBand < w.minLines || inBand < kept.length * w.minShare) return 0;
  let joined = 0;
  // only directly adjacent lines: a blank or dropped line between them is a paragraph break
  for (let i = 0; i + 1 < lines.length; i++) {
    const cur = lines[i];
    const next = lines[i + 1];
    if (cur.drop || next.drop || !cur.text || !next.text) continue;
    if (!full(cur) || w.sentenceEnd.test(cur.text) || w.newBlock.test(next.text.slice(next.prefix))) continue;
    next.join = true;
    joined++;
  }
  return joined;
}

/** Which drop pattern (the first that matches) removes this line. Only asked for when `dropped` is read. */
function dropReason(line: string, ref: BoilerplateReference): string {
  return ref.drop.find((d) => d.re.test(line))?.why ?? "page furniture";
}

export function stripBoilerplate(src: Mapped, ref: BoilerplateReference): BoilerplateResult {
  const lines = splitLines(src.text);
  const header: Record<string, string> = {};
  let headerLines = 0;
  /** The furniture lines, whose reasons `dropped` tells when asked. */
  const furniture: string[] = [];
  let titleHint = "";

  // document-sharing site?
  let signals = 0;
  // each signal is looked for only in the lines where some signal matches (most texts have none)
  const any = ref.sharingAny;
  const candidates = lines.filter((l) => l.text.length <= 300 && (!any || any.test(l.text)));
  for (const re of ref.sharingSignals) {
    for (const l of candidates) {
      if (re.test(l.text)) {
        signals++;
        break;
      }
    }
  }
  const sharingSite = signals >= ref.sharingMinSignals;

  // labelled header lines near the top
  const top = Math.min(lines.length, ref.headerMaxLines);
  for (let i = 0; i < top; i++) {
    if (parseLabelled(lines[i].text, ref, header)) {
      lines[i].drop = true;
      headerLines++;
    }
  }

  // furniture
  for (const l of lines) {
    if (l.drop || !l.text || l.text.length > ref.dropMaxChars || !ref.dropAny.test(l.text)) continue;
    l.drop = true;
    furniture.push(l.text);
  }

  if (sharingSite) {
    const first = lines.find((l) => !l.drop && l.text);
    const m = first ? ref.fileTitle.exec(first.text) : null;
    if (first && m) {
      titleHint = m[1].trim();
      first.drop = true;
    }
  }

  parseUnlabelled(lines, ref, header);
  const chunks = rejoinChunks(lines, ref, sharingSite);
  const unwrapped = chunks ? 0 : unwrapLines(lines, ref);

  // build the body
  const b = builder(src.text.length);
  // Line breaks are emitted lazily: a page-chunk continuation swallows the breaks (and blank lines) before it,
  // a dropped line leaves none of its own, and at most one blank line separates paragraphs.
  let pending: number[] = [];
  for (const l of lines) {
    if (l.drop) continue;
    if (!l.text) {
      if (pending.length === 1 && l.nl >= 0) pending.push(l.nl);
      continue;
    }
    if (!l.join) for (const nl of pending) b.copy(src, nl, nl + 1);
    b.copy(src, l.start + l.prefix, l.end);
    pending = l.nl >= 0 ? [l.nl] : [];
  }
  const inline: Record<string, number> = {};
  const body = removeInline(b.finish(src.map[src.text.length]), ref, inline);
  let dropped: Record<string, number> | undefined;
  return {
    body,
    header,
    titleHint,
    sharingSite,
    chunks,
    unwrapped,
    // worked out when asked (ingest never asks): finding each furniture line's pattern was a sixth of this step on
    // lines not seen before
    get dropped() {
      if (!dropped) {
        dropped = {};
        if (headerLines) dropped["portal metadata header"] = headerLines;
        for (const line of furniture) {
          const why = dropReason(line, ref);
          dropped[why] = (dropped[why] ?? 0) + 1;
        }
        for (const [why, n] of Object.entries(inline)) dropped[why] = (dropped[why] ?? 0) + n;
      }
      return dropped;
    },
  };
}

/** Furniture inside lines (boilerplate.json inline): cut out, the rest of the line closes up. */
function removeInline(src: Mapped, ref: BoilerplateReference, dropped: Record<string, number>): Mapped {
  const re = ref.inline;
  if (!re) return src;
  if (!mayMatch(src.text, ref.inlineNeeds)) return src;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let b: ReturnType<typeof builder> | null = null;
  let run = 0;
  while ((m = re.exec(src.text))) {
    if (!m[0]) {
      re.lastIndex++;
      continue;
    }
    b ??= builder(src.text.length);
    b.copy(src, run, m.index);
    run = m.index + m[0].length;
    // the pattern that matched: the first group set (without copying the groups out of the match)
    let g = 1;
    while (g < m.length && m[g] === undefined) g++;
    const why = (g < m.length ? ref.inlineWhy[g - 1] : undefined) ?? "page furniture";
    dropped[why] = (dropped[why] ?? 0) + 1;
  }
  if (!b) return src;
  b.copy(src, run, src.text.length);
  return b.finish(src.map[src.text.length]);
}
