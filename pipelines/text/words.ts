// Tests of a string against a list of words, as plain loops (the stages run them per figure and per line).

/** The first of `words` that text holds starting at pos, or null. */
export function startsWithAny(text: string, pos: number, words: readonly string[]): string | null {
  for (const w of words) if (text.startsWith(w, pos)) return w;
  return null;
}

/** The first of `words` that text holds ending at pos, or null. */
export function endsWithAny(text: string, pos: number, words: readonly string[]): string | null {
  for (const w of words) if (pos - w.length >= 0 && text.startsWith(w, pos - w.length)) return w;
  return null;
}

/** Whether s holds any of `words`. */
export function includesAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

/** The stretch of `text` around `at` between two of `bounds` (characters: 。！？ …), the bounds left out. */
export function sentenceAround(text: string, at: number, bounds: string): string {
  let a = at;
  while (a > 0 && !bounds.includes(text[a - 1])) a--;
  let b = at;
  while (b < text.length && !bounds.includes(text[b])) b++;
  return text.slice(a, b);
}

/** A word as a regular expression that matches it literally (for alternations built from a word list). */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * `s` with every occurrence of `words` replaced by `filler` (once per character when `keepLength`, so offsets hold),
 * so the words inside them are not read.
 */
export function maskWords(s: string, words: readonly string[], filler: string, keepLength = true): string {
  for (const w of words) if (s.includes(w)) s = s.split(w).join(keepLength ? filler.repeat(w.length) : filler);
  return s;
}
