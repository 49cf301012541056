// The compact gazetteer (data/reference/gazetteer/*.json, built by scripts/build-gazetteer.ts) as lookup tables,
// plus the zone alias table (data/reference/zone-aliases.csv). Loaded once per worker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { compileReferenceJson, readReferenceJson, referencePattern, referenceWords } from "../reference-json.ts";
import { unitReader } from "../text/chars.ts";
import { endsWithAny } from "../text/words.ts";
import type { AdminLevel } from "../types.ts";

export type PlaceLevel = "province" | "city" | "county" | "zone" | "town";

export interface Place {
  /** Full name as written: 浙江省, 苏州市, 慈溪市, 瑶溪街道, 宁波高新区. */
  name: string;
  level: PlaceLevel;
  /** GB/T 2260 six-digit code this place resolves to (towns: their county; zones: their parent division). */
  code: string;
  /** Codes of the province, city and county containing it (six digits, "" where not applicable). */
  province: string;
  city: string;
  county: string;
  /** Read from place-aliases.csv (北京城市副中心, 双矿集团): "named", or "generic" (counts only beside a named alias of the same division). */
  alias?: "named" | "generic";
  /** A zone made up from a city's short name and a zone word, no listed zone: that short name (岳阳经开区 → 岳阳; place-names.json cityZoneWords). */
  madeFrom?: string;
}

export interface Division {
  code: string;
  name: string;
  level: AdminLevel;
  province: string; // six-digit code
  city: string;
  county: string;
}

export interface Gazetteer {
  /**
   * Full names (with their suffix) → places. A name only towns have holds the codes of the counties listing it
   * ("|"-joined) until a text names it: read it with placesOf.
   */
  full: Map<string, Place[] | string>;
  /** Short names (苏州, 慈溪, 广西; at least two characters) of provinces, cities and counties → places. */
  short: Map<string, Place[]>;
  /** City abbreviation + first character of a county (温龙 → 温州市龙湾区, 龙港市): document-number prefixes. */
  abbrev: Map<string, Place[]>;
  /** Last character of full names → the lengths of the names ending with it, longest first. */
  lastChars: Map<number, number[]>;
  /** 1 where a UTF-16 code unit ends some full name (a fast first test before lastChars). */
  isLast: Uint8Array;
  maxFull: number;
  maxShort: number;
  divisions: Map<string, Division>;
  /** The place of a town of this name listed under this county code. */
  townIn: (county: string, name: string) => Place;
  /** How names are shortened, and the place words region reads texts with (place-names.json). */
  names: PlaceNameRules;
}

/** place-names.json, compiled. */
export interface PlaceNameRules {
  autonomousName: RegExp;
  /** Longest first. */
  levelSuffixes: string[];
  shortNameFixes: Map<string, string>;
  municipalCity: string;
  directlyAdministered: string;
  zoneForms: Array<[RegExp, string[]]>;
  /** Zone words after a city's short name that name a zone of that city not in the statistical list (岳阳经开区). */
  cityZoneWords: string[];
  /** Level word of an autonomous division → the character its everyday form ends with (自治州 → 州). */
  autonomousForms: Map<string, string>;
  authorAfterShortName: string[];
  /** Verbs right before a cited title (出台《…》) that make it the author's own document (place-names.json issuingVerbs). */
  issuingVerbs: string[];
  /** What the clause before an issuing verb may not hold: another body (龙岗区政府印发…); issuerSelf words are the author. */
  issuerNotBefore: string[];
  issuerSelf: string[];
  /** The bare bureau (区民政局: the agency's level character, then this) that may stand there too. */
  issuerBureau: string;
  /** Where the clause before an issuing verb starts (after one of these). */
  issuerClauseBounds: string;
  /** After a province's short name: the words that make it the author speaking of itself (山东民政系统). */
  provinceAuthorAfter: string[];
  provinceNotAuthorSentence: string[];
  /** The author's word for itself before a level word (我 of 我市). */
  selfWord: string;
  /** Marks after which a county opening a clause before authorAfterShortName speaks as the author (place-names.json). */
  authorOpensAfter: string;
  /** What may stand before a town opening a title or line (place-names.json openingTag). */
  openingTag: RegExp;
  /** A county's mention right after these, or in a sentence with these, is not the author's (place-names.json). */
  notAuthorBefore: string[];
  notAuthorSentence: string[];
  /** What bounds the sentence notAuthorSentence is looked for in. */
  notAuthorSentenceBounds: string;
  notAuthorNames: Set<string>;
  /** Short names that are everyday words (平安民政, 长寿社会): never the author's place before 民政/社会. */
  notAuthorShortNames: Set<string>;
  redactedLower: RegExp;
  documentNumber: RegExp;
  documentNumberEnd: string;
  levelWords: { province: string[]; city: string[]; county: string[] };
}

interface PlaceNamesFile {
  autonomousName: string;
  levelSuffixes: string[];
  shortNameFixes?: Record<string, string>;
  municipalCity: string;
  directlyAdministered: string;
  zoneForms?: { ending: string; forms: string[] }[];
  cityZoneWords?: string[];
  autonomousForms?: Record<string, string>;
  authorAfterShortName: string[];
  issuingVerbs?: string[];
  issuerNotBefore?: string[];
  issuerSelf?: string[];
  issuerBureau?: string;
  issuerClauseBounds?: string;
  provinceAuthorAfter?: string[];
  provinceNotAuthorSentence?: string[];
  selfWord?: string;
  authorOpensAfter?: string;
  openingTag?: string;
  notAuthorBefore?: string[];
  notAuthorSentence?: string[];
  notAuthorSentenceBounds?: string;
  notAuthorNames?: string[];
  notAuthorShortNames?: string[];
  redactedLower: string;
  documentNumber: string;
  documentNumberEnd: string;
  levelWords: { province: string[]; city: string[]; county: string[] };
}

export function compilePlaceNames(r: PlaceNamesFile): PlaceNameRules {
  const where = "place-names.json";
  const pattern = (x: unknown, name: string) => referencePattern(x, where, name);
  const words = (x: unknown, name: string) => referenceWords(x, where, name);
  const documentNumber = pattern(r.documentNumber, "documentNumber");
  if (typeof r.documentNumberEnd !== "string" || !r.documentNumberEnd || !r.documentNumber.endsWith(`${r.documentNumberEnd}$`)) {
    throw new Error(`${where}: "documentNumberEnd" must be what documentNumber ends with`);
  }
  const levels = r.levelWords ?? ({} as PlaceNamesFile["levelWords"]);
  return {
    autonomousName: pattern(r.autonomousName, "autonomousName"),
    levelSuffixes: [...words(r.levelSuffixes, "levelSuffixes")].sort((a, b) => b.length - a.length),
    shortNameFixes: new Map(Object.entries(r.shortNameFixes ?? {})),
    municipalCity: String(r.municipalCity ?? ""),
    directlyAdministered: String(r.directlyAdministered ?? ""),
    zoneForms: (r.zoneForms ?? []).map((z, i) => [pattern(z.ending, `zoneForms[${i}].ending`), words(z.forms, `zoneForms[${i}].forms`)]),
    cityZoneWords: words(r.cityZoneWords ?? [], "cityZoneWords"),
    autonomousForms: new Map(Object.entries(r.autonomousForms ?? {})),
    authorAfterShortName: words(r.authorAfterShortName, "authorAfterShortName"),
    issuingVerbs: words(r.issuingVerbs ?? [], "issuingVerbs"),
    issuerNotBefore: words(r.issuerNotBefore ?? [], "issuerNotBefore"),
    issuerSelf: words(r.issuerSelf ?? [], "issuerSelf"),
    issuerBureau: String(r.issuerBureau ?? ""),
    issuerClauseBounds: String(r.issuerClauseBounds ?? "，,。；;：:\n"),
    provinceAuthorAfter: words(r.provinceAuthorAfter ?? [], "provinceAuthorAfter"),
    provinceNotAuthorSentence: words(r.provinceNotAuthorSentence ?? [], "provinceNotAuthorSentence"),
    selfWord: String(r.selfWord ?? ""),
    authorOpensAfter: String(r.authorOpensAfter ?? ""),
    openingTag: r.openingTag ? pattern(r.openingTag, "openingTag") : /^\s*$/,
    notAuthorBefore: words(r.notAuthorBefore ?? [], "notAuthorBefore"),
    notAuthorSentence: words(r.notAuthorSentence ?? [], "notAuthorSentence"),
    notAuthorSentenceBounds: String(r.notAuthorSentenceBounds ?? "\n"),
    notAuthorNames: new Set(words(r.notAuthorNames ?? [], "notAuthorNames")),
    notAuthorShortNames: new Set(words(r.notAuthorShortNames ?? [], "notAuthorShortNames")),
    redactedLower: pattern(r.redactedLower, "redactedLower"),
    documentNumber,
    documentNumberEnd: r.documentNumberEnd,
    levelWords: { province: words(levels.province, "levelWords.province"), city: words(levels.city, "levelWords.city"), county: words(levels.county, "levelWords.county") },
  };
}

/**
 * The places of a full name. A name only towns have is built into its places when first read, and kept: of ~33,000
 * town names a worker reads few, and building them all took ~35 ms (a third) of loading the gazetteer.
 */
export function placesOf(gz: Gazetteer, key: string): Place[] | undefined {
  const v = gz.full.get(key);
  if (typeof v !== "string") return v;
  const places: Place[] = [];
  for (const county of v.split("|")) addPlace(places, gz.townIn(county, key));
  gz.full.set(key, places);
  return places;
}

/** 苏州市 → 苏州, 延边朝鲜族自治州 → 延边, 广西壮族自治区 → 广西, 泾县 → "" (too short to stand alone); place-names.json. */
export function shortName(name: string, rules: PlaceNameRules): string {
  let s = name;
  const m = rules.autonomousName.exec(s);
  if (m) s = m[1];
  else {
    const suffix = endsWithAny(s, s.length, rules.levelSuffixes);
    if (suffix) s = s.slice(0, -suffix.length);
  }
  s = rules.shortNameFixes.get(s) ?? s;
  return s.length >= 2 && s !== name ? s : "";
}

/** The everyday form of an autonomous city or county, or "": 果洛藏族自治州 → 果洛州 (place-names.json autonomousForms). */
function autonomousForm(name: string, rules: PlaceNameRules): string {
  for (const [ending, char] of rules.autonomousForms) {
    if (!name.endsWith(ending)) continue;
    const s = shortName(name, rules);
    return s ? s + char : "";
  }
  return "";
}

/** Zone short forms: 长春高新技术产业开发区 → 长春高新区, 徐州经济技术开发区 → 徐州经开区 (place-names.json zoneForms). */
function zoneForms(name: string, rules: PlaceNameRules): string[] {
  const forms = [name];
  for (const [re, reps] of rules.zoneForms) if (re.test(name)) for (const r of reps) forms.push(name.replace(re, r));
  return forms;
}

function add(map: Map<string, Place[]>, key: string, place: Place): void {
  const list = map.get(key);
  if (!list) map.set(key, [place]);
  else addPlace(list, place);
}

/** A place added to a name's list unless the list holds it already. */
function addPlace(list: Place[], place: Place): void {
  if (!list.some((p) => p.code === place.code && p.level === place.level && p.name === place.name)) list.push(place);
}

export function loadGazetteer(dir: string): Gazetteer {
  const read = <T>(name: string): T => readReferenceJson<T>(join(dir, "gazetteer"), name);
  const div = read<{ provinces: Record<string, string>; cities: Record<string, [string, string]>; counties: Record<string, [string, string]> }>("divisions.json");
  const zones = read<{ zones: Record<string, [string, string]> }>("zones.json").zones;
  const towns = read<{ towns: Record<string, string> }>("towns.json").towns;
  const names = compileReferenceJson(dir, "place-names.json", compilePlaceNames);
  const shortOf = (name: string) => shortName(name, names);
  const directly = (name: string) => names.directlyAdministered !== "" && name.includes(names.directlyAdministered);

  const full = new Map<string, Place[]>();
  const short = new Map<string, Place[]>();
  const divisions = new Map<string, Division>();
  const everyday: Array<[string, Place]> = [];
  const cityZones: Array<[string, string, Place]> = []; // short name, zone name, place
  const p6 = (c: string) => c.padEnd(6, "0");
  const provinceName = (code2: string) => div.provinces[code2] ?? "";

  for (const [code2, name] of Object.entries(div.provinces)) {
    const code = p6(code2);
    const place: Place = { name, level: "province", code, province: code, city: "", county: "" };
    add(full, name, place);
    const s = shortOf(name);
    if (s) add(short, s, place);
    divisions.set(code, { code, name, level: "province", province: code, city: "", county: "" });
  }
  for (const [code4, [name0, prov2]] of Object.entries(div.cities)) {
    const code = p6(code4);
    const province = p6(prov2);
    // municipalities list their districts under 市辖区: the city is the municipality itself
    const municipal = name0 === names.municipalCity;
    const name = municipal ? provinceName(prov2) : name0;
    if (directly(name0)) continue;
    divisions.set(code, { code, name, level: "city", province, city: code, county: "" });
    if (municipal) continue;
    const place: Place = { name, level: "city", code, province, city: code, county: "" };
    add(full, name, place);
    const s = shortOf(name);
    if (s) add(short, s, place);
    everyday.push([autonomousForm(name, names), place]);
    if (s) for (const w of names.cityZoneWords) cityZones.push([s, s + w, { name: s + w, level: "zone", code, province, city: code, county: "", madeFrom: s }]);
  }
  const cityOf = (city4: string) => (div.cities[city4] && !directly(div.cities[city4][0]) ? p6(city4) : "");
  for (const [code, [name, city4]] of Object.entries(div.counties)) {
    const province = p6(code.slice(0, 2));
    const city = cityOf(city4);
    const place: Place = { name, level: "county", code, province, city, county: code };
    add(full, name, place);
    const s = shortOf(name);
    if (s) add(short, s, place);
    divisions.set(code, { code, name, level: "county", province, city, county: code });
    everyday.push([autonomousForm(name, names), place]);
  }
  // an autonomous division's everyday form, unless a division bears that name or its short name is another's
  // (河南县 of 河南蒙古族自治县 would read 河南县域 as that county)
  for (const [form, place] of everyday) {
    if (!form || full.has(form) || (short.get(form.slice(0, -1)) ?? []).some((p) => p.code !== place.code)) continue;
    add(full, form, place);
  }
  for (const [code, [name, city4]] of Object.entries(zones)) {
    const province = p6(code.slice(0, 2));
    const city = cityOf(city4) || province;
    for (const form of zoneForms(name, names)) add(full, form, { name, level: "zone", code: city, province, city: cityOf(city4), county: "" });
  }
  for (const line of readFileSync(join(dir, "zone-aliases.csv"), "utf8").split(/\r?\n/)) {
    if (!line.trim() || line.startsWith("#") || line.startsWith("zone,")) continue;
    const [zone, aliases, parent] = line.split(",").map((s) => s.trim());
    if (!zone || !/^\d{6}$/.test(parent ?? "")) continue;
    const d = divisions.get(parent);
    const province = p6(parent.slice(0, 2));
    const city = d?.city ?? "";
    const county = d?.county ?? "";
    const place: Place = { name: zone, level: "zone", code: parent, province, city, county };
    // with the endings shortened too (杭州经济技术开发区 → 杭州经开区), so the made-up city zone does not take the name
    for (const form of [zone, ...(aliases ? aliases.split("|") : [])]) {
      if (!form) continue;
      add(full, form.trim(), place);
      for (const short of zoneForms(form.trim(), names)) if (!full.has(short)) add(full, short, place);
    }
  }
  // former names (region-history.csv): the division that took them over
  for (const line of readFileSync(join(dir, "region-history.csv"), "utf8").split(/\r?\n/)) {
    if (!line.trim() || line.startsWith("#") || line.startsWith("old_name,")) continue;
    const [old, code] = line.split(",").map((x) => x.trim());
    const d = divisions.get(code ?? "");
    if (!old || !d || d.level === "province" || d.level === "") continue;
    const place: Place = { name: d.name, level: d.level, code, province: d.province, city: d.city, county: d.county };
    add(full, old, place);
    const s = shortOf(old);
    if (s && !short.has(s)) add(short, s, place);
  }
  // well-known names of one division (place-aliases.csv)
  for (const line of readFileSync(join(dir, "place-aliases.csv"), "utf8").split(/\r?\n/)) {
    if (!line.trim() || line.startsWith("#") || line.startsWith("alias,")) continue;
    const [alias, code, generic] = line.split(",").map((x) => x.trim());
    const d = divisions.get(code ?? "");
    if (!alias || !d || d.level === "province" || d.level === "") continue;
    add(full, alias, { name: d.name, level: d.level, code: d.code, province: d.province, city: d.city, county: d.county, alias: generic === "yes" ? "generic" : "named" });
  }
  // 岳阳经开区 when the statistical list and the alias tables have no 岳阳经济技术开发区: a zone of the city it is named after
  // (not for a city whose short name is a province's too: 海南经济开发区, 吉林高新区)
  for (const [s, form, place] of cityZones) {
    if (!full.has(form) && !(short.get(s) ?? []).some((p) => p.level === "province")) add(full, form, place);
  }

  const townIn = (county: string, name: string): Place => {
    const d = divisions.get(county);
    const zone = zones[county];
    const city = d?.city ?? (zone ? cityOf(zone[1]) : "");
    const province = p6(county.slice(0, 2));
    return { name, level: "town", code: d ? county : city || province, province, city, county: d ? county : "" };
  };
  // Towns come last: a town name is added to a division's name now, and otherwise kept as county codes (placesOf).
  const withTowns = full as Map<string, Place[] | string>;
  for (const [county, names] of Object.entries(towns)) {
    for (const name of names.split("|")) {
      if (name.length < 3) continue;
      const cur = withTowns.get(name);
      if (cur === undefined) withTowns.set(name, county);
      else if (typeof cur === "string") withTowns.set(name, cur + "|" + county);
      else add(full, name, townIn(county, name));
    }
  }
  const abbrev = new Map<string, Place[]>();
  const cityAbbr = new Map<string, string[]>(); // city code6 → abbreviations
  for (const [code4, [name]] of Object.entries(div.cities)) {
    const s = shortOf(name) || name;
    if (!directly(name) && !(names.municipalCity && name.includes(names.municipalCity))) cityAbbr.set(p6(code4), [s[0]]);
  }
  for (const line of readFileSync(join(dir, "region-abbreviations.csv"), "utf8").split(/\r?\n/)) {
    const [abbr, code] = line.split(",").map((x) => x.trim());
    if (!abbr || abbr.startsWith("#") || !/^\d{6}$/.test(code ?? "")) continue;
    const list = cityAbbr.get(code) ?? [];
    if (!list.includes(abbr)) list.push(abbr);
    cityAbbr.set(code, list);
  }
  for (const [code, [name, city4]] of Object.entries(div.counties)) {
    const city = cityOf(city4);
    const first = (shortOf(name) || name)[0];
    for (const a of cityAbbr.get(city) ?? []) {
      add(abbrev, a + first, { name, level: "county", code, province: p6(code.slice(0, 2)), city, county: code });
    }
  }
  const lastChars = new Map<number, number[]>();
  let maxFull = 0;
  for (const k of full.keys()) {
    const c = k.charCodeAt(k.length - 1);
    const lens = lastChars.get(c) ?? [];
    if (!lens.includes(k.length)) lens.push(k.length);
    lastChars.set(c, lens);
    maxFull = Math.max(maxFull, k.length);
  }
  for (const lens of lastChars.values()) lens.sort((a, b) => b - a);
  const isLast = new Uint8Array(0x10000);
  for (const c of lastChars.keys()) isLast[c] = 1;
  let maxShort = 0;
  for (const k of short.keys()) maxShort = Math.max(maxShort, k.length);
  return { full: withTowns, short, abbrev, lastChars, isLast, maxFull, maxShort, divisions, townIn, names };
}

export interface Mention {
  at: number;
  text: string;
  places: Place[];
  short: boolean;
}

/**
 * Full-name mentions, longest match at each end position, non-overlapping (a later longer match wins).
 * Two-character names (泾县, 和县) are common words too: only looked for when minLen is 2 (titles, agencies).
 */
export function findFull(text: string, gz: Gazetteer, limit = text.length, minLen = 3): Mention[] {
  const out: Mention[] = [];
  const end = Math.min(text.length, limit);
  const { byPair, pairs, isFirst, single, names, pairShift, nameShift } = fullIndex(gz);
  const u = codeUnits(text, end);
  const singles = minLen <= 1;
  for (let i = nextCandidate(u, 0, end, gz.isLast, pairs, pairShift, singles ? single : null); i < end; i = nextCandidate(u, i + 1, end, gz.isLast, pairs, pairShift, singles ? single : null)) {
    const c = u[i];
    let lens: number[] | undefined;
    if (i > 0) {
      const p = u[i - 1];
      const h = pairBit(c, p, pairShift);
      if ((pairs[h >>> 3] & (1 << (h & 7))) !== 0) lens = byPair.get(c)?.get(p);
    }
    if (lens) {
      let found = false;
      for (const len of lens) {
        if (len > i + 1 || len < minLen) continue;
        if (!isFirst[u[i + 1 - len]]) continue;
        const h = nameHash(u, i + 1 - len, i + 1, nameShift);
        if ((names[h >>> 3] & (1 << (h & 7))) === 0) continue;
        const key = text.slice(i + 1 - len, i + 1);
        const places = placesOf(gz, key);
        if (!places) continue;
        const at = i + 1 - len;
        while (out.length && out[out.length - 1].at >= at) out.pop();
        out.push({ at, text: key, places, short: false });
        found = true;
        break;
      }
      if (found) continue;
    }
    if (single[c] && minLen <= 1) {
      const key = text[i];
      const places = placesOf(gz, key);
      if (places) {
        while (out.length && out[out.length - 1].at >= i) out.pop();
        out.push({ at: i, text: key, places, short: false });
      }
    }
  }
  return out;
}

/** Code units of the text from a reused array (see text/chars.ts): the scan reads every kind of string the same fast way. */
const codeUnits = unitReader();

/**
 * The first position from `i` where a full name may end: a last character whose pair with the character before it is in
 * the pair bit set (or, with `single`, a one-character name). The tight loop most of the text takes, kept on its own.
 */
function nextCandidate(u: Uint16Array, i: number, end: number, isLast: Uint8Array, pairs: Uint8Array, shift: number, single: Uint8Array | null): number {
  for (; i < end; i++) {
    const c = u[i];
    if (isLast[c] === 0) continue;
    if (single !== null && single[c] !== 0) return i;
    if (i === 0) continue;
    const h = pairBit(c, u[i - 1], shift);
    if ((pairs[h >>> 3] & (1 << (h & 7))) !== 0) return i;
  }
  return end;
}

interface FullIndex {
  /** Last code unit → second-to-last code unit → lengths (≥ 2) of the full names ending with those two, longest first. */
  byPair: Map<number, Map<number, number[]>>;
  /** Bit set of hashed (last, second-to-last) pairs of byPair: most text positions need no Map lookup. */
  pairs: Uint8Array;
  /** 1 where a UTF-16 code unit starts some full name. */
  isFirst: Uint8Array;
  /** 1 where a one-unit full name exists. */
  single: Uint8Array;
  /** Bit set of the nameHash of every full name: most candidates are ruled out without slicing the text and hashing the slice. */
  names: Uint8Array;
  /** The hash shifts of the two bit sets (each sized to about 16 bits per entry, small enough to stay cached). */
  pairShift: number;
  nameShift: number;
}

/** log2 of a bit-set size of about 16 bits per entry, at least 2^10. */
function setBits(entries: number): number {
  let bits = 10;
  while (bits < 24 && 1 << bits < entries * 16) bits++;
  return bits;
}

/** (32 - shift)-bit hash of the code units u[from, to). */
function nameHash(u: ArrayLike<number>, from: number, to: number, shift: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ u[k], 0x01000193);
  return Math.imul(h, 0x9e3779b1) >>> shift;
}

const fullIndexes = new WeakMap<Gazetteer, FullIndex>();

/** (32 - shift)-bit hash of two code units, for the pair bit set. */
const pairBit = (a: number, b: number, shift: number) => Math.imul(a ^ (b << 16), 0x9e3779b1) >>> shift;

/** Built once per gazetteer: lets findFull skip most candidate lengths without slicing the text. */
function fullIndex(gz: Gazetteer): FullIndex {
  let idx = fullIndexes.get(gz);
  if (idx) return idx;
  const byPair = new Map<number, Map<number, number[]>>();
  const isFirst = new Uint8Array(0x10000);
  const single = new Uint8Array(0x10000);
  const nameBits = setBits(gz.full.size);
  const nameShift = 32 - nameBits;
  const names = new Uint8Array(1 << (nameBits - 3));
  // Code units in a Uint16Array, as findFull hashes them: nameHash then only ever reads one kind of array (a plain
  // array here made findFull's optimised code be thrown away the first time it found a name).
  let units = new Uint16Array(64);
  for (const k of gz.full.keys()) {
    if (!k.length) continue;
    if (units.length < k.length) units = new Uint16Array(2 * k.length);
    for (let q = 0; q < k.length; q++) units[q] = k.charCodeAt(q);
    const nh = nameHash(units, 0, k.length, nameShift);
    names[nh >>> 3] |= 1 << (nh & 7);
    isFirst[k.charCodeAt(0)] = 1;
    const c = k.charCodeAt(k.length - 1);
    if (k.length === 1) {
      single[c] = 1;
      continue;
    }
    const p = k.charCodeAt(k.length - 2);
    let m = byPair.get(c);
    if (!m) byPair.set(c, (m = new Map()));
    const lens = m.get(p);
    if (!lens) m.set(p, [k.length]);
    else if (!lens.includes(k.length)) lens.push(k.length);
  }
  let pairCount = 0;
  for (const m of byPair.values()) pairCount += m.size;
  const pairBits = setBits(pairCount);
  const pairShift = 32 - pairBits;
  const pairs = new Uint8Array(1 << (pairBits - 3));
  for (const [c, m] of byPair) {
    for (const [p, lens] of m) {
      lens.sort((a, b) => b - a);
      const h = pairBit(c, p, pairShift);
      pairs[h >>> 3] |= 1 << (h & 7);
    }
  }
  idx = { byPair, pairs, isFirst, single, names, pairShift, nameShift };
  fullIndexes.set(gz, idx);
  return idx;
}

/** Short-name mentions (苏州, 慈溪) — for titles and agencies, where a bare place name is the place. */
export function findShort(text: string, gz: Gazetteer, limit = text.length): Mention[] {
  const out: Mention[] = [];
  const end = Math.min(text.length, limit);
  const { slot, lens: lensOf } = shortIndex(gz);
  let i = 0;
  while (i < end) {
    let hit: Mention | null = null;
    // only the lengths of the short names that start with this character, longest first
    const at = slot[text.charCodeAt(i)];
    const lens = at ? lensOf[at - 1] : undefined;
    for (let k = 0; lens !== undefined && k < lens.length; k++) {
      const len = lens[k];
      if (len > gz.maxShort || len > end - i) continue;
      const key = text.slice(i, i + len);
      const places = gz.short.get(key);
      if (places) {
        hit = { at: i, text: key, places, short: true };
        break;
      }
    }
    if (hit) {
      out.push(hit);
      i += hit.text.length;
    } else i++;
  }
  return out;
}

interface ShortIndex {
  /** 1 + the slot in `lens` of the short names starting with a code unit, 0 for none. */
  slot: Uint16Array;
  /** Lengths (≥ 2) of the short names with one first code unit, longest first. */
  lens: number[][];
}

const shortIndexes = new WeakMap<Gazetteer, ShortIndex>();

/** First code unit of the short names → their lengths. Built once per gazetteer. */
function shortIndex(gz: Gazetteer): ShortIndex {
  let idx = shortIndexes.get(gz);
  if (idx) return idx;
  idx = { slot: new Uint16Array(0x10000), lens: [] };
  for (const k of gz.short.keys()) {
    if (k.length < 2) continue;
    const c = k.charCodeAt(0);
    if (!idx.slot[c]) idx.slot[c] = idx.lens.push([]);
    const lens = idx.lens[idx.slot[c] - 1];
    if (!lens.includes(k.length)) lens.push(k.length);
  }
  for (const lens of idx.lens) lens.sort((a, b) => b - a);
  shortIndexes.set(gz, idx);
  return idx;
}
