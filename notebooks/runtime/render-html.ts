// One notebook → one self-contained HTML page: vega, vega-lite and vega-embed inlined from node_modules (no CDN),
// each chart as a static SVG that is replaced by the interactive view once the scripts run, tables as tables,
// and every string that came from a report escaped.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Marked } from "marked";
import { FONT_STACK } from "../charts/theme.ts";
import type { Cell } from "./cells.ts";
import { escapeHtml, jsonForScript } from "./escape.ts";
import type { Output } from "./nb.ts";

export interface RenderedCell {
  cell: Cell;
  outputs: RenderedOutput[];
  /** The cell did not run because an earlier cell failed. */
  skipped: boolean;
}

export type RenderedOutput =
  | Exclude<Output, { type: "chart" }>
  | { type: "chart"; name: string; spec: Record<string, unknown>; caption: string; svg: string; files: { svg: string; png: string; vl: string } };

export interface PageInfo {
  name: string;
  title: string;
  lang: "zh" | "en";
  tablesDir: string;
  extractedAt: string;
  /** Relative link to the same notebook in the other language, if rendered. */
  otherLang?: { href: string; label: string };
}

/** Markdown with raw HTML shown as text and no javascript: links. */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, title, tokens }) {
      const body = this.parser.parseInline(tokens);
      if (/^\s*(javascript|vbscript|data):/i.test(href)) return body;
      return `<a href="${escapeHtml(href)}"${title ? ` title="${escapeHtml(title)}"` : ""}>${body}</a>`;
    },
  },
});

export const escapeText = escapeHtml;

export function renderMarkdown(text: string): string {
  return markdown.parse(text, { async: false }) as string;
}

function vendorScript(pkg: string, file: string): string {
  const entry = fileURLToPath(import.meta.resolve(pkg));
  const js = readFileSync(join(dirname(entry), file), "utf8");
  return js.replace(/<\/(script)/gi, "<\\/$1");
}

let vendorCache: string | undefined;
function vendor(): string {
  vendorCache ??= ["vega:vega.min.js", "vega-lite:vega-lite.min.js", "vega-embed:vega-embed.min.js"]
    .map((s) => {
      const [pkg, file] = s.split(":");
      return `<script>/* ${pkg} (inlined from node_modules) */\n${vendorScript(pkg, file)}\n</script>`;
    })
    .join("\n");
  return vendorCache;
}

export function tableHtml(o: Extract<Output, { type: "table" }>, lang: "zh" | "en"): string {
  const head = o.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = o.rows
    .map((r) => `<tr>${r.map((v) => (typeof v === "number" ? `<td class="num">${escapeHtml(Number.isInteger(v) && Math.abs(v) < 10000 ? String(v) : v.toLocaleString("en-US", { maximumFractionDigits: 4 }))}</td>` : `<td>${escapeHtml(v ?? "")}</td>`)).join("")}</tr>`)
    .join("\n");
  const more = o.total > o.rows.length ? `<p class="more">${escapeHtml(lang === "en" ? `showing ${o.rows.length} of ${o.total} rows` : `显示前${o.rows.length}行，共${o.total}行`)}</p>` : "";
  const caption = o.caption ? `<caption>${escapeHtml(o.caption)}</caption>` : "";
  return `<div class="table-wrap"><table>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}</div>`;
}

function outputHtml(o: RenderedOutput, chartIndex: () => number, page: PageInfo, htmlDir: string): string {
  switch (o.type) {
    case "markdown":
      return `<div class="md">${renderMarkdown(o.text)}</div>`;
    case "note":
      return `<div class="note ${o.level}">${escapeHtml(o.text)}</div>`;
    case "text":
      return `<pre class="stdout">${escapeHtml(o.text)}</pre>`;
    case "error":
      return `<pre class="error">${escapeHtml(o.text)}</pre>`;
    case "table":
      return tableHtml(o, page.lang);
    case "chart": {
      const i = chartIndex();
      const rel = (p: string) => escapeHtml(relativeLink(htmlDir, p));
      const links = page.lang === "en" ? ["SVG", "PNG (2×)", "Vega-Lite JSON"] : ["SVG", "PNG(2倍)", "Vega-Lite JSON"];
      return `<figure class="chart" id="chart-${i}" data-name="${escapeHtml(o.name)}">
<div class="vis" id="vis-${i}"></div>
<div class="static" id="static-${i}">${o.svg}</div>
<script type="application/json" id="spec-${i}">${jsonForScript(o.spec)}</script>
<figcaption>${o.caption ? `<span>${escapeHtml(o.caption)}</span> ` : ""}<button type="button" class="toggle">${page.lang === "en" ? "interactive / static" : "交互图 / 静态图"}</button> · <a href="${rel(o.files.svg)}">${links[0]}</a> · <a href="${rel(o.files.png)}">${links[1]}</a> · <a href="${rel(o.files.vl)}">${links[2]}</a></figcaption>
</figure>`;
    }
  }
}

function relativeLink(fromDir: string, to: string): string {
  const a = fromDir.split("/").filter(Boolean);
  const b = to.split("/").filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

const CSS = `
body{font-family:${FONT_STACK};max-width:980px;margin:2rem auto;padding:0 1.2rem;color:#222;line-height:1.6;background:#fff}
header.nb{border-bottom:1px solid #ddd;margin-bottom:1.5rem;padding-bottom:.6rem}
header.nb .meta{color:#666;font-size:.85rem}
section.cell{margin:1.2rem 0}
details.code{margin:.3rem 0;font-size:.8rem}
details.code summary{color:#888;cursor:pointer}
details.code pre{background:#f6f8fa;padding:.7rem;overflow:auto;border-radius:4px}
.note{border-left:4px solid #4e79a7;background:#f3f7fb;padding:.6rem .9rem;margin:.8rem 0;white-space:pre-wrap}
.note.warn{border-color:#e15759;background:#fdf3f3}
pre.stdout{background:#fafafa;border:1px solid #eee;padding:.5rem;white-space:pre-wrap;font-size:.85rem}
pre.error{background:#fdf3f3;border:1px solid #e15759;padding:.5rem;white-space:pre-wrap;color:#a00}
.skipped{color:#999;font-style:italic}
.table-wrap{overflow:auto;margin:.8rem 0}
table{border-collapse:collapse;font-size:.85rem}
caption{text-align:left;color:#555;padding:.3rem 0;font-weight:bold}
th,td{border-bottom:1px solid #e5e5e5;padding:.3rem .6rem;text-align:left;vertical-align:top;max-width:28rem}
th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.more{color:#888;font-size:.8rem}
figure.chart{margin:1.2rem 0;overflow-x:auto}
figure.chart .static svg{max-width:100%;height:auto}
figure.chart.live .static{display:none}
figure.chart.live.show-static .static{display:block}
figure.chart.live.show-static .vis{display:none}
body.nofont figure.chart.live .static{display:block}
body.nofont figure.chart.live .vis{display:none}
body.nofont figure.chart.live.show-static .static{display:none}
body.nofont figure.chart.live.show-static .vis{display:block}
.nofont-note{display:none;color:#a05a00;font-size:.85rem}
body.nofont .nofont-note{display:block}
button.toggle{font:inherit;font-size:.75rem;border:1px solid #ccc;background:#fafafa;border-radius:3px;cursor:pointer;padding:0 .4rem}
figcaption{font-size:.8rem;color:#666}
`;

const BOOT = `
(function(){
  // Without a Chinese font the interactive charts would show empty boxes: keep the static (outlined) SVG in front.
  try {
    var c = document.createElement('canvas'); c.width = 40; c.height = 20;
    var g = c.getContext('2d', {willReadFrequently: true});
    var draw = function(ch){ g.clearRect(0, 0, 40, 20); g.font = '16px ' + ${JSON.stringify(FONT_STACK)}.split(', ').map(function(f){ return f === 'sans-serif' ? f : '"' + f + '"'; }).join(', '); g.fillText(ch, 2, 16); return Array.prototype.join.call(g.getImageData(0, 0, 40, 20).data, ''); };
    if (draw('养') === draw('老')) document.body.classList.add('nofont');
  } catch (e) {}
  Array.prototype.forEach.call(document.querySelectorAll('figure.chart button.toggle'), function(b){
    b.addEventListener('click', function(){ b.closest('figure').classList.toggle('show-static'); });
  });
  var figs = document.querySelectorAll('figure.chart');
  Array.prototype.forEach.call(figs, function(fig){
    var i = fig.id.slice(6);
    var spec = JSON.parse(document.getElementById('spec-' + i).textContent);
    if (typeof vegaEmbed !== 'function') return;
    vegaEmbed('#vis-' + i, spec, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}, tooltip: {theme: 'light'}})
      .then(function(){ fig.classList.add('live'); })
      .catch(function(err){ var p = document.createElement('p'); p.className = 'skipped'; p.textContent = 'interactive view failed: ' + err; fig.appendChild(p); });
  });
})();
`;

export function renderPage(page: PageInfo, cells: RenderedCell[], htmlDir: string): string {
  let n = 0;
  const next = () => n++;
  const lang = page.lang;
  const body = cells
    .map((rc) => {
      const parts: string[] = [];
      if (rc.cell.kind === "markdown") {
        parts.push(`<div class="md">${renderMarkdown(rc.cell.source)}</div>`);
      } else {
        parts.push(`<details class="code"><summary>${lang === "en" ? "code" : "代码"}</summary><pre><code>${escapeHtml(rc.cell.source)}</code></pre></details>`);
        if (rc.skipped) parts.push(`<p class="skipped">${lang === "en" ? "not run: an earlier cell failed" : "未运行：前面的单元出错"}</p>`);
        for (const o of rc.outputs) parts.push(outputHtml(o, next, page, htmlDir));
      }
      return `<section class="cell ${rc.cell.kind}" data-cell="${rc.cell.index}">\n${parts.join("\n")}\n</section>`;
    })
    .join("\n");
  const meta = lang === "en"
    ? `Notebook <code>notebooks/${escapeHtml(page.name)}.ts</code> · tables: <code>${escapeHtml(page.tablesDir)}</code> · extracted ${escapeHtml(page.extractedAt || "(unknown)")}`
    : `笔记本 <code>notebooks/${escapeHtml(page.name)}.ts</code> · 数据表：<code>${escapeHtml(page.tablesDir)}</code> · 提取日期 ${escapeHtml(page.extractedAt || "(不详)")}`;
  const other = page.otherLang ? ` · <a href="${escapeHtml(page.otherLang.href)}">${escapeHtml(page.otherLang.label)}</a>` : "";
  return `<!doctype html>
<html lang="${lang === "en" ? "en" : "zh-CN"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header class="nb"><div class="meta">${meta}${other}</div><p class="nofont-note">No Chinese font on this computer: charts are shown as static pictures (their text is drawn as outlines); the interactive view (button under each chart) may show boxes instead of characters. 本机没有中文字体：图表以静态图显示。</p></header>
<main>
${body}
</main>
${vendor()}
<script>${BOOT}</script>
</body>
</html>
`;
}
