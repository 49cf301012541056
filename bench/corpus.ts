// A deterministic benchmark corpus built from the seed reports: figures, years, place names and sentence
// order varied per document; some documents in traditional script, GBK or Big5 bytes, or wrapped as HTML.
// Same (seed, size) → byte-identical corpus on every machine.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import * as OpenCC from "opencc-js";

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Places the seeds name, and places to put in their stead.
const SEED_PLACES = ["宁波高新区", "高新区", "宁波", "苏州", "张家港", "常熟", "太仓", "昆山", "吴江", "吴中", "相城", "姑苏", "温州", "龙湾", "瑶溪", "海滨", "永兴", "蒲州", "状元", "慈溪", "余姚"];
const PLACE_POOL = ["杭州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "台州", "丽水", "无锡", "常州", "南通", "扬州", "镇江", "泰州", "徐州", "合肥", "芜湖", "福州", "厦门", "泉州", "南昌", "济南", "青岛", "郑州", "武汉", "长沙", "成都", "贵阳", "昆明", "西安", "兰州", "银川"];

export interface CorpusSpec {
  dir: string;
  /** Target size in bytes (the corpus stops at the first document that reaches it). */
  bytes: number;
  seed?: number;
  rawDir: string;
}

export interface CorpusInfo {
  files: number;
  bytes: number;
  variants: Record<string, number>;
}

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}

function randomDigits(rng: () => number, n: number): string {
  let s = String(1 + Math.floor(rng() * 9));
  for (let i = 1; i < n; i++) s += Math.floor(rng() * 10);
  return s;
}

/** Vary one seed text: years shifted together, other figures redrawn with the same digit count, places swapped, sentences shuffled. */
export function varyText(text: string, rng: () => number, places: readonly string[], pool: readonly string[]): string {
  const shift = Math.floor(rng() * 10) - 8; // 2023 → 2015 … 2024
  let out = text.replace(/(?<![\d.])(\d+)(\.\d+)?/g, (m, int: string, frac: string | undefined, offset: number, all: string) => {
    if (/^(19|20)\d\d$/.test(int) && !frac) {
      const next = all[offset + m.length];
      return next === "年" || next === "-" || next === "—" || next === "/" ? String(Number(int) + shift) : m;
    }
    if (int.length > 9) return m; // document numbers and ids keep their shape
    return randomDigits(rng, int.length) + (frac ? "." + randomDigits(rng, frac.length - 1) : "");
  });
  const swap = new Map(places.map((p) => [p, pick(rng, pool)]));
  const placeRe = new RegExp(places.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  out = out.replace(placeRe, (p) => swap.get(p) ?? p);
  // Shuffle sentence order inside about half the paragraphs (headings and short lines untouched).
  out = out
    .split("\n")
    .map((line) => {
      const parts = line.match(/[^。！？]+[。！？]/g);
      if (!parts || parts.length < 3 || rng() < 0.5 || parts.join("") !== line) return line;
      for (let i = parts.length - 1; i > 0; i--) {
        const j = Math.floor(rng() * (i + 1));
        [parts[i], parts[j]] = [parts[j], parts[i]];
      }
      return parts.join("");
    })
    .join("\n");
  return out;
}

function toHtml(text: string, rng: () => number): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const lines = text.split("\n").filter((l) => l.trim());
  const title = esc(lines.find((l) => /工作|总结|计划/.test(l)) ?? lines[0] ?? "");
  return [
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title>`,
    `<style>body{font-size:14px}</style><script>var _hmt=_hmt||[];</script></head><body>`,
    `<div class="nav">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 计划总结</div>`,
    `<div class="content">`,
    ...lines.map((l) => `<p>${esc(l)}</p>`),
    `</div><div class="footer">版权所有 © ${2000 + Math.floor(rng() * 25)} 民政局 ICP备05000000号</div></body></html>`,
  ].join("\n");
}

export function buildCorpus(spec: CorpusSpec): CorpusInfo {
  const seed = spec.seed ?? 20240101;
  const marker = `${spec.dir}.json`; // beside the corpus, not in it: every file inside is an input
  const want = JSON.stringify({ version: 2, seed, bytes: spec.bytes, raw: readdirSync(spec.rawDir).sort() });
  if (existsSync(marker)) {
    const have = JSON.parse(readFileSync(marker, "utf8")) as { spec: string; info: CorpusInfo };
    if (have.spec === want) return have.info;
  }
  rmSync(spec.dir, { recursive: true, force: true });
  mkdirSync(spec.dir, { recursive: true });
  const seeds = readdirSync(spec.rawDir).sort().map((f) => readFileSync(join(spec.rawDir, f), "utf8"));
  // Traditional variants are converted once per seed (opencc is the slow part), then varied like the others.
  const toTw = OpenCC.Converter({ from: "cn", to: "tw" });
  const twSeeds = seeds.map((s) => toTw(s));
  const twPlaces = SEED_PLACES.map((p) => toTw(p));
  const twPool = PLACE_POOL.map((p) => toTw(p));
  const rng = mulberry32(seed);
  const info: CorpusInfo = { files: 0, bytes: 0, variants: {} };
  for (let i = 0; info.bytes < spec.bytes; i++) {
    const s = i % seeds.length;
    const r = rng();
    const variant = r < 0.12 ? "traditional" : r < 0.15 ? "big5" : r < 0.27 ? "gbk" : r < 0.37 ? "html" : "utf-8";
    const traditional = variant === "traditional" || variant === "big5";
    const text = traditional ? varyText(twSeeds[s], rng, twPlaces, twPool) : varyText(seeds[s], rng, SEED_PLACES, PLACE_POOL);
    let bytes: Uint8Array;
    let ext = "txt";
    if (variant === "gbk") bytes = iconv.encode(text, "gbk");
    else if (variant === "big5") bytes = iconv.encode(text, "big5");
    else if (variant === "html") {
      bytes = Buffer.from(toHtml(text, rng), "utf8");
      ext = "html";
    } else bytes = Buffer.from(text, "utf8");
    const sub = join(spec.dir, String(Math.floor(i / 1000)).padStart(3, "0"));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `b${String(i).padStart(6, "0")}_${s}.${ext}`), bytes);
    info.files++;
    info.bytes += bytes.length;
    info.variants[variant] = (info.variants[variant] ?? 0) + 1;
  }
  writeFileSync(marker, JSON.stringify({ spec: want, info }));
  return info;
}
