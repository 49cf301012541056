// Character-level normalisation with the offset map kept:
// CRLF/CR → LF; NUL, control and zero-width characters removed; exotic spaces → ' ';
// full-width digits, Latin letters and number punctuation (％．＋－～／…) → ASCII.
// Chinese punctuation (，。；：（）、“”) is kept as written: a full-width comma between digits
// is a list separator, not a thousands separator, and must not turn into one.
import { builder, type Mapped } from "./offsets.ts";
import { isJsSpace, unitReader } from "../text/chars.ts";

export interface CharStats {
  nul: number;
  control: number;
  zeroWidth: number;
  replacement: number;
}

// code → replacement ("" = drop). Built once.
const TABLE: Map<number, string> = (() => {
  const t = new Map<number, string>();
  for (let c = 0xff10; c <= 0xff19; c++) t.set(c, String.fromCharCode(c - 0xfee0)); // ０-９
  for (let c = 0xff21; c <= 0xff3a; c++) t.set(c, String.fromCharCode(c - 0xfee0)); // Ａ-Ｚ
  for (let c = 0xff41; c <= 0xff5a; c++) t.set(c, String.fromCharCode(c - 0xfee0)); // ａ-ｚ
  for (const ch of "％．＋－～／＜＝＞＃＊＆＠＄＾＿｜＼") t.set(ch.charCodeAt(0), String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  t.set(0xfe6a, "%"); // ﹪
  t.set(0x2030, "‰");
  t.set(0x2212, "-"); // minus sign
  t.set(0x2215, "/");
  for (const c of [0x3000, 0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f, 0x09, 0x0b, 0x0c]) t.set(c, " ");
  for (const c of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e]) t.set(c, "");
  // circled/parenthesised digits are list markers, keep them as they are.
  return t;
})();

/** 1 where TABLE has an entry: most characters outside the fast paths (Chinese punctuation) need no Map look-up. */
const IN_TABLE = new Uint8Array(0x10000);
for (const c of TABLE.keys()) IN_TABLE[c] = 1;

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e]);

const readUnits = unitReader();

/**
 * What ingest counts in a text: Han characters (U+3400–9FFF), white space (what /\s/ matches), Han including the
 * compatibility ideographs (U+F900–FAFF), those of these that t→s conversion changes (1 in `traditional`), and
 * ideographic description characters (U+2FF0–2FFF, which make t→s conversion go line by line).
 */
export interface TextCounts {
  han: number;
  space: number;
  scriptHan: number;
  changed: number;
  ids: number;
}

const NO_TABLE = new Uint8Array(0x10000);

/** Adds one code unit to the counts (the rare kinds; the loops count ASCII and common Han inline). */
function countUnit(c: number, t: TextCounts, traditional: Uint8Array): void {
  if (c >= 0x3400) {
    if (c <= 0x9fff) {
      t.han++;
      t.scriptHan++;
      t.changed += traditional[c];
    } else if (c >= 0xf900 && c <= 0xfaff) {
      t.scriptHan++;
      t.changed += traditional[c];
    } else if (c === 0xfeff) t.space++;
  } else if (c >= 0x2ff0 && c <= 0x2fff) t.ids++;
  else if (isJsSpace(c)) t.space++;
}

export function countText(text: string, traditional: Uint8Array): TextCounts {
  const t: TextCounts = { han: 0, space: 0, scriptHan: 0, changed: 0, ids: 0 };
  const u = readUnits(text);
  for (let i = 0; i < text.length; i++) countUnit(u[i], t, traditional);
  return t;
}

/**
 * Normalises characters (see the file comment) and, in the same pass, counts the result as countText would
 * (`traditional`: the t→s table; without it nothing counts as changed).
 */
export function normalizeChars(src: Mapped, traditional: Uint8Array = NO_TABLE): { out: Mapped; stats: CharStats; counts: TextCounts } {
  const { text } = src;
  const stats: CharStats = { nul: 0, control: 0, zeroWidth: 0, replacement: 0 };
  const counts: TextCounts = { han: 0, space: 0, scriptHan: 0, changed: 0, ids: 0 };
  // the builder (a map as long as the text) only once something changes
  let b: ReturnType<typeof builder> | null = null;
  let run = 0;
  let han = 0;
  let space = 0;
  let changed = 0;
  const u = readUnits(text);
  for (let i = 0; i < text.length; i++) {
    const c = u[i];
    if (c >= 0x20 && c < 0x7f) {
      // fast path: printable ASCII
      if (c === 0x20) space++;
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      // fast path: CJK
      han++;
      changed += traditional[c];
      continue;
    }
    let rep: string | undefined;
    if (c === 0x0a) {
      space++;
      continue;
    }
    if (c === 0x0d) {
      rep = i + 1 < text.length && u[i + 1] === 0x0a ? "" : "\n";
    } else if (c === 0) {
      stats.nul++;
      rep = "";
    } else if (c === 0xfffd) {
      stats.replacement++;
      continue;
    } else if (IN_TABLE[c] !== 0 && (rep = TABLE.get(c)) !== undefined) {
      if (ZERO_WIDTH.has(c)) stats.zeroWidth++;
    } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      stats.control++;
      rep = "";
    } else {
      countUnit(c, counts, traditional);
      continue;
    }
    for (let k = 0; k < rep.length; k++) countUnit(rep.charCodeAt(k), counts, traditional);
    b ??= builder(text.length);
    b.copy(src, run, i);
    b.put(rep, src.map[i]);
    run = i + 1;
  }
  counts.han += han;
  counts.scriptHan += han;
  counts.space += space;
  counts.changed += changed;
  if (!b) return { out: src, stats, counts };
  b.copy(src, run, text.length);
  return { out: b.finish(src.map[text.length]), stats, counts };
}

// Pinyin glyph notes left by converter sites: 發(fā), 網(wǎng), 醫（yī）. A Han character, then a parenthesised
// Latin syllable of at most 6 letters that carries a tone mark — only then is it clearly pinyin, not an
// abbreviation or a list label like (a) or (GDP).
const PINYIN_LETTERS = "a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
const PINYIN_NOTE = new RegExp(`(?<=[\\u3400-\\u9fff])[(（]([${PINYIN_LETTERS}]{1,6})[)）]`, "g");
/** PINYIN_NOTE without its look-behind (which the regex engine would try at every position). */
const PINYIN_NOTE_AT = new RegExp(`[(（]([${PINYIN_LETTERS}]{1,6})[)）]`, "g");
const PINYIN_LETTER = new RegExp(`[${PINYIN_LETTERS}]`);
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]/;

/** Is some opening parenthesis followed by a pinyin letter, as every note is? Visits only the parentheses. */
function mayHoldNotes(text: string): boolean {
  for (const paren of ["(", "（"]) {
    for (let p = text.indexOf(paren); p >= 0 && p + 1 < text.length; p = text.indexOf(paren, p + 1)) {
      if (PINYIN_LETTER.test(text[p + 1])) return true;
    }
  }
  return false;
}

/** Drop pinyin notes after Han characters (the characters are simply left out, so offsets keep pointing into the original). */
export function stripPinyinNotes(src: Mapped): { out: Mapped; count: number } {
  const { text } = src;
  if (!mayHoldNotes(text)) return { out: src, count: 0 };
  PINYIN_NOTE_AT.lastIndex = 0;
  let b: ReturnType<typeof builder> | null = null;
  let run = 0;
  let count = 0;
  let m: RegExpExecArray | null;
  while ((m = PINYIN_NOTE_AT.exec(text))) {
    // the look-behind of PINYIN_NOTE, tested by hand: a candidate holds no opening parenthesis, so skipping it skips no match
    const before = m.index > 0 ? text.charCodeAt(m.index - 1) : 0;
    if (before < 0x3400 || before > 0x9fff) continue;
    if (!TONE_MARK.test(m[1])) continue;
    b ??= builder(text.length);
    b.copy(src, run, m.index);
    run = m.index + m[0].length;
    count++;
  }
  if (!b) return { out: src, count: 0 };
  b.copy(src, run, text.length);
  return { out: b.finish(src.map[text.length]), count };
}

/** The same for a plain string (page titles, header values). */
export function stripPinyinNotesText(s: string): string {
  return s.replace(PINYIN_NOTE, (all, syl: string) => (TONE_MARK.test(syl) ? "" : all));
}
