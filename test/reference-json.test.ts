// A reference file broken while an analyst edits it stops the run with the file's name and what is wrong.
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadReference } from "../pipelines/reference.ts";
import { referenceWith, removeReferenceCopies } from "./extract/helpers.ts";

afterAll(removeReferenceCopies);

describe("reference files", () => {
  it("names a file that is not valid JSON", () => {
    for (const name of ["plan-markers.json", "describe-metadata.json", "place-names.json", "boilerplate.json", "headings.json"]) {
      const dir = referenceWith(name, () => {});
      writeFileSync(join(dir, name), '{ "a": [, }');
      expect(() => loadReference(dir), name).toThrow(new RegExp(`^${name.replace(".", "\\.")}: not valid JSON`));
    }
  });

  it("names a file that lacks a section its stage needs", () => {
    const dir = referenceWith("describe-metadata.json", (m) => delete m.dates);
    expect(() => loadReference(dir)).toThrow(/^describe-metadata\.json: .*year_digits/);
  });
});
