// Derived data kept under node_modules/.cache: read back exactly, derived again when missing, damaged or for other inputs.
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { derivedText, installedVersion } from "../../pipelines/ingest/derived.ts";

const CACHE = new URL("../../node_modules/.cache/welfare-pipeline/", import.meta.url).pathname;

describe("derived data cache", () => {
  const name = `test-derived-${process.pid}`;
  const stored = () => readdirSync(CACHE).filter((f) => f.startsWith(`${name}-`));

  it("derives once per inputs, reads any string back exactly (lone surrogates too), keeps the newest few, and derives again a damaged file", () => {
    const body = "繁體\ud840 text\n𠀀";
    let derived = 0;
    const derive = () => (derived++, body);
    try {
      expect(derivedText(name, "opencc-js", ["a"], derive)).toBe(body);
      expect(derivedText(name, "opencc-js", ["a"], derive)).toBe(body);
      expect(derived).toBe(1);
      // other inputs: another file; of many, the newest few are kept, the one just stored among them
      for (const input of ["b", "c", "d", "e", "f"]) expect(derivedText(name, "opencc-js", [input], derive)).toBe(body);
      expect(derived).toBe(6);
      expect(stored()).toHaveLength(4);
      expect(derivedText(name, "opencc-js", ["f"], derive)).toBe(body);
      expect(derived).toBe(6);
      for (const f of stored()) writeFileSync(join(CACHE, f), "damaged", "utf16le");
      expect(derivedText(name, "opencc-js", ["f"], derive)).toBe(body);
      expect(derived).toBe(7);
    } finally {
      for (const f of stored()) rmSync(join(CACHE, f), { force: true });
    }
  });

  it("knows the installed version of a package, and derives every time for one it can't find", () => {
    expect(installedVersion("opencc-js")).toMatch(/^\d+\.\d+/);
    let derived = 0;
    derivedText(name, "no-such-package-here", [], () => String(derived++));
    derivedText(name, "no-such-package-here", [], () => String(derived++));
    expect(derived).toBe(2);
  });
});
