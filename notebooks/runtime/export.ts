// Chart export: Vega-Lite → Vega → SVG (vega's headless renderer) → PNG (resvg with the bundled CJK font).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile } from "vega-lite";
import { estimateTextWidth, FONT_FAMILY, fontFiles } from "../charts/theme.ts";

export { estimateTextWidth };
import type { VlSpec } from "./nb.ts";

let metricsPatched = false;
/**
 * Headless vega has no canvas to measure text, and its fallback (0.8 em per character) is too narrow for
 * Chinese, which cuts labels and lets them overlap: measure the way Noto Sans SC draws instead.
 */
function patchTextMetrics(): void {
  if (metricsPatched) return;
  metricsPatched = true;
  type Item = { text?: unknown; fontSize?: number; fontWeight?: string | number };
  const tm = (vega as unknown as { textMetrics: { width: (item: Item, text?: unknown) => number } }).textMetrics;
  tm.width = (item: Item, text?: unknown) => {
    const t = text ?? item.text;
    const s = Array.isArray(t) ? t.join(" ") : String(t ?? "");
    const bold = item.fontWeight === "bold" || (typeof item.fontWeight === "number" && item.fontWeight >= 600);
    return estimateTextWidth(s, item.fontSize ?? 11, bold);
  };
}

/** Vega-Lite → Vega, throwing on errors (a spec that does not compile is a bug in the notebook). */
export function compileSpec(spec: VlSpec): vega.Spec {
  return compile(spec as unknown as Parameters<typeof compile>[0]).spec as vega.Spec;
}

/** Static SVG of a chart, drawn headlessly. */
export async function chartSvg(spec: VlSpec): Promise<string> {
  patchTextMetrics();
  const view = new vega.View(vega.parse(compileSpec(spec)), { renderer: "none", logLevel: vega.Error });
  try {
    await view.runAsync();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Png {
  png: Buffer;
  width: number;
  height: number;
}

/** PNG at `scale`× with the bundled CJK font only (no system fonts: what you see is what every machine gets). */
export function svgToPng(svg: string, scale = 2, withFont = true): Png & { resvg: Resvg } {
  const r = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: withFont
      ? { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }
      : { loadSystemFonts: false },
    background: "#ffffff",
  });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, resvg: r };
}

/**
 * The same SVG with every glyph turned into a path (resvg lays the text out with the bundled font), for pages and
 * notebooks opened on machines without a Chinese font. Ids get `prefix` so several charts can share one page.
 */
export function outlineSvg(svg: string, prefix: string, r?: Resvg): string {
  r ??= new Resvg(svg, { font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } });
  return r
    .toString()
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}

/** SVG width and height as vega wrote them. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 0, height: 0 };
}

export interface ExportedChart {
  name: string;
  /** Vega's SVG, text as text (what CHART.svg holds: small, editable, searchable). */
  svg: string;
  /** Text as outlines: draws the same everywhere, font or not (what the HTML page and the .ipynb show). */
  outlined: string;
  png: Buffer;
  pngWidth: number;
  pngHeight: number;
  files: { svg: string; png: string; vl: string };
}

/** Write CHART.svg, CHART.png (2×) and CHART.vl.json under `dir`. */
export async function exportChart(spec: VlSpec, dir: string, name: string): Promise<ExportedChart> {
  mkdirSync(dir, { recursive: true });
  const svg = await chartSvg(spec);
  const { png, width, height, resvg } = svgToPng(svg, 2);
  const files = { svg: join(dir, `${name}.svg`), png: join(dir, `${name}.png`), vl: join(dir, `${name}.vl.json`) };
  writeFileSync(files.svg, svg);
  writeFileSync(files.png, png);
  writeFileSync(files.vl, JSON.stringify(spec, null, 2) + "\n");
  // the same parsed tree (fonts loaded once) gives the outlined SVG
  const outlined = outlineSvg(svg, `c-${name.replace(/[^A-Za-z0-9_-]/g, "")}`, resvg);
  return { name, svg, outlined, png, pngWidth: width, pngHeight: height, files };
}
