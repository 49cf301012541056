// What a figure named as a share after 其中 is a share of (indicator-labels.json shares): the totals a sentence has
// named, by unit, read in parts between semicolons. Kept per document by extractFigures and handed to
// indicatorLabel as the figure's sameUnitBase; one instance per document, its maps reused from sentence to sentence.
import type { LabelRules } from "../extract/reference.ts";
import type { Sentence } from "../segment/index.ts";
import { startsWithAny } from "../text/words.ts";

export class ShareTotals {
  /** This sentence's totals by unit ("" where two of one unit in a part leave it open), and the last sentence's. */
  private totals = new Map<string, string>();
  private last = new Map<string, string>();
  /** Units whose total the current part has named. */
  private readonly inPart = new Set<string>();
  private text = "";
  private end = 0;
  /** How far the sentence has been read for a part's end, and where the current part's shares start. */
  private scanned = 0;
  private sharesFrom = 0;

  constructor(private readonly rules: LabelRules["shares"]) {}

  /**
   * A new sentence. One that opens on 其中 (continuationStarts) breaks down the one before: its totals come from there.
   */
  startSentence(text: string, sent: Sentence, continuationStarts: readonly string[]): void {
    const emptied = this.last;
    this.last = this.totals;
    this.totals = emptied;
    this.totals.clear();
    if (startsWithAny(text, sent.start, continuationStarts) !== null) for (const [unit, base] of this.last) this.totals.set(unit, base);
    this.text = text;
    this.end = sent.end;
    this.scanned = sent.start;
    this.sharesFrom = this.firstOpener(sent.start);
    this.inPart.clear();
  }

  /** The total a figure starting at `at` (with unit `unit`) may be a share of ("" when none). */
  totalFor(unit: string, at: number): string {
    this.readTo(at);
    return this.totals.get(unit) ?? "";
  }

  /**
   * The figure at `at` was labelled `base` (a share: shareOf, its total). Before the part's shares it is a total (a
   * second of its unit in the part leaves the total open); among them only when no total of its unit came before
   * (其中保华镇2户, 大河镇8户: each place its own).
   */
  record(unit: string, base: string, at: number): void {
    if (!base) return;
    if (this.sharesFrom < at) {
      if (!this.totals.has(unit)) this.totals.set(unit, base);
      return;
    }
    this.totals.set(unit, this.inPart.has(unit) ? "" : base);
    this.inPart.add(unit);
  }

  /** Moves the current part up to `at`: after a semicolon a new part starts, which may name new totals. */
  private readTo(at: number): void {
    const ends = this.rules.partEnds;
    // char codes, not text[i]: a one-character string of a Chinese character is a new allocation every time
    for (let i = at - 1; i >= this.scanned; i--) {
      if (ends.includes(this.text.charCodeAt(i))) {
        this.sharesFrom = this.firstOpener(i + 1);
        this.inPart.clear();
        break;
      }
    }
    if (at > this.scanned) this.scanned = at;
  }

  /** Where the first share opener (其中) starts from `from` to the sentence's end, or the end. */
  private firstOpener(from: number): number {
    const words = this.rules.openers;
    const text = this.text;
    for (let i = from; i < this.end; i++) {
      const c = text.charCodeAt(i);
      for (let k = 0; k < words.length; k++) if (words[k].charCodeAt(0) === c && text.startsWith(words[k], i)) return i;
    }
    return this.end;
  }
}
