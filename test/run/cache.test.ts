import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskCache, packColumn, unpackColumn } from "../../pipelines/run/cache.ts";
import { toColumns } from "../../pipelines/tables/columns.ts";
import { METRIC_COLUMNS } from "../../pipelines/tables/schema.ts";

describe("per-document cache", () => {
  it("packs constant and repetitive columns and unpacks them exactly", () => {
    const cases = [[], ["a"], ["a", "a", "a"], [1, 2, 3], ["s", "s", "t", "s", null, null], [null, null], [0, -1.5, 0, 0, 2e9]];
    for (const col of cases) expect(unpackColumn(packColumn(col), col.length)).toEqual(col);
    expect(packColumn(["x", "x", "x"])).toEqual({ c: "x" });
    expect(packColumn(["s", "s", "s", "t"])).toEqual({ d: ["s", "t"], i: [0, 0, 0, 1] });
  });

  it("round-trips an entry and its original text", () => {
    const cache = diskCache(mkdtempSync(join(tmpdir(), "cache-")));
    const rows = [0, 1, 2].map((i) => Object.fromEntries(METRIC_COLUMNS.map((c) => [c.name, c.type === "string" ? (c.name === "quote" ? `${i}张` : "same") : i === 2 ? null : i])));
    const cols = toColumns(rows as never[], METRIC_COLUMNS);
    const doc = { doc_id: "x" } as never;
    cache.set("abcdef", { document: doc, figures: 3, withIndicator: 1, cols, originalLength: 5 }, "原文<br>");
    expect(cache.get("abcdef")).toEqual({ document: doc, figures: 3, withIndicator: 1, cols, originalLength: 5 });
    expect(cache.getOriginal("abcdef")).toBe("原文<br>");
    expect(cache.get("missing")).toBeUndefined();
  });
});
