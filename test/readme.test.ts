import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCUMENT_COLUMNS, METRIC_COLUMNS } from "../pipelines/tables/schema.ts";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

// The README's column dictionary must say what schema.ts says, column for column.
function dictionary(table: string): string[] {
  const start = readme.indexOf(`<!-- columns:${table} -->`);
  expect(start, `README has a <!-- columns:${table} --> section`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(start).split("\n").slice(1);
  const rows: string[] = [];
  for (const line of lines) {
    if (line.startsWith("<!--")) break;
    const m = /^\| (\w+) \| (.+) \|$/.exec(line);
    if (m && m[1] !== "column") rows.push(`${m[1]}: ${m[2]}`);
  }
  return rows;
}

describe("README column dictionary", () => {
  it("lists every documents column with its schema description", () => {
    expect(dictionary("documents")).toEqual(DOCUMENT_COLUMNS.map((c) => `${c.name}: ${c.description}`));
  });
  it("lists every metrics column with its schema description", () => {
    expect(dictionary("metrics")).toEqual(METRIC_COLUMNS.map((c) => `${c.name}: ${c.description}`));
  });
  it("has a two-command quick start", () => {
    const quick = readme.slice(readme.indexOf("## Quick start"), readme.indexOf("## Commands"));
    const commands = quick.split("\n").filter((l) => /^npm /.test(l));
    expect(commands.map((l) => l.split("#")[0].trim())).toEqual(["npm install && npm start", "npm test"]);
  });
});
