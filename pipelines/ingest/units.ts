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
