// The briefing theme: one font, one palette, one number format, one way to say units — shared by every chart.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Lang = "zh" | "en";

/** Family name inside the bundled OTF (Noto Sans SC shipped by @embedpdf/fonts-sc as "Noto Sans S Chinese"). */
export const FONT_FAMILY = "Noto Sans S Chinese";
/** What the SVG and the browser ask for: the bundled font first, then common CJK system fonts. */
export const FONT_STACK = `${FONT_FAMILY}, Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif`;

/** Paths of the bundled CJK OTF files (regular and bold), resolved from node_modules; no system font assumed. */
export function fontFiles(): string[] {
  const require = createRequire(import.meta.url);
  // the package's exports hide package.json; its entry lives in dist/, the OTFs in fonts/ next to it
  const fonts = join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts");
  return [join(fonts, "NotoSansHans-Regular.otf"), join(fonts, "NotoSansHans-Bold.otf")];
}

/**
 * Region colours: Tableau-10-like hues, colour-blind-friendlier order, then a second set.
 * A region keeps its colour in every chart because the map is built once from the whole documents table.
 */
export const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
  "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#2f6f9f", "#a0522d",
];
export const GAP_COLOR = "#9a9a9a";
export const INK = "#222222";
export const MUTED = "#666666";

/** region key (code or name) → colour, assigned in sorted key order so reruns agree. */
export function regionColorMap(keys: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(keys)].filter(Boolean).sort();
  return new Map(sorted.map((k, i) => [k, PALETTE[i % PALETTE.length]]));
}

/**
 * Vega expression that formats the number in `v` the way a Chinese briefing would: 1.2万, 3.45亿.
 * English: 12k, 3.45M, 1.2B.
 */
export function numberExpr(v: string, lang: Lang): string {
  if (lang === "en") {
    return `isValid(${v}) ? (abs(${v}) >= 1e9 ? format(${v} / 1e9, ',.3~r') + 'B' : abs(${v}) >= 1e6 ? format(${v} / 1e6, ',.3~r') + 'M' : abs(${v}) >= 1e4 ? format(${v} / 1e3, ',.3~r') + 'k' : format(${v}, ',.4~r')) : ''`;
  }
  return `isValid(${v}) ? (abs(${v}) >= 1e8 ? format(${v} / 1e8, '.4~r') + '亿' : abs(${v}) >= 1e4 ? format(${v} / 1e4, '.4~r') + '万' : format(${v}, '.4~r')) : ''`;
}

/** Same formatting in TypeScript, for tables and notes. */
export function formatNumber(x: number | null | undefined, lang: Lang = "zh"): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "";
  const r = (n: number) => Number(n.toPrecision(4)).toLocaleString("en-US", { maximumFractionDigits: 4 });
  const a = Math.abs(x);
  if (lang === "en") {
    if (a >= 1e9) return r(x / 1e9) + "B";
    if (a >= 1e6) return r(x / 1e6) + "M";
    if (a >= 1e4) return r(x / 1e3) + "k";
    return r(x);
  }
  if (a >= 1e8) return String(Number((x / 1e8).toPrecision(4))) + "亿";
  if (a >= 1e4) return String(Number((x / 1e4).toPrecision(4))) + "万";
  return String(Number(x.toPrecision(4)));
}

const UNIT_LABELS: Record<string, [string, string]> = {
  yuan: ["元", "yuan"],
  person: ["人", "persons"],
  person_time: ["人次", "person-times"],
  household: ["户", "households"],
  bed: ["张", "beds"],
  facility: ["家", "facilities"],
  item: ["个", "items"],
  meal: ["餐", "meals"],
  copy: ["份", "copies"],
  couple: ["对", "couples"],
  percent: ["%", "%"],
  sqm: ["平方米", "m²"],
  mu: ["亩", "mu"],
  hour: ["小时", "hours"],
  day: ["天", "days"],
  event: ["场", "events"],
  case: ["件", "cases"],
  dose: ["剂次", "doses"],
  other: ["", ""],
};

export function unitLabel(unit: string, lang: Lang): string {
  const u = UNIT_LABELS[unit];
  return u ? u[lang === "en" ? 1 : 0] : unit;
}

/**
 * How money is shown: values stay in yuan in the data; the chart divides by a display scale chosen from the
 * largest figure so the axis reads 万元 or 亿元 like a briefing does.
 */
export function displayScale(unit: string, maxValue: number, lang: Lang): { factor: number; label: string } {
  if (unit === "yuan") {
    if (maxValue >= 1e8) return { factor: 1e8, label: lang === "en" ? "100M yuan" : "亿元" };
    if (maxValue >= 1e4) return { factor: 1e4, label: lang === "en" ? "10k yuan" : "万元" };
    return { factor: 1, label: lang === "en" ? "yuan" : "元" };
  }
  return { factor: 1, label: unitLabel(unit, lang) };
}

const DOMAIN_LABELS: Record<string, [string, string]> = {
  elderly_care: ["养老服务", "Elderly care"],
  social_assistance: ["社会救助", "Social assistance"],
  child_welfare: ["儿童福利", "Child welfare"],
  disability: ["残疾人福利", "Disability"],
  charity: ["慈善", "Charity"],
  welfare_lottery: ["福利彩票", "Welfare lottery"],
  social_organizations: ["社会组织", "Social organisations"],
  social_work: ["社会工作与志愿服务", "Social work"],
  community_governance: ["基层治理", "Community governance"],
  marriage: ["婚姻登记", "Marriage"],
  funeral: ["殡葬", "Funeral"],
  place_names: ["地名", "Place names"],
  veterans: ["退役军人", "Veterans"],
  health: ["卫生健康", "Health"],
  disaster_relief: ["防灾减灾", "Disaster relief"],
  resettlement: ["水库移民", "Resettlement"],
  admin_services: ["政务服务", "Admin services"],
  other: ["其他", "Other"],
};

export const DOMAINS = Object.keys(DOMAIN_LABELS);

export function domainLabel(domain: string, lang: Lang): string {
  const d = DOMAIN_LABELS[domain];
  return d ? d[lang === "en" ? 1 : 0] : domain || (lang === "en" ? "(none)" : "(未分类)");
}

export const PERIOD_LABELS: Record<string, [string, string]> = {
  annual: ["全年", "annual"], H1: ["上半年", "H1"], H2: ["下半年", "H2"],
  Q1: ["一季度", "Q1"], Q2: ["二季度", "Q2"], Q3: ["三季度", "Q3"], Q4: ["四季度", "Q4"],
};

/** The Vega-Lite config every chart carries: font, sizes, quiet grid, room for long Chinese labels. */
export function briefingConfig(): Record<string, unknown> {
  return {
    font: FONT_STACK,
    background: "#ffffff",
    padding: { left: 12, right: 24, top: 12, bottom: 12 },
    view: { stroke: null },
    title: { fontSize: 17, fontWeight: "bold", color: INK, anchor: "start", subtitleFontSize: 12, subtitleColor: MUTED, subtitlePadding: 6, offset: 14 },
    axis: {
      labelFontSize: 12, titleFontSize: 12, titleColor: MUTED, labelColor: INK, labelLimit: 260,
      gridColor: "#e6e6e6", domainColor: "#888888", tickColor: "#888888", titleFontWeight: "normal",
    },
    axisBand: { grid: false, ticks: false },
    legend: { labelFontSize: 12, titleFontSize: 12, labelLimit: 240, orient: "bottom", direction: "horizontal", titleColor: MUTED },
    header: { labelFontSize: 12, titleFontSize: 12 },
    text: { fontSize: 11 },
    bar: { discreteBandSize: { band: 0.72 } },
  };
}

/** Width in px of `text` drawn in Noto Sans SC: CJK one em, Latin and digits about half. */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3000 && c <= 0x303f) || c >= 0x20000) em += 1;
    else if (ch >= "0" && ch <= "9") em += 0.56;
    else if (ch >= "A" && ch <= "Z") em += 0.64;
    else if (ch >= "a" && ch <= "z") em += 0.53;
    else if (ch === " ") em += 0.23;
    else if (".,:;'|!()[]-".includes(ch)) em += 0.3;
    else em += 0.6;
  }
  return em * fontSize * (bold ? 1.05 : 1);
}

/** Break text into lines no wider than `width` px, preferring breaks after Chinese or Latin punctuation and spaces. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest && estimateTextWidth(rest, fontSize) > width) {
    const chars = [...rest];
    let fit = 0;
    let w = 0;
    while (fit < chars.length && (w += estimateTextWidth(chars[fit], fontSize)) <= width) fit++;
    let cut = fit;
    for (let i = fit; i > fit * 0.6; i--) {
      if ("；，、。）);, ".includes(chars[i - 1])) {
        cut = i;
        break;
      }
    }
    lines.push(chars.slice(0, cut).join("").trimEnd());
    rest = chars.slice(cut).join("").trimStart();
  }
  if (rest) lines.push(rest);
  return lines;
}
