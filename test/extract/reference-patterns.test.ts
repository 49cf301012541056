import { describe, expect, it } from "vitest";
import { fixedFirstChar } from "../../pipelines/extract/reference.ts";

describe("fixedFirstChar", () => {
  it("finds the literal every match of an anchored pattern starts with", () => {
    expect(fixedFirstChar("^由[^，,；;。]{0,20}(承接|承办)")).toBe("由".charCodeAt(0));
    expect(fixedFirstChar("^由[^(|]x")).toBe("由".charCodeAt(0));
  });
  it("gives -1 when a match may start otherwise", () => {
    for (const p of ["由x", "^[由经]x", "^(由|经)x", "^由?x", "^由*x", "^由{0,1}x", "^由x|经y", "^\\d+", "^.x"]) expect(fixedFirstChar(p), p).toBe(-1);
  });
});
