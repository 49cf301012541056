import { describe, expect, it } from "vitest";
import { fixedFirstChar, leadingChars } from "../../pipelines/extract/reference.ts";

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
  });
  it("gives null when a match may start with anything it can't list", () => {
    for (const p of ["a?b", "a*b", "a{0,2}b", "(?=x)y", "[^a]", "\\s+x", ".x", "^", "$x", "x|", "(?:x)*y", "\\bx"]) expect(leadingChars(p), p).toBeNull();
  });
});
