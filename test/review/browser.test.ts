// The audit page in a real browser (the system Chromium, via playwright-core): clicking a figure shows its
// row, the filters dim figures, hostile report text never runs, and the page asks for nothing over the network.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openReviewWriter } from "../../pipelines/review/page.ts";
import { toColumns } from "../../pipelines/tables/columns.ts";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";
import type { DocumentRow, MetricRow } from "../../pipelines/types.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => existsSync(p));

function metric(original: string, quote: string, over: Partial<MetricRow>): MetricRow {
  const start = original.indexOf(quote);
  return {
    doc_id: "d", doc_file: "a.txt", region_code: "", region_name: "", report_year: 2023, period: "annual", section: "", sentence: "s",
    quote, start, end: start + quote.length, value: 1, unit: "bed", measure_word: "张", qualifier: "exact", low: null, high: null,
    kind: "actual", measure: "level", year: 2023, domain: "elderly_care", indicator: "养老床位", indicator_id: "", ...over,
  };
}

describe.skipIf(!CHROMIUM)("review page in a browser", () => {
  it("shows rows on click, filters, and stays inert", async () => {
    const original = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">新增床位120张，发放补贴30万元，力争2024年新增50张。`;
    const rows = [
      metric(original, "120张", { indicator_id: "eld.beds" }),
      metric(original, "30万元", { unit: "yuan", domain: "social_assistance", indicator: "<b>补贴</b>", value: 300000 }),
      metric(original, "50张", { kind: "target", year: 2024 }),
    ];
    const doc: DocumentRow = {
      doc_id: "d", doc_file: "a.txt", title: "<script>window.__pwned=3</script>", agency: "", region_code: "", region_name: "", province: "",
      city: "", county: "", admin_level: "", report_year: 2023, period: "annual", published: "", script: "simplified", encoding: "utf-8",
      chars: original.length, metrics: 3, status: "ok", problems: "",
    };
    const path = join(mkdtempSync(join(tmpdir(), "review-b-")), "review.html");
    const w = openReviewWriter(path);
    w.add({ rel: "a.txt", document: doc, figures: 3, cols: toColumns(rows, METRIC_COLUMNS), original, originalLength: original.length });
    w.close({ files: 1, figures: 3, withIndicator: 1 });

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
      const dialogs: string[] = [];
      page.on("dialog", async (d) => { dialogs.push(d.message()); await d.dismiss(); });
      await page.goto("file://" + path);
      expect(await page.locator("mark").count()).toBe(3);
      await page.locator("mark", { hasText: "30万元" }).click();
      const panel = await page.locator("#panel").innerText();
      expect(panel).toContain("300000");
      expect(panel).toContain("<b>补贴</b>"); // shown as text
      await page.selectOption("#f-kind", "target");
      expect(await page.locator("mark.off").count()).toBe(2);
      await page.selectOption("#f-kind", "");
      await page.check("#f-nocat");
      expect(await page.locator("mark.off").count()).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
