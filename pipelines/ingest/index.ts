// Ingest: bytes → clean simplified text with a map back to the original.
//   decode (BOMs, UTF-16, UTF-8, GB18030, Big5) → [HTML → text] = the original
//   → normalise characters → traditional → simplified → header/furniture/page chunks → PDF spaces.
// Every step returns text plus a map, so toOriginal always points into `original`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileReferenceJson } from "../reference-json.ts";
import { escapeRegExp } from "../text/words.ts";
import type { CleanText, DocumentStatus, IngestOutcome, RawFile } from "../types.ts";
import { compileBoilerplate, stripBoilerplate, type BoilerplateReference } from "./boilerplate.ts";
import { decodeBytes, type DecodeReference } from "./decode.ts";
import { htmlToText, looksLikeHtml } from "./html.ts";
import { countText, normalizeChars, stripPinyinNotes, stripPinyinNotesText } from "./normalize.ts";
import { identity } from "./offsets.ts";
import { makeConverter, scriptOf, toSimplified, traditionalTable, type Convert } from "./script.ts";
import { fixPdfWords, fixSpaces, isLetterSpaced, removeLetterSpacing, type SpaceReference } from "./spaces.ts";
import { compileTableRows } from "../extract/table-rows.ts";

export interface IngestReference {
  decode: DecodeReference;
  boilerplate: BoilerplateReference;
  spaces: SpaceReference;
  convert: Convert;
  /** 1 for characters that t→s conversion changes (see script.ts). */
  traditional: Uint8Array;
}

/** Lines of a reference word list: `#` starts a comment, blank lines ignored. */
export function readList(path: string): string[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, "").trim())
    .filter(Boolean);
}

const SIGNATURES: Array<[string, string]> = [
  ["25504446", "a PDF document"],
  ["504b0304", "a ZIP archive (DOCX/XLSX?)"],
  ["d0cf11e0a1b11ae1", "an MS Office binary document (DOC/XLS)"],
  ["89504e47", "a PNG image"],
  ["ffd8ff", "a JPEG image"],
  ["47494638", "a GIF image"],
  ["7b5c727466", "an RTF document"],
  ["1f8b", "a gzip archive"],
  ["526172211a07", "a RAR archive"],
  ["377abcaf271c", "a 7z archive"],
  ["7f454c46", "an ELF executable"],
  ["4d5a", "a Windows executable"],
];

/** A character that occurs in every word, or "". */
function sharedChar(words: string[]): string {
  if (!words.length) return "";
  for (const ch of words[0]) if (words.every((w) => w.includes(ch))) return ch;
  return "";
}

function loadSpaceReference(dir: string): SpaceReference {
  const pdfFixes = new Map<string, string>();
  for (const line of readList(join(dir, "ingest-pdf-fixes.csv"))) {
    const [wrong, right] = line.split(",").map((x) => x.trim());
    if (wrong && right && wrong !== "wrong" && wrong.length === right.length) pdfFixes.set(wrong, right);
  }
  const alternatives = [...pdfFixes.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return {
    splitUnits: new Set(readList(join(dir, "ingest-split-units.txt"))),
    pdfFixes,
    pdfFixRe: alternatives.length ? new RegExp(alternatives.join("|"), "g") : null,
    pdfFixMark: sharedChar([...pdfFixes.keys()]),
    // a table row keeps its cells' spacing (table-rows.json)
    tableRows: compileReferenceJson(dir, "table-rows.json", compileTableRows),
  };
}

export function loadIngestReference(dir: string): IngestReference {
  const common = new Set<number>();
  for (const line of readList(join(dir, "ingest-common-chars.txt"))) for (const ch of line) common.add(ch.charCodeAt(0));
  const convert = makeConverter();
  const signatures = SIGNATURES.map(([hex, name]) => [Uint8Array.from(Buffer.from(hex, "hex")), name] as [Uint8Array, string]);
  return {
    decode: { signatures, common },
    boilerplate: compileReferenceJson(dir, "boilerplate.json", compileBoilerplate),
    spaces: loadSpaceReference(dir),
    convert,
    traditional: traditionalTable(convert),
  };
}

const LONG_LINE = 100_000;

function rejected(encoding: string, problem: string): IngestOutcome {
  return { clean: null, encoding, status: "rejected", problems: [problem] };
}

/** Are there at least `k` Han characters (U+3400–9FFF)? Stops counting at k. */
function hasHan(text: string, k: number): boolean {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff && ++n >= k) return true;
  }
  return false;
}

function longestLine(text: string): number {
  let best = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf("\n", pos);
    if (nl < 0) nl = text.length;
    if (nl - pos > best) best = nl - pos;
    pos = nl + 1;
  }
  return best;
}

/** No work report is this large; beyond it the offset maps alone would need gigabytes. */
const MAX_BYTES = 64 * 1024 * 1024;

export function ingestFile(file: RawFile, ref: IngestReference): IngestOutcome {
  if (file.bytes.length > MAX_BYTES) {
    return rejected("", `too large for one report: ${(file.bytes.length / 1024 / 1024).toFixed(0)} MB (limit ${MAX_BYTES / 1024 / 1024} MB)`);
  }
  const decoded = decodeBytes(file.bytes, ref.decode);
  if (decoded.fatal) return rejected(decoded.encoding, decoded.fatal);
  const problems = [...decoded.problems];
  let encoding = decoded.encoding;
  let original = decoded.text;
  let titleHint = "";
  const header: Record<string, string> = {};

  const isHtmlName = /\.x?html?$/i.test(file.name);
  if (isHtmlName || looksLikeHtml(original)) {
    // For HTML the extracted text is the original (see html.ts): offsets point into it.
    const page = htmlToText(original);
    original = page.text;
    encoding = `html+${encoding}`;
    titleHint = page.title;
    for (const [k, v] of Object.entries(page.meta)) if (v) header[k] = v;
  }

  if (!original.trim()) {
    return rejected(encoding, decoded.text.length ? "no text: the file contains only whitespace or markup" : "empty file (no characters)");
  }

  const normalized = normalizeChars(identity(original), ref.traditional);
  const stats = normalized.stats;
  const letterSpaced = isLetterSpaced(normalized.out.text);
  const spaced = letterSpaced ? removeLetterSpacing(normalized.out) : normalized.out;
  const pinyin = stripPinyinNotes(spaced);
  const normal = pinyin.out;
  if (stats.nul) problems.push(`${stats.nul} NUL character(s) removed`);
  if (stats.control) problems.push(`${stats.control} control character(s) removed`);
  const bad = stats.replacement;
  if (!normal.text.trim()) return rejected(encoding, "no text: only NUL/control/whitespace characters");

  // what normalisation counted holds unless letter spacing or pinyin notes were removed after it
  const counts = normal === normalized.out ? normalized.counts : countText(normal.text, ref.traditional);
  const han = counts.han;
  const visible = normal.text.length - counts.space;
  if (bad > 0 && bad > visible * 0.2) {
    return rejected(encoding, `undecodable: ${bad} of ${visible} characters could not be decoded (�)`);
  }
  if (han < 10) {
    return rejected(encoding, `no Chinese text: only ${han} Chinese character(s) in ${visible} visible characters`);
  }
  if (han < visible * 0.2) problems.push(`little Chinese text: ${han} Chinese characters in ${visible} visible characters`);
  if (stats.nul > visible * 0.01) problems.push("many NUL bytes: the file may be damaged or in the wrong encoding");

  const detected = { script: scriptOf(counts.changed, counts.scriptHan) };
  const simplified = detected.script === "traditional" ? toSimplified(normal, ref.convert, counts.ids) : normal;

  const bp = stripBoilerplate(simplified, ref.boilerplate);
  for (const [k, v] of Object.entries(bp.header)) if (!header[k]) header[k] = v;
  if (bp.titleHint) titleHint = bp.titleHint;
  // repaired layout is worth a note in documents.problems but does not make the document a warning
  const notes: string[] = [];
  if (letterSpaced) notes.push("every character was followed by a space (PDF conversion?); the spaces were removed");
  if (pinyin.count) notes.push(`${pinyin.count} pinyin note(s) after characters (發(fā)), left by a conversion site, were removed`);
  if (bp.chunks) notes.push(`text was cut into ${bp.chunks} numbered page chunks by a document viewer; rejoined`);
  if (bp.unwrapped) notes.push(`text was hard-wrapped at a fixed width (PDF conversion?); ${bp.unwrapped} line breaks inside paragraphs removed`);
  if (pinyin.count) {
    titleHint = stripPinyinNotesText(titleHint);
    for (const k of Object.keys(header)) header[k] = stripPinyinNotesText(header[k]);
  }
  if (detected.script === "traditional") {
    // the page title and meta tags came from the page as written
    if (titleHint) titleHint = ref.convert(titleHint);
    for (const k of Object.keys(header)) header[k] = ref.convert(header[k]);
  }

  const body = fixPdfWords(fixSpaces(bp.body, ref.spaces), ref.spaces);
  const longest = longestLine(body.text);
  if (longest >= LONG_LINE) problems.push(`one line of ${longest.toLocaleString("en")} characters: the text has no line breaks (paragraphs and headings cannot be told apart)`);
  if (!hasHan(body.text, 10)) return rejected(encoding, "no report text left after removing page furniture");

  const status: DocumentStatus = problems.length ? "warning" : "ok";
  problems.push(...notes);

  const clean: CleanText = {
    original,
    encoding,
    text: body.text,
    toOriginal: body.map,
    script: detected.script,
    header,
    titleHint: titleHint.trim(),
    problems,
  };
  return { clean, encoding, status, problems };
}
