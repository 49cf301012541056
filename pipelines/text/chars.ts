// Character-level helpers every stage's hot loops share.
//
// Scanning a string's code units from a typed array. charCodeAt in a hot loop is only fast while every string it sees
// has the same internal kind; ingest passes flat, sliced and one-/two-byte strings through the same functions, which
// makes it several times slower. A native copy (Buffer.write, utf16le) costs a fraction of one charCodeAt pass.

/** A reader with its own reused buffer: `read(text, n)` returns the first n code units of text (valid until the next read). */
export function unitReader(): (text: string, n?: number) => Uint16Array {
  let buf = new Uint16Array(1 << 14);
  return (text, n = text.length) => {
    if (buf.length < n) buf = new Uint16Array(Math.max(n, buf.length * 2));
    if (n > 0) Buffer.from(buf.buffer, 0, n * 2).write(n < text.length ? text.slice(0, n) : text, "utf16le");
    return buf;
  };
}

let decodeUnits = new Uint16Array(1 << 16);
/** The decoders' buffer is kept up to this size (16 MB); a larger file gets one of its own. */
const KEEP_DECODE_UNITS = 1 << 23;

/**
 * Room for a decoder to write `n` code units: one buffer reused by every decoder (UTF-8, GB18030, Big5), each of
 * which turns what it wrote into a string before it returns, so the next call may overwrite it.
 */
export function decodeSpace(n: number): Uint16Array {
  if (decodeUnits.length < n && n <= KEEP_DECODE_UNITS) decodeUnits = new Uint16Array(Math.min(KEEP_DECODE_UNITS, Math.max(n, decodeUnits.length * 2)));
  return decodeUnits.length >= n ? decodeUnits : new Uint16Array(n);
}

/**
 * s.charCodeAt(i), or -1 past either end of s. charCodeAt's NaN there, the first time hot code met it, threw away
 * the optimised code of the function and of every caller it was inlined into.
 */
export function codeAt(s: string, i: number): number {
  return i >= 0 && i < s.length ? s.charCodeAt(i) : -1;
}

/** What a regex's \s matches (and String.prototype.trim removes): white space and line terminators. */
export function isJsSpace(c: number): boolean {
  // Chinese characters (most of the text) first: above U+3000 only U+FEFF is a space.
  if (c > 0x3000) return c === 0xfeff;
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** A flag per UTF-16 code unit, 1 for the given ones: "may this character start / end / be …?" in one array read. */
export function codeFlags(codes: Iterable<number>): Uint8Array {
  const t = new Uint8Array(65536);
  for (const c of codes) t[c] = 1;
  return t;
}

/** An ASCII digit 0-9. */
export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A digit, ASCII or full-width (０-９). */
export function isDigitCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** Whether `chars` holds the character with code c, without making a one-character string of it (text[i] of a Chinese character is a new string every time). */
export function holdsCode(chars: string, c: number): boolean {
  for (let k = 0; k < chars.length; k++) if (chars.charCodeAt(k) === c) return true;
  return false;
}
