// out/review.html: one self-contained page per run where an analyst audits the extraction.
// Each document's original text with every figure highlighted (its row on hover and click), filters by
// domain and kind, and the figures that found no catalog indicator listed for curation.
// Streamed: documents are written as they arrive; only small per-label tallies are kept for the end.
// Every piece of report text goes through esc(); a document's rows travel once, as a JSON data block whose < > &
// are written as \u escapes, and are shown with textContent, so a report containing <script> stays text. A CSP
// forbids any network access.
import { closeSync, openSync, writeSync } from "node:fs";
import { METRIC_INDEX, rowsOf, type Cell } from "../tables/columns.ts";
import type { DocumentRow, MetricRow } from "../types.ts";

export function esc(text: unknown): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Documents whose full text the page shows by default. */
export const DEFAULT_REVIEW_MAX_DOCS = 200;

export interface ReviewOptions {
  /** Documents whose full text is shown (the rest get a summary line). */
  maxDocs?: number;
  /** Total characters of original text shown across documents. */
  maxChars?: number;
  /** Unmatched figures of the documents shown listed individually (all figures are counted by label). */
  maxUnmatched?: number;
}

/** What the page needs of one document. */
export interface ReviewDocument {
  rel: string;
  document: DocumentRow;
  figures: number;
  /** The metric rows as columns (METRIC_COLUMNS order); without them the document is listed, not highlighted. */
  cols?: Cell[][];
  /** Decoded original text; "" when not loaded. */
  original: string;
  originalLength: number;
}

export interface ReviewWriter {
  /** getOriginal is only called for documents whose text the page shows. */
  add(doc: ReviewDocument, getOriginal?: () => string): void;
  close(summary: { files: number; figures: number; withIndicator: number; notes?: string[] }): void;
}

const CSS = `
body{font:14px/1.6 system-ui,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#222;background:#fafafa}
header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:8px 16px;z-index:2}
header h1{font-size:18px;margin:0 0 4px}
main{padding:0 16px 40px;margin-right:340px}
.doc{background:#fff;border:1px solid #e3e3e3;border-radius:6px;margin:16px 0;padding:8px 16px}
.doc h2{font-size:16px;margin:4px 0}
.meta{color:#555;font-size:12px}
.status-rejected h2{color:#b00}.status-warning h2{color:#a60}
.problems{color:#a60;font-size:12px}
pre.text{white-space:pre-wrap;word-break:break-all;font:13px/1.7 inherit;max-height:600px;overflow:auto;background:#fcfcfc;border:1px solid #eee;padding:8px}
mark{background:#ffe58a;cursor:pointer;border-radius:2px}
mark.target{background:#b5e3ff}
mark.nocat{outline:1px dashed #c00}
mark.off{background:none;outline:none}
mark.sel{box-shadow:0 0 0 2px #e33}
.hidden{display:none}
#panel{position:fixed;right:0;top:96px;bottom:0;width:320px;overflow:auto;background:#fff;border-left:1px solid #ddd;padding:12px;font-size:12px;box-sizing:border-box}
#panel table{border-collapse:collapse;width:100%}#panel td{border-bottom:1px solid #eee;padding:2px 4px;vertical-align:top;word-break:break-all}
#panel td:first-child{color:#666;white-space:nowrap}
table.list{border-collapse:collapse;font-size:12px}table.list td,table.list th{border:1px solid #ddd;padding:2px 6px;text-align:left}
.issue{color:#b00;font-size:12px}
`;

const JS = `
(function(){
  var panel=document.getElementById('panel');
  var sel=null;
  function show(m){
    if(sel)sel.classList.remove('sel');sel=m;m.classList.add('sel');
    var s=m.closest('section');
    if(!s.rows)s.rows=JSON.parse(s.querySelector('script.rows').textContent);
    var row=s.rows[+m.getAttribute('data-i')];
    var t=document.createElement('table');
    Object.keys(row).forEach(function(k){var tr=t.insertRow();tr.insertCell().textContent=k;tr.insertCell().textContent=row[k]===null?'':String(row[k]);});
    panel.textContent='';var h=document.createElement('b');h.textContent='Figure';panel.appendChild(h);panel.appendChild(t);
  }
  document.addEventListener('click',function(e){var m=e.target.closest&&e.target.closest('mark');if(m)show(m);});
  var fd=document.getElementById('f-domain'),fk=document.getElementById('f-kind'),fu=document.getElementById('f-nocat'),fe=document.getElementById('f-empty');
  function apply(){
    var d=fd.value,k=fk.value,u=fu.checked,hideEmpty=fe.checked;
    document.querySelectorAll('section.doc').forEach(function(s){
      var n=0;
      s.querySelectorAll('mark').forEach(function(m){
        var on=(!d||m.dataset.domain===d)&&(!k||m.dataset.kind===k)&&(!u||m.classList.contains('nocat'));
        m.classList.toggle('off',!on);if(on)n++;
      });
      s.classList.toggle('hidden',hideEmpty&&n===0);
    });
  }
  [fd,fk,fu,fe].forEach(function(x){x.addEventListener('change',apply);});
})();
`;

const DOMAINS = [
  "elderly_care", "social_assistance", "child_welfare", "disability", "charity", "welfare_lottery", "social_organizations",
  "social_work", "community_governance", "marriage", "funeral", "place_names", "veterans", "health", "disaster_relief",
  "resettlement", "admin_services", "other",
];

function rowTitle(m: MetricRow): string {
  return `${m.indicator || "?"} = ${m.value} ${m.unit} · ${m.kind} ${m.year ?? ""} · ${m.domain}${m.indicator_id ? " · " + m.indicator_id : " · no catalog indicator"}`;
}

/**
 * The original text with each figure wrapped in a <mark> whose data-i is the row's index in `metrics` (rowsJson
 * carries the rows); overlapping or misplaced rows are reported, not drawn.
 */
export function highlight(original: string, metrics: MetricRow[], anchor: (i: number) => string): { html: string; issues: string[] } {
  const order = metrics.map((m, i) => i).sort((a, b) => metrics[a].start - metrics[b].start || metrics[a].end - metrics[b].end);
  const issues: string[] = [];
  let html = "";
  let pos = 0;
  for (const i of order) {
    const m = metrics[i];
    const ok = Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start && m.end <= original.length;
    if (!ok) {
      issues.push(`row ${i + 1} (${m.quote}): offsets ${m.start}–${m.end} fall outside the text`);
      continue;
    }
    if (original.slice(m.start, m.end) !== m.quote) issues.push(`row ${i + 1}: original.slice(${m.start}, ${m.end}) is “${original.slice(m.start, m.end)}”, quote is “${m.quote}”`);
    if (m.start < pos) {
      issues.push(`row ${i + 1} (${m.quote}) overlaps the previous figure; not highlighted`);
      continue;
    }
    const cls = [m.kind === "target" ? "target" : "", m.indicator_id ? "" : "nocat"].filter(Boolean).join(" ");
    html += esc(original.slice(pos, m.start));
    html += `<mark id="${anchor(i)}"${cls ? ` class="${cls}"` : ""} data-domain="${esc(m.domain)}" data-kind="${esc(m.kind)}" title="${esc(rowTitle(m))}" data-i="${i}">`;
    html += esc(original.slice(m.start, m.end)) + "</mark>";
    pos = m.end;
  }
  html += esc(original.slice(pos));
  return { html, issues };
}

/**
 * A document's rows for the page's data block, each without the columns every row of the document shares (shown in
 * the document's header): JSON with < > & written as \u escapes, so no text in it can close the block or open a tag.
 * Written once per document: as escaped attributes on every <mark> the rows took half the page and most of its time.
 */
export function rowsJson(metrics: MetricRow[]): string {
  const own = metrics.map(({ doc_id: _id, doc_file: _file, region_code: _code, region_name: _name, report_year: _year, period: _period, ...rest }) => rest);
  return JSON.stringify(own).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

export function openReviewWriter(path: string, opts: ReviewOptions = {}): ReviewWriter {
  const maxDocs = opts.maxDocs ?? DEFAULT_REVIEW_MAX_DOCS;
  const maxChars = opts.maxChars ?? 3_000_000;
  const maxUnmatched = opts.maxUnmatched ?? 5000;
  const fd = openSync(path, "w");
  const put = (s: string) => writeSync(fd, s, null, "utf8");
  let docs = 0;
  let shownChars = 0;
  let shownDocs = 0;
  const unmatched: string[] = [];
  const unmatchedByLabel = new Map<string, number>();
  let unmatchedTotal = 0;
  /** Of them, in documents whose text is shown. */
  let unmatchedListed = 0;
  const summaries: string[] = [];

  put(`<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">\n`);
  put(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">\n`);
  put(`<title>Extraction review</title><style>${CSS}</style></head><body>\n`);
  put(`<header><h1>Extraction review</h1><label>domain <select id="f-domain"><option value="">all</option>${DOMAINS.map((d) => `<option>${d}</option>`).join("")}</select></label> `);
  put(`<label>kind <select id="f-kind"><option value="">all</option><option>actual</option><option>target</option></select></label> `);
  put(`<label><input type="checkbox" id="f-nocat"> only figures without a catalog indicator</label> `);
  put(`<label><input type="checkbox" id="f-empty"> hide documents with no matching figure</label> · <a href="#unmatched">uncatalogued figures</a> · <a href="#all-docs">all documents</a>`);
  put(`<div class="meta">yellow: actual · blue: target · dashed red: no catalog indicator · click a figure for its row</div></header>\n`);
  put(`<aside id="panel">Click a highlighted figure to see its row.</aside><main>\n`);

  return {
    add(r, getOriginal = () => r.original) {
      const d = r.document;
      const n = docs++;
      const cols = r.cols ?? [];
      const col = (name: keyof typeof METRIC_INDEX) => cols[METRIC_INDEX[name]] ?? [];
      const [ids, labels, domains, units, quotes, sentences] = (["indicator_id", "indicator", "domain", "unit", "quote", "sentence"] as const).map(col);
      // Each figure is listed only from a document whose text is on the page, linked to its highlight; of any other
      // document the page counts the labels alone (and that is all a worker sends of it: review/columns.ts).
      const show = shownDocs < maxDocs && shownChars + r.originalLength <= maxChars;
      const original = show && r.originalLength ? getOriginal() : "";
      const linked = original !== "";
      for (let i = 0; i < ids.length; i++) {
        if (ids[i]) continue;
        unmatchedTotal++;
        const label = String(labels[i] || "(no label)");
        unmatchedByLabel.set(label, (unmatchedByLabel.get(label) ?? 0) + 1);
        if (linked && unmatched.length < maxUnmatched) {
          unmatchedListed++;
          unmatched.push(`<tr><td>${esc(label)}</td><td>${esc(domains[i])}</td><td>${esc(units[i])}</td><td><a href="#m${n}-${i}">${esc(quotes[i])}</a></td><td>${esc(String(sentences[i] ?? "").slice(0, 120))}</td><td>${esc(d.doc_file)}</td></tr>`);
        }
      }
      const statusLine = `<a href="#d${n}">${esc(r.rel)}</a> — ${esc(d.status)}, ${r.figures} figures${d.problems ? " — " + esc(d.problems) : ""}`;
      summaries.push(`<li>${show ? statusLine : statusLine.replace(/^<a href="#d\d+">(.*?)<\/a>/, "$1")}</li>`);
      if (!show) return;
      shownDocs++;
      shownChars += r.originalLength;
      const where = [d.region_name, d.region_code, d.report_year ?? "", d.period, d.published].filter((x) => x !== "" && x !== null).join(" · ");
      put(`<section class="doc status-${esc(d.status)}" id="d${n}"><h2>${esc(d.title || d.doc_file)}</h2>`);
      put(`<div class="meta">${esc(r.rel)} · ${esc(d.doc_id)} · ${esc(d.status)} · ${esc(d.encoding)} · ${esc(d.script)} · ${esc(where)} · ${esc(d.agency)} · ${r.figures} figures</div>`);
      if (d.problems) put(`<div class="problems">${esc(d.problems)}</div>`);
      if (original) {
        const rows = rowsOf(cols);
        const { html, issues } = highlight(original, rows, (i) => `m${n}-${i}`);
        for (const issue of issues.slice(0, 50)) put(`<div class="issue">${esc(issue)}</div>`);
        put(`<pre class="text">${html}</pre><script type="application/json" class="rows">${rowsJson(rows)}</script>`);
      }
      put(`</section>\n`);
    },
    close(summary) {
      if (shownDocs < docs) put(`<p class="meta">${docs - shownDocs} more documents are listed below without their text (page limit: ${maxDocs} documents, ${maxChars} characters).</p>`);
      put(`<h2 id="unmatched">Figures without a catalog indicator (${unmatchedTotal} of ${summary.figures})</h2>\n`);
      const labels = [...unmatchedByLabel.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      put(`<table class="list"><tr><th>indicator label</th><th>figures</th></tr>${labels.slice(0, 1000).map(([l, c]) => `<tr><td>${esc(l)}</td><td>${c}</td></tr>`).join("")}</table>\n`);
      const listedOf = unmatchedListed > unmatched.length ? `, the first ${unmatched.length} of ${unmatchedListed}` : "";
      put(`<h3>Each figure in the documents shown above${listedOf}</h3><table class="list"><tr><th>indicator</th><th>domain</th><th>unit</th><th>quote</th><th>sentence</th><th>file</th></tr>${unmatched.join("\n")}</table>\n`);
      put(`<h2 id="all-docs">All documents (${summary.files})</h2><ul>${summaries.join("\n")}</ul>\n`);
      for (const note of summary.notes ?? []) put(`<p class="meta">${esc(note)}</p>`);
      put(`</main><script>${JS}</script></body></html>\n`);
      closeSync(fd);
    },
  };
}
