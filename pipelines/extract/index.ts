// extract: every welfare figure of a report as a metrics row, read the way an analyst reads it.
// segment (headings, sentences, plan parts) → quantities (number, unit, qualifier) → classify
// (kind, year, measure, domain, indicator). Pure and deterministic; reference data is loaded once.
import type { CleanText, Domain, DocumentDescription, FigureRow } from "../types.ts";
import { catalogIndicator, domainOf, fundedMoneyLabel, indicatorLabel, kindAndYear, measureOf, newDocumentMemo } from "../classify/index.ts";
import { ShareTotals } from "../classify/share-totals.ts";
import { clauseAround, segment, unwrapLines, type Heading } from "../segment/index.ts";
import { findQuantities, type Quantity } from "./quantities.ts";
import { ENUMERATION_MARK, loadExtractReference as load, type ExtractReference } from "./reference.ts";
import { isJsSpace } from "../text/chars.ts";
import { includesAny } from "../text/words.ts";

export type { ExtractReference } from "./reference.ts";

export function loadExtractReference(dir: string): ExtractReference {
  return load(dir);
}

/** Offsets of a clean span [a, b) in the original text (through the unwrap map when lines were joined). */
/** Where text[a, b) of the clean text lies in the original: `map` takes a clean-text offset to an original one. */
function originalSpan(map: Int32Array, a: number, b: number): [number, number] {
  const start = map[a];
  return [start, b > a ? map[b - 1] + 1 : start];
}

/**
 * The clean text's map to the original, seen from the unwrapped text (`unwrap`: unwrapped offset → clean offset).
 * Made once per hard-wrapped document, so that originalSpan has one map to read: with a branch for the unwrapped
 * case, which no document took before the code was optimised, the first hard-wrapped one threw the optimised
 * extractFigures away in every worker.
 */
function throughUnwrap(toOriginal: Int32Array, unwrap: Int32Array | null): Int32Array {
  if (!unwrap) return toOriginal;
  const map = new Int32Array(unwrap.length);
  for (let i = 0; i < unwrap.length; i++) map[i] = toOriginal[unwrap[i]];
  return map;
}

/** Only a conjunction between two figures (30%和 20%, 30%、20%): measure-markers.json coordinatingWords. */
function coordinated(text: string, a: number, b: number, ref: ExtractReference): boolean {
  return ref.measure.coordinatingWords.includes(text.slice(a, b).trim());
}

/** Whether the figure at b sits in an item right after a、 that closes the figure ending at a, with no word of a thing done in the item. */
function listItemAfter(text: string, a: number, b: number, ref: ExtractReference): boolean {
  if (ref.clauseSeparators[text.charCodeAt(a)] !== ENUMERATION_MARK) return false;
  for (let i = a + 1; i < b; i++) if (ref.clauseSeparators[text.charCodeAt(i)] !== 0) return false;
  // the item runs on after the figure to the next mark (敬老院5所已投入使用)
  let end = b;
  while (end < text.length && end - b < 40 && ref.clauseSeparators[text.charCodeAt(end)] === 0) end++;
  const item = text.slice(a + 1, end);
  return !includesAny(item, ref.plan.completedVerbs) && !includesAny(item, ref.plan.achievedAfterPlanWord) && !includesAny(item, ref.plan.listItemDoneWords);
}

/** text.slice(a, b).replace(/\s+/g, " ").trim(), read on the text and rewritten only when it has white space. */
function collapseSpaces(text: string, a: number, b: number): string {
  for (let i = a; i < b; i++) if (isJsSpace(text.charCodeAt(i))) return text.slice(a, b).replace(/\s+/g, " ").trim();
  return text.slice(a, b);
}

/**
 * A sentence's heading path, " > "-joined, each heading without its end marks (headings.json endMarks).
 * The path under a heading is fixed while it is open, so each heading's path is built once, from its parent's. The
 * marks are replaced on every heading, with or without them: a branch taken only for headings ending in one was
 * first taken after extractFigures, which this is inlined into, had been optimised, and threw that code away.
 */
function sectionOf(headings: Heading[], cache: Map<Heading, string>, endMarks: RegExp): string {
  const n = headings.length;
  if (n === 0) return "";
  const cached = cache.get(headings[n - 1]);
  if (cached !== undefined) return cached;
  let k = n - 1;
  while (k > 0 && !cache.has(headings[k - 1])) k--;
  let path = k > 0 ? cache.get(headings[k - 1])! : "";
  for (let j = k; j < n; j++) {
    const h = headings[j];
    const text = h.text.replace(endMarks, "");
    path = j > 0 ? path + " > " + text : text;
    cache.set(h, path);
  }
  return path;
}

/**
 * Where the next figure ends when it is paired with q as two counts of the same people (14035户25559人, 1300户共2308人:
 * households, then persons, nothing but indicator-labels.json pairedCounts.links between); else -1.
 */
function pairedEnd(text: string, q: Quantity, next: Quantity | undefined, ref: ExtractReference): number {
  const { units, links } = ref.labels.pairedCounts;
  if (!next || q.unit === next.unit || !units.has(q.unit) || !units.has(next.unit)) return -1;
  const between = text.slice(q.end, next.start).trim();
  return between === "" || links.includes(between) ? next.end : -1;
}

export function extractFigures(clean: CleanText, desc: DocumentDescription, ref: ExtractReference): FigureRow[] {
  // Hard-wrapped lines are joined first, so sentences and headings are read whole.
  const unwrapped = unwrapLines(clean.text, ref.headings, undefined, ref.isTableLine);
  const text = unwrapped.text;
  const toOriginal = throughUnwrap(clean.toOriginal, unwrapped.map);
  // Sentences, headings and candidate numerals in one pass over the text.
  const seg = segment(text, ref, desc.reportYear, desc.period, ref);
  const reportYear = desc.reportYear ?? seg.reportYear;
  const memo = newDocumentMemo();
  const rows: FigureRow[] = [];
  const cands = seg.numerals!;
  const sectionCache = new Map<Heading, string>();
  // Sentences come in text order: a moving index into the candidates skips sentences without a numeral.
  let nextCand = 0;
  let prevStart = -1;
  // The domains of the sentence before's figures, by unit, the last of each (a 其中 sentence breaks one down).
  let lastDomains = new Map<string, Domain>();
  // What a share after 其中 is a share of.
  const totals = new ShareTotals(ref.labels.shares);
  for (const sent of seg.sentences) {
    if (sent.start < prevStart) nextCand = 0;
    prevStart = sent.start;
    while (nextCand < cands.starts.length && cands.starts[nextCand] < sent.start) nextCand++;
    if (nextCand === cands.starts.length || cands.starts[nextCand] >= sent.end) continue;
    const quantities = findQuantities(text, sent.start, sent.end, ref, cands);
    if (!quantities.length) continue;
    const sentence = sent.spaced === false ? text.slice(sent.start, sent.end) : collapseSpaces(text, sent.start, sent.end);
    const section = sectionOf(sent.headings, sectionCache, ref.headings.endMarks);
    let prev: { end: number; base: string; measure: string; unit: string } | undefined;
    totals.startSentence(text, sent, ref.domains.continuationStarts);
    const carried = lastDomains;
    const domains = new Map<string, Domain>();
    // The figure just before, while its label may still take what the next clause says it paid for (fundedMoneyLabel).
    let money: { row: number; base: string; end: number; clause: string } | null = null;
    for (let qi = 0; qi < quantities.length; qi++) {
      const q = quantities[qi];
      const ky = kindAndYear(text, sent, q, ref, reportYear);
      const year = ky.year;
      let kind = ky.kind;
      // 年内计划新培育社区400个、村屯370个: an item of a list shares the plan of the item before, unless it says done
      if (kind === "actual" && qi > 0 && rows.length > 0 && rows[rows.length - 1].kind === "target" && rows[rows.length - 1].year === year && listItemAfter(text, quantities[qi - 1].end, q.start, ref)) kind = "target";
      let measure = measureOf(text, sent, q, ref);
      // 提高幅度达30%和20%: a figure joined to a change by 和/与/、 is the same kind of change.
      if (measure !== "change" && prev?.measure === "change" && prev.unit === q.unit && coordinated(text, prev.end, q.start, ref)) measure = "change";
      let domain = domainOf(text, sent, q, ref, memo, carried.get(q.unit) ?? null);
      const { label: indicator, base, shareOf, ofPrevious } = indicatorLabel(text, sent, q, q.unit, measure, ref, prev, pairedEnd(text, q, quantities[qi + 1], ref), totals.totalFor(q.unit, q.start));
      if (ofPrevious && qi > 0) domain = rows[rows.length - 1].domain;
      prev = { end: q.end, base, measure, unit: q.unit };
      totals.record(q.unit, shareOf ?? base, q.start);
      domains.set(q.unit, domain);
      const [sa, sb] = q.item ?? clauseAround(text, sent.start, sent.end, q.numStart, ref.clauseSeparators, true);
      if (money) {
        const named = fundedMoneyLabel(text, money.base, money.end, sa, base, q.unit, rows[money.row].measure, ref);
        if (named) {
          const r = rows[money.row];
          r.indicator = named.label;
          r.indicator_id = catalogIndicator(named.label, money.clause, r.unit, r.measure, r.domain, ref.indicators);
        }
      }
      const clause = text.slice(sa, sb);
      money = q.unit === "yuan" ? { row: rows.length, base, end: sb, clause } : null;
      const indicator_id = catalogIndicator(indicator, clause, q.unit, measure, domain, ref.indicators);
      const [start, end] = originalSpan(toOriginal, q.start, q.end);
      rows.push({
        section,
        sentence,
        quote: clean.original.slice(start, end),
        start,
        end,
        value: q.value,
        unit: q.unit,
        measure_word: q.measureWord,
        qualifier: q.qualifier,
        low: q.low,
        high: q.high,
        kind,
        measure,
        year,
        domain,
        indicator,
        indicator_id,
      });
    }
    lastDomains = domains;
  }
  return rows;
}
