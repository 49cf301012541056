import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { reviewColumns } from "../../pipelines/review/columns.ts";
import { esc, highlight, openReviewWriter, type ReviewDocument } from "../../pipelines/review/page.ts";
import { toColumns } from "../../pipelines/tables/columns.ts";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";
import type { DocumentRow, MetricRow } from "../../pipelines/types.ts";

const HOSTILE = `<script>alert(1)</script>`;

function metric(original: string, quote: string, extra: Partial<MetricRow> = {}): MetricRow {
  const start = original.indexOf(quote);
  return {
    doc_id: "d1", doc_file: "x.txt", region_code: "", region_name: "", report_year: 2023, period: "annual", section: HOSTILE,
    sentence: HOSTILE, quote, start, end: start + quote.length, value: 120, unit: "bed", measure_word: "张", qualifier: "exact",
    low: null, high: null, kind: "actual", measure: "level", year: 2023, domain: "elderly_care", indicator: `<img src=x onerror=alert(2)>`,
    indicator_id: "", ...extra,
  };
}

const doc = (over: Partial<DocumentRow> = {}): DocumentRow => ({
  doc_id: "d1", doc_file: `${HOSTILE}.txt`, title: HOSTILE, agency: "", region_code: "", region_name: "", province: "", city: "", county: "",
  admin_level: "", report_year: 2023, period: "annual", published: "", script: "simplified", encoding: "utf-8", chars: 10, metrics: 1,
  status: "ok", problems: `"><script>alert(3)</script>`, ...over,
});

describe("review page", () => {
  it("escapes everything", () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("highlights figures at their offsets and reports bad ones", () => {
    const original = `新增床位120张，${HOSTILE}护理员56名。`;
    const rows = [metric(original, "120张"), metric(original, "56名", { kind: "target", indicator_id: "eld.caregivers" }), { ...metric(original, "120张"), start: 999, end: 1003 }];
    const { html, issues } = highlight(original, rows, (i) => `m${i}`);
    expect(html).toContain(`<mark id="m0" class="nocat"`);
    expect(html).toContain(`<mark id="m1" class="target"`);
    expect(html).toMatch(/>120张<\/mark>/);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(issues.length).toBe(1);
  });

  it("writes a self-contained, inert page", () => {
    const original = `${HOSTILE}\n新增床位120张。=cmd|' /C calc'!A0`;
    const result: ReviewDocument = { rel: `sub/${HOSTILE}.txt`, document: doc(), figures: 1, cols: toColumns([metric(original, "120张")], METRIC_COLUMNS), original, originalLength: original.length };
    const path = join(mkdtempSync(join(tmpdir(), "review-")), "review.html");
    const w = openReviewWriter(path);
    w.add(result);
    w.add({ ...result, rel: "rejected.bin", document: doc({ status: "rejected", title: "" }), figures: 0, cols: toColumns([], METRIC_COLUMNS), original: "", originalLength: 0 });
    w.close({ files: 2, figures: 1, withIndicator: 0, notes: [HOSTILE] });
    const html = readFileSync(path, "utf8");
    // Only the page's own script runs; the rows travel in a data block where no < stands.
    expect(html.match(/<script(?! type="application\/json")/g)?.length).toBe(1);
    const rows = [...html.matchAll(/<script type="application\/json" class="rows">(.*?)<\/script>/g)].map((m) => m[1]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).not.toMatch(/[<>&]/);
    expect(JSON.parse(rows[0])[0]).toMatchObject({ quote: "120张", sentence: HOSTILE, indicator: "<img src=x onerror=alert(2)>" });
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/https?:\/\//); // no network
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("Figures without a catalog indicator (1 of 1)");
    expect(html).toContain('href="#m0-0"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("lists an uncatalogued figure, linked to its highlight, only from a document it shows; of the others it counts the labels a worker sends", () => {
    const original = "新增床位120张。";
    const cols = toColumns([metric(original, "120张")], METRIC_COLUMNS);
    const path = join(mkdtempSync(join(tmpdir(), "review-")), "review.html");
    const w = openReviewWriter(path, { maxDocs: 1 });
    w.add({ rel: "shown.txt", document: doc(), figures: 1, cols: reviewColumns(cols, true), original, originalLength: original.length });
    // Past the page's limit: the worker sent only what the list reads, and no original text.
    w.add({ rel: "listed.txt", document: doc(), figures: 1, cols: reviewColumns(cols, false), original: "", originalLength: original.length });
    w.close({ files: 2, figures: 2, withIndicator: 0 });
    const html = readFileSync(path, "utf8");
    expect(html).toContain("Figures without a catalog indicator (2 of 2)");
    expect(html).toContain('<a href="#m0-0">120张</a>');
    expect(html).not.toContain('href="#m1-0"');
    expect(html).not.toContain("<td>120张</td>");
    // Both counted under their label.
    expect(html).toContain(`<tr><td>${esc("<img src=x onerror=alert(2)>")}</td><td>2</td></tr>`);
  });
});
