import { describe, expect, it } from "vitest";
import { fixedFirstChar, leadingChars, WordMatcher } from "../../pipelines/extract/reference.ts";

describe("fixedFirstChar", () => {
  it("finds the literal every match of an anchored pattern starts with", () => {
    expect(fixedFirstChar("^由[^，,；;。]{0,20}(承接|承办)")).toBe("由".charCodeAt(0));
    expect(fixedFirstChar("^由[^(|]x")).toBe("由".charCodeAt(0));
  });
  it("gives -1 when a match may start otherwise", () => {
    for (const p of ["由x", "^[由经]x", "^(由|经)x", "^由?x", "^由*x", "^由{0,1}x", "^由x|经y", "^\\d+", "^.x"]) expect(fixedFirstChar(p), p).toBe(-1);
  });
});

describe("leadingChars", () => {
  const chars = (p: string) => {
    const set = leadingChars(p);
    return set && [...set].map((c) => String.fromCharCode(c)).sort().join("");
  };
  it("collects the first characters of every alternative, through groups, classes and quantifiers", () => {
    expect(chars("(?:([一二]{1,3})、|[（(]\\d|\\d{1,2}[.．]|③)")).toBe("(0123456789③一二（");
    expect(chars("(ab|c)d")).toBe("ac");
    expect(chars("[\\u4e00-\\u4e02]x")).toBe("一丁丂");
    expect(chars("\\.x+")).toBe(".");
    expect(chars("^(?:其中|截至)+")).toBe("其截");
    expect(leadingChars("[\\s0-9]|发放")).toEqual(new Set([..." \t\n\r\u3000\u00a0\u2028\ufeff0123456789发"].map((c) => c.charCodeAt(0)).concat([0x0b, 0x0c, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2029, 0x202f, 0x205f])));
  });
  it("gives null when a match may start with anything it can't list", () => {
    for (const p of ["a?b", "a*b", "a{0,2}b", "(?=x)y", "[^a]", "\\w+x", ".x", "^", "$x", "x|", "(?:x)*y", "\\bx"]) expect(leadingChars(p), p).toBeNull();
  });
});

describe("WordMatcher.last", () => {
  // The match ending last (longest on ties) among the longest words at each start: what last() promises.
  const lastOfAll = (m: WordMatcher, s: string, from: number, to: number) => {
    let best: { index: number; word: string } | null = null;
    for (let i = from; i < to; i++) {
      const w = m.at(s, i, to);
      if (w && (!best || i + w.length > best.index + best.word.length || (i + w.length === best.index + best.word.length && w.length > best.word.length))) best = { index: i, word: w };
    }
    return best;
  };
  it("finds the same match as reading every start, whether the words end in few characters or many", () => {
    const s = "较上年同期增长去年全年共年内完成今年1年底上一年度比去年增加年年内";
    for (const words of [["去年", "上年", "上一年", "今年", "全年", "年内", "年"], ["增长", "增加", "比去年增加", "上升", "年度", "全年", "完成"]]) {
      const m = new WordMatcher(words);
      for (let from = 0; from <= s.length; from++) for (let to = from; to <= s.length + 1; to++) expect(m.last(s, from, to), `${words[0]} ${from}-${to}`).toEqual(lastOfAll(m, s, from, Math.min(to, s.length)));
    }
  });
});
