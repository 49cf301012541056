// Where a report is from, as a GB/T 2260 division.
// 1. The title, agency and header name the place (天宁区民政局, 宁波高新区社会事务管理局): use it, the deepest level named;
//    an ambiguous name (鼓楼区 is in four cities) is settled by what the body mentions.
// 2. Otherwise the body's place names vote, each distinct name once, an ambiguous name split across its candidates:
//    towns and streets vote for their county, counties for their city. A county needs several distinct towns, or to be
//    named again and again; a city needs several of its counties named. A portal index number that starts with the
//    agency's unified social credit code (characters 3–8 = its division) adds a vote.
// 3. Nothing clear enough → empty region: a wrong region is worse than none.
import { endsWithAny, includesAny, sentenceAround, startsWithAny } from "../text/words.ts";
import type { Region } from "../types.ts";
import { findFull, findShort, type Division, type Gazetteer, type Mention, type Place, type PlaceNameRules } from "./gazetteer.ts";
import { holdsCode } from "../text/chars.ts";

export const EMPTY_REGION: Region = { code: "", name: "", province: "", city: "", county: "", level: "", evidence: "" };

/** Only the start of a long text is scanned for places: where a report is from shows early and often. */
const BODY_LIMIT = 200_000;

interface Tally {
  weight: number; // sum over distinct names of 1/(number of candidates)
  names: Set<string>;
  count: number; // occurrences
}

function tally(map: Map<string, Tally>, code: string, name: string, weight: number, count: number): void {
  if (!code) return;
  let t = map.get(code);
  if (!t) map.set(code, (t = { weight: 0, names: new Set(), count: 0 }));
  if (!t.names.has(name)) {
    t.names.add(name);
    t.weight += weight;
  }
  t.count += count;
}

interface Evidence {
  towns: Map<string, Tally>; // county code → towns named
  counties: Map<string, Tally>; // county code → its own name
  countiesOfCity: Map<string, Tally>; // city code → counties named
  cities: Map<string, Tally>; // city code → its own name
  citiesOfProvince: Map<string, Tally>; // province code → cities named
  provinces: Map<string, Tally>;
  docNumbers: Map<string, Tally>; // county code → document-number prefixes that abbreviate it (温龙减办 → 温州 龙湾)
  zones: Map<string, { place: Place; count: number }>;
  aliases: Map<string, Tally>; // division code → well-known aliases named (北京城市副中心, 双矿集团)
}

function gather(mentions: Mention[]): Evidence {
  const ev: Evidence = {
    towns: new Map(),
    counties: new Map(),
    countiesOfCity: new Map(),
    cities: new Map(),
    citiesOfProvince: new Map(),
    provinces: new Map(),
    docNumbers: new Map(),
    zones: new Map(),
    aliases: new Map(),
  };
  const byName = new Map<string, { places: Place[]; count: number }>();
  const namedAlias = new Set<string>(); // codes with a qualified alias in the text
  for (const m of mentions) {
    const e = byName.get(m.text);
    if (e) e.count++;
    else byName.set(m.text, { places: m.places, count: 1 });
    for (const p of m.places) if (p.alias === "named") namedAlias.add(p.code);
  }
  for (const [name, { places, count }] of byName) {
    const w = 1 / places.length;
    for (const p of places) {
      if (p.alias) {
        if (p.alias === "generic" && !namedAlias.has(p.code)) continue; // 城市副中心 alone says nothing
        tally(ev.aliases, p.code, name, w, count);
      }
      if (p.level === "town") tally(ev.towns, p.county || p.code, name, w, count);
      else if (p.level === "county") {
        tally(ev.counties, p.code, name, w, count);
        tally(ev.countiesOfCity, p.city, name, w, count);
      } else if (p.level === "city") {
        tally(ev.cities, p.code, name, w, count);
        tally(ev.citiesOfProvince, p.province, name, w, count);
      }
      else if (p.level === "province") tally(ev.provinces, p.code, name, w, count);
      else if (p.level === "zone") {
        const z = ev.zones.get(p.name);
        if (z) z.count += count;
        else ev.zones.set(p.name, { place: p, count });
      }
    }
  }
  return ev;
}

/** Document numbers (place-names.json documentNumber): 机关代字 + year + number + 号, e.g. (温龙减办20212号), 甬民发〔2023〕5号; matched backwards from each 号. */
function docNumberHints(text: string, gz: Gazetteer, ev: Evidence): void {
  const seen = new Set<string>();
  const { documentNumber, documentNumberEnd: end } = gz.names;
  for (let i = text.indexOf(end); i >= 0; i = text.indexOf(end, i + 1)) {
    const from = Math.max(0, i - 30);
    const m = documentNumber.exec(text.slice(from, i + end.length));
    if (!m || (m.index === 0 && from > 0)) continue; // the prefix may run on before the window
    const prefix = m[1];
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const places = gz.abbrev.get(prefix.slice(0, 2));
    if (!places) continue;
    for (const p of places) tally(ev.docNumbers, p.county, prefix, 1 / places.length, 1);
  }
}

const weightOf = (m: Map<string, Tally>, code: string) => m.get(code)?.weight ?? 0;

/** How much the body supports a place (used to settle ambiguous explicit names). */
function support(p: Place, ev: Evidence): number {
  return (
    weightOf(ev.towns, p.county) +
    weightOf(ev.counties, p.county) +
    weightOf(ev.cities, p.city) +
    0.5 * weightOf(ev.countiesOfCity, p.city) +
    0.5 * weightOf(ev.provinces, p.province)
  );
}

function regionOf(d: Division, gz: Gazetteer, name: string, evidence: string): Region {
  const nameOf = (code: string) => (code ? gz.divisions.get(code)?.name ?? "" : "");
  return {
    code: d.code,
    name,
    province: nameOf(d.province),
    city: d.level === "province" ? "" : nameOf(d.city),
    county: d.level === "county" ? d.name : "",
    level: d.level,
    evidence,
  };
}

function placeRegion(p: Place, gz: Gazetteer, evidence: string): Region | null {
  const d = gz.divisions.get(p.code);
  if (!d) return null;
  return regionOf(d, gz, p.level === "zone" ? p.name : d.name, evidence);
}

const DEPTH: Record<string, number> = { province: 1, city: 2, zone: 3, county: 3, town: 4 };

/** Is `inner` inside (or equal to) `outer`? */
function within(inner: Place, outer: Place): boolean {
  if (outer.level === "province") return inner.province === outer.province;
  if (outer.level === "city" || outer.level === "zone") return !!outer.city && inner.city === outer.city;
  if (outer.level === "county") return inner.county === outer.county;
  return false;
}

interface TitleCandidate {
  p: Place;
  m: Mention;
  /** The title's own say: deepest wins, then agreement with other title mentions (body support comes on top). */
  base: number;
}

/** Every reading of every title mention, scored without the body (towns excluded: too rare to trust alone in a title). */
function titleCandidates(mentions: Mention[]): TitleCandidate[] {
  const cands: TitleCandidate[] = [];
  for (const m of mentions) for (const p of m.places) if (p.level !== "town") cands.push({ p, m, base: 0 });
  for (const c of cands) {
    const agree = cands.filter((o) => o.m !== c.m && within(c.p, o.p)).length;
    c.base = DEPTH[c.p.level] * 100 + agree * 10 - (c.m.short ? 0.5 : 0) - c.m.places.length * 0.01;
  }
  return cands;
}

/** The place the title/agency names, or null. */
function explicitPlace(mentions: Mention[], ev: Evidence): { place: Place; how: string } | null {
  const cands = titleCandidates(mentions);
  if (!cands.length) return null;
  let best: { p: Place; m: Mention; score: number } | null = null;
  let tie = false;
  for (const c of cands) {
    const score = c.base + support(c.p, ev);
    if (!best || score > best.score + 1e-9) {
      best = { ...c, score };
      tie = false;
    } else if (Math.abs(score - best.score) <= 1e-9 && c.p.code !== best.p.code) tie = true;
  }
  if (!best || tie) return null;
  // an ambiguous name needs the body (or another title mention) to pick its reading
  const ambiguous = new Set(best.m.places.map((p) => p.code)).size > 1;
  if (ambiguous) {
    const others = best.m.places.filter((p) => p.code !== best!.p.code);
    const mine = support(best.p, ev);
    const agree = cands.some((o) => o.m !== best!.m && within(best!.p, o.p));
    if (!agree && (mine <= 0 || others.some((o) => support(o, ev) >= mine))) return null;
  }
  return { place: best.p, how: best.m.text };
}

/** The title names a province or city and blanks the level below it (浙江省**县): the body may still place the county. */
const blankedBelow = (p: Place, titleText: string, gz: Gazetteer) => (p.level === "province" || p.level === "city") && gz.names.redactedLower.test(titleText);

/**
 * What explicitPlace returns for these title mentions whatever the body's evidence, when that can be told without it;
 * else null. The body enters explicitPlace only through support(), which is never negative; a candidate whose
 * county, city and province are each empty or the same as another's has at most that one's support (weightOf("") is 0).
 * So one candidate c wins for any evidence when every other candidate either scores exactly as c does and reads the
 * same (same place, same mention text and kind) or scores lower than c without the body and has at most c's support.
 * An ambiguous name (several codes) is settled here only when another title mention agrees with it, as explicitPlace
 * then does not ask the body either.
 */
function settledByTitle(mentions: Mention[]): { place: Place; how: string } | null {
  const cands = titleCandidates(mentions);
  if (!cands.length) return null;
  let top = cands[0];
  for (const c of cands) if (c.base > top.base) top = c;
  const atMost = (o: Place, c: Place) => (!o.county || o.county === c.county) && (!o.city || o.city === c.city) && (!o.province || o.province === c.province);
  const twins = [];
  for (const o of cands) {
    if (o.p === top.p && o.m.text === top.m.text && o.m.short === top.m.short && o.m.places === top.m.places && o.base === top.base) twins.push(o);
    // base scores differ by multiples of 0.01 at least: a gap of 0.005 is a real gap, not rounding
    else if (!(top.base - o.base >= 0.005 && atMost(o.p, top.p))) return null;
  }
  // whichever twin explicitPlace ends on: an ambiguous name stands only with another title mention agreeing
  if (new Set(top.m.places.map((p) => p.code)).size > 1) {
    for (const t of twins) if (!cands.some((o) => o.m !== t.m && within(t.p, o.p))) return null;
  }
  return { place: top.p, how: top.m.text };
}

const list = (names: Set<string>, n = 5) => [...names].slice(0, n).join("、") + (names.size > n ? "…" : "");

function best(map: Map<string, Tally>, key: (t: Tally) => number): [string, Tally] | null {
  let top: [string, Tally] | null = null;
  let second = -Infinity;
  for (const e of map) {
    const k = key(e[1]);
    if (!top || k > key(top[1])) {
      if (top) second = Math.max(second, key(top[1]));
      top = e;
    } else second = Math.max(second, k);
  }
  // a tie is no answer
  if (top && key(top[1]) <= second) return null;
  return top;
}

export interface RegionInput {
  /** Title, agency and header values that may name the place. */
  titleText: string;
  body: string;
  /** Portal index number (索引号), whose first characters may carry the agency's division code. */
  indexNumber: string;
  /** 区/县/市 from an agency like 区民政局 that names no place: the level of the author. */
  levelHint: string;
  /**
   * The level the author speaks of itself at (我市, 全区), when the agency gives none; used only for aliases. May be a
   * function that works it out: called only in the rare case an alias is all there is (it reads the text's opening).
   */
  selfLevel?: string | (() => string);
}

const selfLevelOf = (input: RegionInput) => (typeof input.selfLevel === "function" ? input.selfLevel() : input.selfLevel) || "";

export function inferRegion(input: RegionInput, gz: Gazetteer): Region {
  // 1. explicit in title / agency
  const titleMentions = [...findFull(input.titleText, gz, input.titleText.length, 2)];
  const covered = (at: number, len: number) => titleMentions.some((m) => at < m.at + m.text.length && m.at < at + len);
  // a bare short name (苏州, 慈溪) counts where it plainly names the author: at the start of a line or before 民政/社会
  for (const s of findShort(input.titleText, gz)) {
    if (covered(s.at, s.text.length)) continue;
    const before = s.at === 0 ? "\n" : input.titleText[s.at - 1];
    if (before === "\n" || startsWithAny(input.titleText, s.at + s.text.length, gz.names.authorAfterShortName) !== null) titleMentions.push(s);
  }
  // the title alone decides (whatever the body names): the body need not be read for places
  // (a made-up city zone waits for the body: a county of that city it names may be nearer)
  const settled = titleMentions.some((m) => m.places.some((p) => p.madeFrom)) ? null : settledByTitle(titleMentions);
  if (settled) {
    const r = placeRegion(settled.place, gz, `title/agency names ${settled.how}`);
    if (r && !blankedBelow(settled.place, input.titleText, gz)) return r;
  }

  const body = findFull(input.body, gz, BODY_LIMIT);
  const ev = gather(body);
  docNumberHints(input.body.length > BODY_LIMIT ? input.body.slice(0, BODY_LIMIT) : input.body, gz, ev);

  // unified social credit code in the index number: 11 330282 … → 慈溪市
  const usc = /^[0-9A-HJ-NP-RTUWXY]{2}(\d{6})[0-9A-HJ-NP-RTUWXY]{9}[0-9A-HJ-NP-RTUWXY]?(?:\/|$)/.exec(input.indexNumber.trim());
  // or the division code itself, then the year: 530400 2017 607969 → 玉溪市
  const codeYear = usc ? null : /^(\d{6})[-/]?(?:19|20)\d{2}/.exec(input.indexNumber.trim());
  const uscDiv = usc ? gz.divisions.get(usc[1]) : codeYear ? gz.divisions.get(codeYear[1]) : undefined;
  if (uscDiv) {
    if (uscDiv.level === "county") {
      tally(ev.counties, uscDiv.code, "索引号", 1, 1);
      tally(ev.countiesOfCity, uscDiv.city, "索引号", 1, 1);
    } else if (uscDiv.level === "city") tally(ev.cities, uscDiv.code, "索引号", 1, 1);
  }

  // the county an opening line starts with, if any: what lets a county named only twice place the report
  // (a county named elsewhere as a partner or visitor does not open a line as the author: 新会区民政局来我区考察交流)
  const openingCode = openingCounty(input.body, body, gz);
  const opening = openingCode && !namedAsOther(input.body, body, openingCode, gz) ? openingCode : "";
  const author = authorCounty(input.body, body, gz);
  const explicit = explicitPlace(titleMentions, ev);
  if (explicit) {
    const r = placeRegion(explicit.place, gz, `title/agency names ${explicit.how}`);
    // 浙江省**县民政局: the title names the province and blanks the county; the body may still place the county
    if (r && blankedBelow(explicit.place, input.titleText, gz)) {
      const deeper = fromBody(ev, gz, input.levelHint, body.length > 0, opening, author);
      const dd = gz.divisions.get(deeper.code);
      const inside = dd && (explicit.place.level === "province" ? dd.province === explicit.place.province : dd.city === explicit.place.city);
      if (inside && dd.level !== explicit.place.level && dd.code !== r.code) {
        return { ...deeper, evidence: `title/agency names ${explicit.how} with the lower level blanked; ${deeper.evidence}` };
      }
    }
    // 长沙经开区 made up from the city's name: a county of that city the body places the report in is nearer (星沙街道 → 长沙县)
    if (r && explicit.place.madeFrom) {
      const deeper = fromText();
      const dd = gz.divisions.get(deeper.code);
      if (dd?.level === "county" && dd.city === explicit.place.city) return deeper;
      // …or the county of the city that shares its short name (长沙县), when the body names its towns
      const twin = (gz.short.get(explicit.place.madeFrom) ?? []).find((p) => p.level === "county" && p.city === explicit.place.city && weightOf(ev.towns, p.code) > 0);
      if (twin) return placeRegion(twin, gz, `title/agency names ${explicit.how}, a zone named after ${twin.name}, whose towns the body names`) ?? r;
    }
    if (r) return r;
  }
  return fromText();

  /** What the body says, with the fallbacks for texts it does not place clearly. */
  function fromText(): Region {
    const r = fromBody(ev, gz, input.levelHint, body.length > 0, opening, author);
    const level = () => input.levelHint || selfLevelOf(input);
    return r.code ? r : fromAliases(ev, gz, level) ?? fromOwnTown(input, titleMentions, body, ev, gz) ?? fromAuthorShortName(input, body, gz) ?? fromIssuedTitle(input, body, gz) ?? r;
  }
}

/**
 * 2c. A town's or street's own report that names no county (四铺镇2023年三季度民政工作落实情况, 四铺镇民政办; a news page
 * headed 钢山街道奋力书写民生满意答卷): a town name opening the title or the agency (after a bracketed tag such as
 * 【工作落实】), or one of the text's opening lines, that only one county has, places the report in that county
 * (townReport then puts it at the town level), when the agency is not a county's bureau and nothing the body names
 * points at another county or city. A town further into a line is visited or written about (赴朱家角镇学习…,
 * 县民政局关于同里镇敬老院…).
 */
function fromOwnTown(input: RegionInput, titleMentions: Mention[], bodyMentions: Mention[], ev: Evidence, gz: Gazetteer): Region | null {
  if (gz.names.levelWords.county.includes(input.levelHint)) return null;
  const openingEnd = nthLineEnd(input.body, OPENING_LINES);
  const opening = titleMentions.map((m): [Mention, string] => [m, input.titleText]);
  for (const m of bodyMentions) if (m.at < openingEnd) opening.push([m, input.body]);
  let county = "";
  for (const [m, text] of opening) {
    if (!m.places.length || m.places.some((p) => p.level !== "town" || !p.county || p.county !== m.places[0].county)) continue;
    const lineStart = text.lastIndexOf("\n", m.at - 1) + 1;
    if (!gz.names.openingTag.test(text.slice(lineStart, m.at))) continue;
    if (county && county !== m.places[0].county) return null;
    county = m.places[0].county;
  }
  const d = county ? gz.divisions.get(county) : undefined;
  if (!d) return null;
  for (const c of ev.counties.keys()) if (c !== county) return null;
  for (const c of ev.cities.keys()) if (c !== d.city) return null;
  for (const c of ev.towns.keys()) if (c !== county) return null;
  return placeRegion({ name: d.name, level: "county", code: county, province: d.province, city: d.city, county }, gz, "the title, the agency or an opening line starts with a town only this county has, and the body names no other division");
}

/**
 * 2b. Nothing else places the report, but it names a well-known alias of one division (北京城市副中心 → 通州区,
 * 双矿集团 → 双鸭山市): at least twice, no alias or unambiguous place name pointing elsewhere, and the author's level
 * (区/县 for a county, 市 for a city) is the division's.
 */
function fromAliases(ev: Evidence, gz: Gazetteer, levelOf: () => string): Region | null {
  if (ev.aliases.size !== 1) return null;
  const [code, t] = [...ev.aliases][0];
  const d = gz.divisions.get(code);
  if (!d || t.count < 2) return null;
  const level = levelOf();
  const words = gz.names.levelWords;
  if (!(d.level === "county" ? words.county.includes(level) : d.level === "city" && words.city.includes(level))) return null;
  const fits = (c: string) => {
    const o = gz.divisions.get(c);
    if (!o) return false;
    if (o.level === "province") return o.code === d.province;
    if (o.level === "city") return o.code === d.city;
    return d.level === "city" ? o.city === d.city : o.code === d.code;
  };
  for (const m of [ev.towns, ev.counties, ev.cities, ev.provinces]) {
    for (const [c, o] of m) if (o.weight >= 1 && !fits(c)) return null;
  }
  return regionOf(d, gz, d.name, `body names ${list(t.names)} (${t.count} times), a well-known name of ${d.name}, and no other place`);
}

/** How many times the body names a county or town of the city `code`. */
function inCity(ev: Evidence, gz: Gazetteer, code: string): number {
  let n = ev.countiesOfCity.get(code)?.count ?? 0;
  for (const [county, t] of ev.towns) if (gz.divisions.get(county)?.city === code) n += t.count;
  return n;
}

/**
 * The county a line of the text's opening starts with (宁夏利通区坚持…, after at most a province's or city's name),
 * when its name has one reading; else "".
 */
function openingCounty(text: string, mentions: Mention[], gz: Gazetteer): string {
  const openingEnd = nthLineEnd(text, OPENING_LINES);
  for (let i = 0; i < mentions.length && mentions[i].at < openingEnd; i++) {
    const m = mentions[i];
    if (m.places.length !== 1 || m.places[0].level !== "county") continue;
    // the line's start, or right after a province's or city's name that starts it
    let start = m.at;
    for (let k = i - 1; k >= 0 && mentions[k].at + mentions[k].text.length === start && mentions[k].places.some((p) => p.level === "province" || p.level === "city"); k--) start = mentions[k].at;
    const lineStart = text.lastIndexOf("\n", start - 1) + 1;
    if (start === lineStart || namesProvinceOrCity(text.slice(lineStart, start), gz)) return m.places[0].code;
  }
  return "";
}

/**
 * The county the body has speak as the author: named at a line's or clause's start right before 民政/社会
 * (authorOpensAfter), and nowhere named as a partner, host or model (notAuthorBefore, notAuthorSentence).
 */
function authorCounty(text: string, mentions: Mention[], gz: Gazetteer): string {
  const n = gz.names;
  for (const m of mentions) {
    if (m.places.length !== 1 || m.places[0].level !== "county" || n.notAuthorNames.has(m.text)) continue;
    const before = m.at === 0 ? "\n" : text[m.at - 1];
    if (before !== "\n" && !n.authorOpensAfter.includes(before)) continue;
    if (startsWithAny(text, m.at + m.text.length, n.authorAfterShortName) === null) continue;
    const code = m.places[0].code;
    return namedAsOther(text, mentions, code, gz) ? "" : code;
  }
  return "";
}

/**
 * 2d. The body speaks of its own place by a short name before 民政/社会 (不断推动海安民政事业…, 厦门民政工作…): that
 * division, when the short name means only it, no other county or city is named in full, it is never named as a partner
 * and a bare bureau's level agrees (place-names.json _authorShortName_doc).
 */
function fromAuthorShortName(input: RegionInput, bodyMentions: Mention[], gz: Gazetteer): Region | null {
  const n = gz.names;
  const text = input.body.length > BODY_LIMIT ? input.body.slice(0, BODY_LIMIT) : input.body;
  let place: Place | null = null;
  // Only the few characters before each 民政/社会 are read for a short name ending there (not the whole text).
  for (const w of n.authorAfterShortName) {
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + w.length)) {
      const from = Math.max(0, i - SHORT_NAME_MAX);
      for (const s of findShort(text.slice(from, i), gz)) {
        const lv = s.places.length === 1 ? s.places[0].level : "";
        if (from + s.at + s.text.length !== i || (lv !== "county" && lv !== "city" && lv !== "province") || n.notAuthorShortNames.has(s.text)) continue;
        // a province only as 山东民政系统, 江西民政事业, and not in a sentence about another (据了解,浙江民政在…)
        if (lv === "province" && (startsWithAny(text, i, n.provinceAuthorAfter) === null || includesAny(sentenceAround(text, i, n.notAuthorSentenceBounds), n.provinceNotAuthorSentence))) continue;
        // named as a partner or visitor anywhere (与海安民政局…, 海安民政系统一行来我市交流): not the author's own place
        if (namedAsOtherAt(text, from + s.at, gz)) return null;
        if (place && place.code !== s.places[0].code) return null;
        place = s.places[0];
      }
    }
  }
  if (!place) return null;
  const code = place.code;
  if (namesDivisionOutside(bodyMentions, place)) return null;
  const d = gz.divisions.get(code);
  if (!d || (input.levelHint && !d.name.endsWith(input.levelHint))) return null;
  // a province's short name (山东民政系统, 江西民政事业) only for a text that speaks at that level (省民政厅, 全省); the
  // partner and host readings are a county's (在山东省委考核办组织的… is the province's own)
  if (d.level === "province" ? !speaksAsProvince(input, text, gz) : namedAsOther(input.body, bodyMentions, code, gz)) return null;
  return regionOf(d, gz, d.name, `the body speaks of its own ${d.name} by its short name (…民政)`);
}

/**
 * 2e. A bare bureau (区民政局) that issues a document named after its own division (区民政局出台《深圳市罗湖区第二届…
 * 方案》): the division the title opens with, the deepest of the chain there, when its level word is the bureau's, every
 * such title agrees and no other county or city the body names lies outside it.
 */
function fromIssuedTitle(input: RegionInput, bodyMentions: Mention[], gz: Gazetteer): Region | null {
  const n = gz.names;
  if (!input.levelHint || !n.issuingVerbs.length) return null;
  const text = input.body;
  let place: Place | null = null;
  for (let k = 0; k < bodyMentions.length; k++) {
    const m = bodyMentions[k];
    if (m.at === 0 || text.charCodeAt(m.at - 1) !== 0x300a /* 《 */) continue;
    const verb = endsWithAny(text, m.at - 1, n.issuingVerbs);
    if (verb === null || !issuedByAuthor(text, m.at - 1 - verb.length, bodyMentions, input.levelHint, n)) continue;
    // the chain the title opens with (深圳市 罗湖区): each next name right after the last, inside it
    let deepest = m.places;
    for (let j = k + 1, end = m.at + m.text.length; j < bodyMentions.length && bodyMentions[j].at === end; end += bodyMentions[j].text.length, j++) {
      const inner = bodyMentions[j].places.filter((p) => deepest.some((o) => within(p, o)));
      if (!inner.length) break;
      deepest = inner;
    }
    // a document of another level (《广东省…》 from a 区民政局) or an ambiguous name says nothing of the author
    if (new Set(deepest.map((p) => p.code)).size !== 1 || (deepest[0].level !== "county" && deepest[0].level !== "city")) continue;
    if (!gz.divisions.get(deepest[0].code)?.name.endsWith(input.levelHint)) continue;
    if (place && place.code !== deepest[0].code) return null;
    place = deepest[0];
  }
  const d = place ? gz.divisions.get(place.code) : undefined;
  if (!place || !d || namesDivisionOutside(bodyMentions, place)) return null;
  return regionOf(d, gz, d.name, `the bureau issues a document named after ${d.name} (出台《${d.name}…》)`);
}

/** Whether the body names, unambiguously, a county or city neither inside `place` nor containing it. */
function namesDivisionOutside(bodyMentions: Mention[], place: Place): boolean {
  for (const m of bodyMentions) {
    if (m.places.length !== 1) continue;
    const p = m.places[0];
    if ((p.level === "county" || p.level === "city") && !within(p, place) && !within(place, p)) return true;
  }
  return false;
}

/** Whether the clause before an issuing verb at `verbAt` names no place and no body but the bare bureau, 我局 or 本局. */
function issuedByAuthor(text: string, verbAt: number, mentions: Mention[], levelHint: string, n: PlaceNameRules): boolean {
  let start = verbAt;
  while (start > 0 && start > verbAt - 40 && !holdsCode(n.issuerClauseBounds, text.charCodeAt(start - 1))) start--;
  if (mentions.some((m) => m.at >= start && m.at < verbAt)) return false;
  let clause = text.slice(start, verbAt).replace(`${levelHint}${n.issuerBureau}`, "");
  for (const w of n.issuerSelf) clause = clause.replace(w, "");
  return !includesAny(clause, n.issuerNotBefore);
}

/** A text at a province's level: a province's bureau, or 全省/我省 dominating, and never 我市/我区/我县 (selfWord + a lower level word). */
function speaksAsProvince(input: RegionInput, text: string, gz: Gazetteer): boolean {
  const w = gz.names.levelWords;
  if (!w.province.includes(input.levelHint || selfLevelOf(input))) return false;
  return ![...w.city, ...w.county].some((l) => text.includes(gz.names.selfWord + l));
}

/** Longest short name read before 民政/社会 (东乌珠穆沁: five characters, with room to spare). */
const SHORT_NAME_MAX = 8;

/** Whether the body names the county `code` as a partner, host or model anywhere (notAuthorBefore, notAuthorSentence). */
function namedAsOther(text: string, mentions: Mention[], code: string, gz: Gazetteer): boolean {
  return mentions.some((o) => o.places.length === 1 && o.places[0].code === code && namedAsOtherAt(text, o.at, gz));
}

/**
 * Whether a place or bureau named at `at` is a partner, host, model or visitor: right after notAuthorBefore (与, 赴,
 * 学习借鉴) or in a sentence that says notAuthorSentence (来我区, 帮扶我, 莅临). The region rules and the agency read
 * from the body (describe/index.ts) ask the same.
 */
export function namedAsOtherAt(text: string, at: number, gz: Gazetteer): boolean {
  const n = gz.names;
  return endsWithAny(text, at, n.notAuthorBefore) !== null || includesAny(sentenceAround(text, at, n.notAuthorSentenceBounds), n.notAuthorSentence);
}


/** Whether `s` is nothing but a province's or city's short name (宁夏, 吴忠). */
function namesProvinceOrCity(s: string, gz: Gazetteer): boolean {
  if (!s || s.length > 4) return false;
  const short = findShort(s, gz);
  return short.length === 1 && short[0].at === 0 && short[0].text.length === s.length && short[0].places.some((p) => p.level === "province" || p.level === "city");
}

/** Lines of the opening read for a county that starts one. */
const OPENING_LINES = 3;

/** Where the text's `n`-th non-empty line ends (or the text does). */
function nthLineEnd(text: string, n: number): number {
  let at = 0;
  for (let seen = 0; at < text.length; ) {
    const end = text.indexOf("\n", at);
    const lineEnd = end < 0 ? text.length : end;
    if (text.slice(at, lineEnd).trim()) seen++;
    if (seen >= n || end < 0) return lineEnd;
    at = end + 1;
  }
  return at;
}

/** 2. The body's places vote (see the file comment). */
function fromBody(ev: Evidence, gz: Gazetteer, hint: string, anyPlace: boolean, opening: string, author: string): Region {
  const county = best(ev.towns, (t) => t.weight);
  const countyNamed = best(ev.counties, (t) => t.count);
  const city = best(ev.countiesOfCity, (t) => t.weight);
  const cityNamed = best(ev.cities, (t) => t.count);

  let countyPick: { code: string; why: string } | null = null;
  if (county) {
    const [code, t] = county;
    const named = weightOf(ev.counties, code) > 0;
    const docNo = ev.docNumbers.get(code);
    const d = gz.divisions.get(code);
    const cityNamedToo = d ? weightOf(ev.cities, d.city) > 0 : false;
    if ((t.names.size >= 3 && t.weight >= 2) || (t.names.size >= 2 && t.weight >= 1.5 && (named || cityNamedToo || !!docNo))) {
      const also = [named ? "the county itself" : "", docNo ? `document numbers that abbreviate it (${list(docNo.names, 2)})` : ""].filter(Boolean);
      countyPick = { code, why: `body names ${t.names.size} towns/streets of it (${list(t.names)})${also.length ? " and " + also.join(" and ") : ""}` };
    }
  }
  if (!countyPick && countyNamed) {
    const [code, t] = countyNamed;
    const others = [...ev.counties].filter(([c]) => c !== code).map(([, o]) => o.count);
    const unambiguous = t.weight >= 1 || weightOf(ev.cities, gz.divisions.get(code)?.city ?? "") > 0 || weightOf(ev.towns, code) > 0;
    // The index number is the agency's own code (unified social credit code): with one mention in the body, enough.
    // So is a second mention of a name no other division has, when the body names no other county at all and opens a
    // line with it as its subject (宁夏利通区坚持…): a county visited or partnered (赴仙居县学习) is named mid-sentence.
    // So is it, too, when the agency is a bare bureau of that level and the body has it speak as the author
    // (区民政局2020年工作成效…: 2020年来,新会区民政部门统筹…; see authorCounty).
    const ownLevel = hint !== "" && gz.names.levelWords.county.includes(hint) && code === author && (gz.divisions.get(code)?.name.endsWith(hint) ?? false);
    const enough = t.count >= 3 || (t.count >= 2 && (t.names.has("索引号") || (others.length === 0 && t.weight >= 1 && (code === opening || ownLevel))));
    if (enough && unambiguous && others.every((o) => t.count >= 2 * o)) {
      const inBody = t.count - (t.names.has("索引号") ? 1 : 0);
      countyPick = { code, why: `body names ${[...t.names].filter((n) => n !== "索引号").join("、") || "it"} ${inBody} time${inBody === 1 ? "" : "s"}${t.names.has("索引号") ? " and the index number carries its code" : ""}` };
    }
  }
  let cityPick: { code: string; why: string } | null = null;
  if (city) {
    const [code, t] = city;
    if (t.names.size >= 3 && t.weight >= 2) cityPick = { code, why: `body names ${t.names.size} of its counties/districts (${list(t.names)})` };
  }
  if (!cityPick && cityNamed) {
    const [code, t] = cityNamed;
    const others = [...ev.cities].filter(([c]) => c !== code).map(([, o]) => o.count);
    if (t.count >= 3 && t.weight >= 1 && others.every((o) => t.count >= 2 * o)) cityPick = { code, why: `body names it ${t.count} times` };
    // The index number carries the city's code (the agency's own) and most places the body names lie in it.
    else if (t.names.has("索引号")) {
      const within = inCity(ev, gz, code);
      const outside = [...ev.cities.keys()].filter((c) => c !== code).reduce((n, c) => Math.max(n, inCity(ev, gz, c)), 0);
      if (within >= 2 && within > outside) cityPick = { code, why: `the index number carries its code and the body names ${within} places in it` };
    }
  }

  let provincePick: { code: string; why: string } | null = null;
  const province = best(ev.citiesOfProvince, (t) => t.weight);
  if (province) {
    const [code, t] = province;
    if (t.names.size >= 3 && t.weight >= 2) provincePick = { code, why: `body names ${t.names.size} of its cities (${list(t.names)})` };
  }

  // a county report names its own towns; a city report names several of its counties; a province report its cities
  let pick: { code: string; why: string } | null = null;
  if (countyPick && cityPick) {
    const cd = gz.divisions.get(countyPick.code);
    const townsOfCounty = ev.towns.get(countyPick.code)?.names.size ?? 0;
    const countiesOfCity = ev.countiesOfCity.get(cityPick.code)?.names.size ?? 0;
    if (gz.names.levelWords.county.includes(hint)) pick = countyPick;
    else if (cd && cd.city !== cityPick.code) pick = townsOfCounty >= 3 ? countyPick : null;
    else {
      // same city: a county report names its towns; a city report names its counties, or itself more than any county
      const cityCount = ev.cities.get(cityPick.code)?.count ?? 0;
      const countyCount = ev.counties.get(countyPick.code)?.count ?? 0;
      pick = countiesOfCity > townsOfCounty || (cityCount > countyCount && townsOfCounty < 2) ? cityPick : countyPick;
    }
  } else pick = countyPick ?? cityPick;
  if (provincePick && (gz.names.levelWords.province.includes(hint) || (!pick && (ev.provinces.get(provincePick.code)?.count ?? 0) >= 2))) pick = provincePick;

  // the agency says 区/县 but the body only points at a city: not enough to name the district
  if (pick && gz.names.levelWords.county.includes(hint) && gz.divisions.get(pick.code)?.level === "city") pick = null;

  // a functional zone named again and again, containing the picked division (or with nothing else to go on)
  let zoneBest: { place: Place; count: number } | null = null;
  for (const z of ev.zones.values()) if (!zoneBest || z.count > zoneBest.count) zoneBest = z;
  if (zoneBest && zoneBest.count >= 3) {
    const pickCount = pick ? ev.counties.get(pick.code)?.count ?? ev.cities.get(pick.code)?.count ?? 0 : 0;
    const pd = pick ? gz.divisions.get(pick.code) : undefined;
    const inside = !pd || (zoneBest.place.city && pd.city === zoneBest.place.city);
    if (inside && zoneBest.count >= 2 * pickCount) {
      const r = placeRegion(zoneBest.place, gz, `body names the zone ${zoneBest.place.name} ${zoneBest.count} times${pick ? ` (${pick.why})` : ""}`);
      if (r) return r;
    }
  }
  if (!pick) return { ...EMPTY_REGION, evidence: anyPlace ? "places named in the text do not agree on one division" : "the text names no place" };
  const d = gz.divisions.get(pick.code);
  return d ? regionOf(d, gz, d.name, pick.why) : EMPTY_REGION;
}
