// Chart builders for briefings. Each returns a complete Vega-Lite spec: title and subtitle that say what and
// where, a source line, units on the axis, Chinese number formatting, region colours from one map, sorted bars,
// gaps drawn as gaps ("未提及"), targets hollow and dashed next to filled actuals.
import type { VlSpec } from "../runtime/nb.ts";
import {
  briefingConfig, displayScale, GAP_COLOR, INK, type Lang, MUTED, numberExpr, PERIOD_LABELS, wrapText,
} from "./theme.ts";

/** Vega expression for a value label: percentages with one decimal and a % sign, everything else 万/亿. */
export function valueExpr(v: string, unit: string, lang: Lang): string {
  return unit === "percent" ? `isValid(${v}) ? format(${v}, '.1~f') + '%' : ''` : numberExpr(v, lang);
}

/** "养老床位数(张)" / "Beds (beds)". */
export function withUnit(label: string, unit: string, lang: Lang): string {
  if (!unit) return label;
  return lang === "en" ? `${label} (${unit})` : `${label}(${unit})`;
}

export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** Where a chart's figures come from: printed under every chart. */
export interface Source {
  reports: number;
  regions: string[];
  years: number[];
  extractedAt: string;
}

export function sourceLine(src: Source, lang: Lang): string {
  const years = [...new Set(src.years.filter((y) => Number.isFinite(y)))].sort();
  const yearText = years.length === 0 ? "" : years.length === 1 ? `${years[0]}` : `${years[0]}–${years[years.length - 1]}`;
  const named = src.regions.filter((r) => r && !r.startsWith("?"));
  const unplaced = src.regions.length - named.length;
  const shown = named.slice(0, 6);
  if (lang === "en") {
    const parts = [shown.join(", ") + (named.length > shown.length ? ` and ${named.length - shown.length} more` : ""), unplaced ? `${unplaced} unplaced` : ""].filter(Boolean);
    return `Source: ${src.reports} civil-affairs work report${src.reports === 1 ? "" : "s"} (${parts.join("; ")})${yearText ? `, ${yearText}` : ""}; figures extracted ${src.extractedAt || "(date unknown)"}.`;
  }
  const parts = [shown.join("、") + (named.length > shown.length ? `等${named.length}个地区` : ""), unplaced ? `${unplaced}份未识别地区` : ""].filter(Boolean);
  return `来源：${src.reports}份民政工作报告（${parts.join("；")}）${yearText ? `，${yearText}年` : ""}；数据提取于${src.extractedAt || "(日期不详)"}。`;
}

export interface Frame {
  title: string;
  subtitle: string;
  source: Source;
  lang: Lang;
}

/** Wrap a chart with title, subtitle, the source line under it, and the briefing theme. */
export function briefing(main: VlSpec, frame: Frame, width: number): VlSpec {
  // long subtitles and source lines wrap to the chart's width instead of widening the image
  const lineWidth = Math.max(width + 120, 480);
  const sourceLines = wrapText(sourceLine(frame.source, frame.lang), lineWidth, 10);
  return {
    $schema: VL_SCHEMA,
    title: { text: frame.title, subtitle: wrapText(frame.subtitle, lineWidth, 12) },
    config: briefingConfig(),
    spacing: 10,
    vconcat: [
      main,
      {
        width,
        height: 13 * sourceLines.length,
        data: { values: [{ t: sourceLines.join("\n") }] },
        mark: { type: "text", align: "left", baseline: "top", x: 0, y: 0, fontSize: 10, color: MUTED, lineBreak: "\n", lineHeight: 13 },
        encoding: { text: { field: "t", type: "nominal" } },
      },
    ],
  };
}

/** One figure (or one gap) for a region: what bar charts draw. */
export interface Point {
  /** Region key (code or name): the colour comes from it. */
  region: string;
  regionLabel: string;
  year: number | null;
  /** Base units; null when the region's report does not mention the indicator. */
  value: number | null;
  kind: "actual" | "target";
  /** Appended after the year in the label: 上半年 for a half-year report. */
  suffix?: string;
  /** Text for a gap when "not mentioned" would say too little (e.g. the report gives only a target). */
  gapNote?: string;
  quote?: string;
  sentence?: string;
  doc_file?: string;
  /** How many mentions the shown figure was chosen from. */
  mentions?: number;
}

/**
 * An explicit x domain with room for the value labels at the bar ends: zoomable charts clip their marks, and
 * vega-lite turns `nice` off for scales bound to a zoom, so without this the largest label would be cut.
 */
export function paddedDomain(values: (number | null)[], pad = 0.2): [number, number] {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x));
  const lo = Math.min(0, ...v);
  const hi = Math.max(0, ...v);
  const nice = (x: number) => {
    if (x === 0) return 0;
    const step = Math.pow(10, Math.floor(Math.log10(Math.abs(x)))) / 2;
    return Math.sign(x) * Math.ceil(Math.abs(x) / step) * step;
  };
  const span = hi - lo || 1;
  return [lo < 0 ? nice(lo - span * pad) : 0, hi > 0 ? nice(hi + span * pad) : 1];
}

function colorScale(points: { region: string }[], colors: Map<string, string>) {
  const domain = [...new Set(points.map((p) => p.region))].sort();
  return { domain, range: domain.map((r) => colors.get(r) ?? GAP_COLOR) };
}

function txt(lang: Lang, zh: string, en: string) {
  return lang === "en" ? en : zh;
}

type Tooltip = Record<string, unknown>[];

/** The figure written at the end of each bar (outside it, left of a negative bar), for rows where `field` has a value. */
function valueLabels(field: string, textExpr: string, tooltip: Tooltip, fontSize = 11): VlSpec {
  return {
    mark: { type: "text", align: { expr: `datum.${field} < 0 ? 'right' : 'left'` }, dx: { expr: `datum.${field} < 0 ? -5 : 5` }, color: INK, fontSize },
    transform: [{ filter: `isValid(datum.${field})` }, { calculate: textExpr, as: "valueText" }],
    encoding: { x: { field, type: "quantitative" }, text: { field: "valueText" }, tooltip },
  };
}

/** Rows where `field` has no value say why (the row's `gap` text) at zero, in grey italics: a gap, not a zero bar. */
function gapLabels(field: string, tooltip: Tooltip, fontSize = 11): VlSpec {
  return {
    mark: { type: "text", align: "left", dx: 3, color: GAP_COLOR, fontStyle: "italic", fontSize },
    transform: [{ filter: `!isValid(datum.${field})` }],
    encoding: { x: { datum: 0, type: "quantitative" }, text: { field: "gap" }, tooltip },
  };
}

export interface BarOptions extends Frame {
  points: Point[];
  colors: Map<string, string>;
  /** Canonical unit of the figures (yuan, person, bed …). */
  unit: string;
  /** What the axis measures, e.g. 床位数 / beds. The unit is appended. */
  measureLabel: string;
}

/**
 * Horizontal bars, one per region (and year when there are several), longest first; regions whose report does
 * not mention the indicator are listed with "未提及" instead of a zero-length bar.
 */
export function regionBars(o: BarOptions): VlSpec {
  const lang = o.lang;
  const years = new Set(o.points.map((p) => p.year));
  const multiYear = years.size > 1;
  const max = Math.max(0, ...o.points.map((p) => p.value ?? 0));
  const scale = displayScale(o.unit, max, lang);
  const gapText = txt(lang, "未提及", "not reported");
  const rows = o.points.map((p) => {
    const sfx = p.suffix ?? "";
    const label = multiYear && p.year !== null ? `${p.regionLabel} ${p.year}${sfx}` : `${p.regionLabel}${sfx ? ` ${sfx.trim()}` : ""}`;
    return {
      region: p.region,
      label,
      regionLabel: p.regionLabel,
      year: p.year === null ? "" : String(p.year),
      shown: p.value === null ? null : p.value / scale.factor,
      value: p.value,
      sortKey: p.value === null ? -1e300 : p.value,
      quote: p.quote ?? "",
      sentence: (p.sentence ?? "").slice(0, 120),
      doc: p.doc_file ?? "",
      mentions: p.mentions ?? (p.value === null ? 0 : 1),
      gap: p.value === null ? p.gapNote ?? gapText : "",
    };
  });
  const width = 560;
  const axisTitle = withUnit(o.measureLabel, scale.label, lang);
  const y = {
    field: "label", type: "nominal", title: null,
    sort: { field: "sortKey", op: "max", order: "descending" },
    axis: { labelLimit: 260, labelPadding: 6 },
  };
  const tooltip = [
    { field: "regionLabel", title: txt(lang, "地区", "Region") },
    { field: "year", title: txt(lang, "年份", "Year") },
    { field: "shown", title: axisTitle, format: ",.4~r" },
    { field: "quote", title: txt(lang, "原文数字", "As written") },
    { field: "sentence", title: txt(lang, "原句", "Sentence") },
    { field: "mentions", title: txt(lang, "提及次数", "Mentions") },
    { field: "doc", title: txt(lang, "报告文件", "Report file") },
  ];
  const main: VlSpec = {
    width,
    height: { step: 30 },
    data: { values: rows },
    encoding: { y },
    layer: [
      {
        params: [{ name: "zoom", select: { type: "interval", encodings: ["x"] }, bind: "scales" }],
        mark: { type: "bar" },
        transform: [{ filter: "isValid(datum.shown)" }],
        encoding: {
          x: {
            field: "shown", type: "quantitative", title: axisTitle, scale: { domain: paddedDomain(rows.map((r) => r.shown)) },
            axis: { labelExpr: valueExpr("datum.value", o.unit, lang), tickCount: 5, titlePadding: 8 },
          },
          color: { field: "region", type: "nominal", scale: colorScale(o.points, o.colors), legend: null },
          tooltip,
        },
      },
      valueLabels("shown", valueExpr("datum.shown", o.unit, lang), tooltip),
      gapLabels("shown", tooltip),
    ],
  };
  return briefing(main, o, width);
}

export interface PlanPoint extends Point {
  indicatorLabel: string;
}

export interface PlanOptions extends Frame {
  points: PlanPoint[];
  colors: Map<string, string>;
  unit: string;
  measureLabel: string;
}

/**
 * Targets against results: for each region (row) a filled bar for what was reported done and a hollow dashed bar
 * for the target, side by side, sorted by the target. A side that is missing says so.
 */
export function targetVsActual(o: PlanOptions): VlSpec {
  const lang = o.lang;
  const max = Math.max(0, ...o.points.map((p) => p.value ?? 0));
  const scale = displayScale(o.unit, max, lang);
  const kindLabel = (k: string) => (k === "target" ? txt(lang, "目标", "target") : txt(lang, "实际完成", "reported done"));
  const targetByRow = new Map<string, number>();
  for (const p of o.points) if (p.kind === "target" && p.value !== null) targetByRow.set(`${p.regionLabel}|${p.year}`, p.value);
  const rows = o.points.map((p) => ({
    region: p.region,
    label: p.year !== null ? `${p.regionLabel} ${p.year}` : p.regionLabel,
    regionLabel: p.regionLabel,
    year: p.year === null ? "" : String(p.year),
    kind: kindLabel(p.kind),
    shown: p.value === null ? null : p.value / scale.factor,
    sortKey: targetByRow.get(`${p.regionLabel}|${p.year}`) ?? p.value ?? -1e300,
    quote: p.quote ?? "",
    sentence: (p.sentence ?? "").slice(0, 120),
    doc: p.doc_file ?? "",
    gap: p.value === null ? txt(lang, `${kindLabel(p.kind)}未提及`, `${kindLabel(p.kind)}: not reported`) : "",
  }));
  const width = 560;
  const axisTitle = withUnit(o.measureLabel, scale.label, lang);
  const kinds = [kindLabel("actual"), kindLabel("target")];
  const tooltip = [
    { field: "regionLabel", title: txt(lang, "地区", "Region") },
    { field: "year", title: txt(lang, "年份", "Year") },
    { field: "kind", title: txt(lang, "类别", "Kind") },
    { field: "shown", title: axisTitle, format: ",.4~r" },
    { field: "quote", title: txt(lang, "原文数字", "As written") },
    { field: "sentence", title: txt(lang, "原句", "Sentence") },
  ];
  const color = { field: "region", type: "nominal", scale: colorScale(o.points, o.colors), legend: null };
  const y = { field: "label", type: "nominal", title: null, sort: { field: "sortKey", op: "max", order: "descending" }, axis: { labelLimit: 260, labelPadding: 8 } };
  const yOffset = { field: "kind", type: "nominal", scale: { domain: kinds }, title: null };
  const main: VlSpec = {
    width,
    height: { step: 24 },
    data: { values: rows },
    encoding: { y, yOffset },
    layer: [
      {
        params: [{ name: "zoom", select: { type: "interval", encodings: ["x"] }, bind: "scales" }],
        mark: { type: "bar", strokeWidth: 1.6 },
        transform: [{ filter: "isValid(datum.shown)" }],
        encoding: {
          x: { field: "shown", type: "quantitative", title: axisTitle, scale: { domain: paddedDomain(rows.map((r) => r.shown)) }, axis: { labelExpr: valueExpr("datum.value", o.unit, lang), tickCount: 5 } },
          stroke: color,
          fill: { ...color },
          // no legend: the subtitle is the key, and every bar says what it is at its end ("620 实际完成", "600 目标")
          fillOpacity: { field: "kind", type: "nominal", sort: kinds, scale: { domain: kinds, range: [1, 0] }, legend: null },
          strokeDash: { field: "kind", type: "nominal", sort: kinds, scale: { domain: kinds, range: [[1, 0], [4, 3]] }, legend: null },
          tooltip,
        },
      },
      valueLabels("shown", `(${valueExpr("datum.shown", o.unit, lang)}) + ' ' + datum.kind`, tooltip, 10),
      gapLabels("shown", tooltip, 10),
    ],
  };
  return briefing(main, o, width);
}

export interface HeatCell {
  x: string;
  y: string;
  value: number;
  tooltip?: Record<string, string | number>;
}

export interface HeatOptions extends Frame {
  cells: HeatCell[];
  xTitle: string;
  yTitle: string;
  valueTitle: string;
  xOrder?: string[];
  yOrder?: string[];
}

/** A count heatmap (e.g. figures per domain per report) with the count written in each cell; empty = none. */
export function heatmap(o: HeatOptions): VlSpec {
  const xs = o.xOrder ?? [...new Set(o.cells.map((c) => c.x))];
  const short = xs.every((x) => x.length <= 4);
  const step = short ? 56 : 34;
  const width = Math.max(200, xs.length * step);
  const max = Math.max(1, ...o.cells.map((c) => c.value));
  const main: VlSpec = {
    width,
    height: { step: 28 },
    data: { values: o.cells.map((c) => ({ x: c.x, y: c.y, value: c.value, ...(c.tooltip ?? {}) })) },
    encoding: {
      x: { field: "x", type: "nominal", title: o.xTitle, sort: xs, axis: { labelAngle: short ? 0 : -40, labelLimit: 220, orient: "top" } },
      y: { field: "y", type: "nominal", title: o.yTitle, sort: o.yOrder ?? "ascending", axis: { labelLimit: 260 } },
    },
    layer: [
      {
        mark: { type: "rect", stroke: "#ffffff", strokeWidth: 1 },
        encoding: {
          color: {
            field: "value", type: "quantitative", title: o.valueTitle,
            scale: { scheme: "blues", domain: [0, max] },
            legend: { orient: "right", direction: "vertical", gradientLength: 120, format: "d", tickCount: Math.min(max, 5) },
          },
          tooltip: [{ field: "y", title: o.yTitle }, { field: "x", title: o.xTitle }, { field: "value", title: o.valueTitle }],
        },
      },
      {
        mark: { type: "text", fontSize: 11 },
        encoding: {
          text: { field: "value", type: "quantitative" },
          // white on the dark half of the scale, ink on the light half
          color: { condition: { test: `datum.value > ${max / 2}`, value: "#ffffff" }, value: INK },
        },
      },
    ],
  };
  return briefing(main, o, width);
}

export interface CountBar {
  region: string;
  label: string;
  value: number | null;
  detail?: string;
}

export interface CountOptions extends Frame {
  bars: CountBar[];
  colors: Map<string, string>;
  axisTitle: string;
  /** Axis domain max (e.g. 100 for shares). */
  max?: number;
  /** Vega format for the value label (default Chinese 万/亿 formatting). */
  percent?: boolean;
}

/** Sorted horizontal bars of a count or share per report or region, coloured by region. */
export function countBars(o: CountOptions): VlSpec {
  const lang = o.lang;
  const width = 520;
  const rows = o.bars.map((b) => ({ ...b, sortKey: b.value ?? -1e300, gap: b.value === null ? txt(lang, "无数据", "no data") : "" }));
  const labelExpr = o.percent ? "isValid(datum.value) ? format(datum.value, '.0f') + '%' : ''" : numberExpr("datum.value", lang);
  const labelText = o.percent ? "format(datum.value, '.0f') + '%'" : numberExpr("datum.value", lang);
  const tooltip = [{ field: "label", title: txt(lang, "报告", "Report") }, { field: "value", title: o.axisTitle, format: ",.4~r" }, { field: "detail", title: txt(lang, "说明", "Detail") }];
  const main: VlSpec = {
    width,
    height: { step: 30 },
    data: { values: rows },
    encoding: { y: { field: "label", type: "nominal", title: null, sort: { field: "sortKey", op: "max", order: "descending" }, axis: { labelLimit: 280 } } },
    layer: [
      {
        mark: { type: "bar" },
        transform: [{ filter: "isValid(datum.value)" }],
        encoding: {
          x: { field: "value", type: "quantitative", title: o.axisTitle, scale: o.max ? { domain: [0, o.max] } : { zero: true }, axis: { labelExpr, tickCount: 5 } },
          color: { field: "region", type: "nominal", scale: colorScale(o.bars, o.colors), legend: null },
          tooltip,
        },
      },
      valueLabels("value", labelText, tooltip),
      gapLabels("value", tooltip),
    ],
  };
  return briefing(main, o, width);
}

export interface TrendPoint {
  region: string;
  regionLabel: string;
  year: number;
  value: number;
  quote?: string;
}

export interface TrendOptions extends Frame {
  points: TrendPoint[];
  colors: Map<string, string>;
  unit: string;
  measureLabel: string;
}

/** Values across years, one line per region (a dot only where a region has one year). Missing years stay gaps. */
export function yearTrend(o: TrendOptions): VlSpec {
  const lang = o.lang;
  const max = Math.max(0, ...o.points.map((p) => p.value));
  const scale = displayScale(o.unit, max, lang);
  const axisTitle = withUnit(o.measureLabel, scale.label, lang);
  const width = 520;
  const rows = o.points.map((p) => ({ ...p, shown: p.value / scale.factor, quote: p.quote ?? "" }));
  const years = [...new Set(o.points.map((p) => p.year))].sort();
  const color = { field: "region", type: "nominal", scale: colorScale(o.points, o.colors), legend: null };
  const tooltip = [
    { field: "regionLabel", title: txt(lang, "地区", "Region") },
    { field: "year", title: txt(lang, "年份", "Year") },
    { field: "shown", title: axisTitle, format: ",.4~r" },
    { field: "quote", title: txt(lang, "原文数字", "As written") },
  ];
  const main: VlSpec = {
    width,
    height: 260,
    data: { values: rows },
    encoding: {
      x: { field: "year", type: "ordinal", title: txt(lang, "年份", "Year"), sort: years, axis: { labelAngle: 0 } },
      y: { field: "shown", type: "quantitative", title: axisTitle, axis: { labelExpr: numberExpr("datum.value", lang) } },
      color,
    },
    layer: [
      { mark: { type: "line", strokeWidth: 2 }, encoding: { detail: { field: "region" } } },
      { mark: { type: "point", filled: true, size: 70 }, encoding: { tooltip } },
      {
        mark: { type: "text", align: "left", dx: 7, fontSize: 11 },
        transform: [{ joinaggregate: [{ op: "max", field: "year", as: "lastYear" }], groupby: ["region"] }, { filter: "datum.year === datum.lastYear" }],
        encoding: { text: { field: "regionLabel" } },
      },
    ],
  };
  return briefing(main, o, width);
}

export function periodLabel(period: string, lang: Lang): string {
  const p = PERIOD_LABELS[period];
  return p ? p[lang === "en" ? 1 : 0] : period;
}
