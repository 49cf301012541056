// headings.json holds the numbering styles segment reads headings by, and the shape of a line that is
// content, not a heading: editing the file changes the structure read, no code change needed.
import { afterAll, describe, expect, it } from "vitest";
import { loadExtractReference } from "../../pipelines/extract/index.ts";
import { segment } from "../../pipelines/segment/index.ts";
import { REFERENCE_DIR, referenceWith, removeReferenceCopies } from "../extract/helpers.ts";

afterAll(removeReferenceCopies);

type Marker = { level: number; pattern: string; lookaheadInLine?: number };

/** The heading path (level:text) of the sentence holding `needle`. */
function pathOf(text: string, needle: string, dir = REFERENCE_DIR): string[] {
  const seg = segment(text, loadExtractReference(dir), 2023, "annual");
  const pos = text.indexOf(needle);
  const s = seg.sentences.find((x) => x.start <= pos && pos < x.end)!;
  return s.headings.map((h) => `${h.level}:${h.text}`);
}

describe("headings.json", () => {
  const text = "一、2023年工作总结\n★社会救助。全年保障低保对象2.41万人。\n★养老服务。新增护理型床位680张。";

  it("reads a numbering style it lists as a heading of its level", () => {
    // ★ is no numbering: its line stays under the first heading.
    expect(pathOf(text, "新增护理型")).toEqual(["1:一、2023年工作总结"]);
    const starred = referenceWith("headings.json", (h) => (h.markers as Marker[]).push({ level: 2, pattern: "★" }));
    expect(pathOf(text, "新增护理型", starred)).toEqual(["1:一、2023年工作总结", "2:★养老服务"]);
  });

  it("reads a line holding a figure as content, by its figureLike pattern", () => {
    // A short line without punctuation is a heading of its own, unless it holds a figure.
    const t = "一、2023年工作总结\n新增护理型床位680张\n全年保障低保对象2.41万人。";
    expect(pathOf(t, "全年保障")).toEqual(["1:一、2023年工作总结"]);
    const noFigures = referenceWith("headings.json", (h) => (h.figureLike = "(?!)"));
    expect(pathOf(t, "全年保障", noFigures)).toEqual(["1:一、2023年工作总结", "6:新增护理型床位680张"]);
  });

  it("names the file and the entry when one is malformed", () => {
    const grouped = referenceWith("headings.json", (h) => (h.markers as Marker[]).push({ level: 2, pattern: "(★)" }));
    expect(() => loadExtractReference(grouped)).toThrow(/headings\.json markers\[6\]\.pattern: use \(\?:…\), not a capturing group/);
    const noLevel = referenceWith("headings.json", (h) => (h.markers as Marker[]).push({ level: 0, pattern: "★" }));
    expect(() => loadExtractReference(noLevel)).toThrow(/headings\.json markers\[6\]\.level/);
    const badPeriod = referenceWith("headings.json", (h) => ((h.fallback as { periods: string[][] }).periods = [["上半年", "half"]]));
    expect(() => loadExtractReference(badPeriod)).toThrow(/headings\.json fallback\.periods\[0\]: unknown period "half"/);
  });
});
