import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../pipelines/tables/csv.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const CLI = join(ROOT, "pipelines/cli.ts");

function cli(args: string[], nodeFlags: string[] = []) {
  return spawnSync(process.execPath, [...nodeFlags, "--import", "tsx", CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
}

describe("pipeline CLI", () => {
  it("prints help", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--input");
  });

  it("runs its workers when node was started with V8 flags besides tsx (a worker refuses those given explicitly)", () => {
    const out = mkdtempSync(join(tmpdir(), "out-"));
    const r = cli(["--out", out, "--no-review", "--workers", "1"], ["--max-old-space-size=2048", "--stack-size=2000"]);
    expect(r.stderr).not.toMatch(/invalid execArgv/);
    expect(r.status).toBe(0);
    expect(parseCsv(readFileSync(join(out, "tables/documents.csv"), "utf8")).length).toBeGreaterThan(1);
  });

  it("fails naming a missing input folder", () => {
    const r = cli(["--input", "/no/such/folder-xyz", "--out", mkdtempSync(join(tmpdir(), "out-"))]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("/no/such/folder-xyz");
  });

  it("fails naming an output that cannot be written", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-"));
    writeFileSync(join(dir, "file"), "x");
    const r = cli(["--input", join(ROOT, "data/raw"), "--out", join(dir, "file", "out")]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(join(dir, "file", "out"));
  });

  it("accounts for every file, nested and odd ones included", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-in-"));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "a.txt"), readFileSync(join(ROOT, "data/raw/000_9389790027280c33.txt")));
    writeFileSync(join(dir, "sub", ".hidden.txt"), "");
    writeFileSync(join(dir, "sub", "bin.dat"), Buffer.from([0, 1, 2, 255, 254]));
    const out = mkdtempSync(join(tmpdir(), "cli-out-"));
    const r = cli(["--input", dir, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const docs = parseCsv(readFileSync(join(out, "tables/documents.csv"), "utf8"));
    expect(docs.length).toBe(4); // header + 3
    expect(r.stderr).toMatch(/files read:\s+3/);
  });
});
