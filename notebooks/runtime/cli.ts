// npm run notebooks                 every notebook → out/notebooks/*.html, out/charts/*/
// npm run notebook -- notebooks/X.ts one notebook
// npm run notebooks:ipynb           also out/notebooks/*.ipynb with outputs embedded
// Flags: --all  --ipynb  --watch  --lang zh|en|zh,en  --tables DIR (default out/tables)  --out DIR (default out)
// Each notebook runs in its own node process (tsx), two at a time.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, watch } from "node:fs";
import { cpus } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ExecResult } from "./exec.ts";

interface Args {
  all: boolean;
  ipynb: boolean;
  watch: boolean;
  langs: ("zh" | "en")[];
  tables: string;
  out: string;
  files: string[];
}

const NOTEBOOK_DIR = fileURLToPath(new URL("..", import.meta.url));
const EXEC = fileURLToPath(new URL("./exec.ts", import.meta.url));

function parseArgs(argv: string[]): Args {
  const a: Args = { all: false, ipynb: false, watch: false, langs: ["zh"], tables: "out/tables", out: "out", files: [] };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === "--all") a.all = true;
    else if (x === "--ipynb") a.ipynb = true;
    else if (x === "--watch") a.watch = true;
    else if (x === "--lang") a.langs = argv[++i].split(",").map((l) => (l.trim() === "en" ? "en" : "zh"));
    else if (x.startsWith("--lang=")) a.langs = x.slice(7).split(",").map((l) => (l.trim() === "en" ? "en" : "zh"));
    else if (x === "--tables") a.tables = argv[++i];
    else if (x === "--out") a.out = argv[++i];
    else if (x === "--help" || x === "-h") {
      console.log("usage: notebooks/runtime/cli.ts [--all | NOTEBOOK.ts ...] [--ipynb] [--watch] [--lang zh|en|zh,en] [--tables DIR] [--out DIR]");
      process.exit(0);
    } else a.files.push(x);
  }
  return a;
}

/** Every notebook: the .ts files directly under notebooks/ (runtime/ and charts/ are libraries). */
export function listNotebooks(dir: string = NOTEBOOK_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ts") && !f.startsWith("."))
    .sort()
    .map((f) => join(dir, f));
}

function runOne(file: string, lang: "zh" | "en", a: Args): Promise<ExecResult & { ok: boolean; stderr: string }> {
  return new Promise((done) => {
    const args = ["--import", import.meta.resolve("tsx"), EXEC, file, "--tables", a.tables, "--out", a.out, "--lang", lang, "--langs", a.langs.join(",")];
    if (a.ipynb) args.push("--ipynb");
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      let res: ExecResult;
      try {
        res = JSON.parse(line) as ExecResult;
      } catch {
        res = { name: basename(file, ".ts"), html: "", charts: [], cells: 0, error: err.trim() || `exited with ${code}` };
      }
      done({ ...res, ok: code === 0 && !res.error, stderr: err });
    });
  });
}

async function runAll(files: string[], a: Args): Promise<boolean> {
  const jobs = files.flatMap((f) => a.langs.map((l) => ({ f, l })));
  const width = Math.max(1, Math.min(2, cpus().length));
  let ok = true;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { f, l } = jobs[next++];
      const t0 = Date.now();
      const r = await runOne(f, l, a);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (r.ok) {
        console.log(`✓ ${relative(process.cwd(), f)} [${l}] ${r.charts.length} charts, ${r.cells} cells → ${relative(process.cwd(), r.html)}${r.ipynb ? ` + ${basename(r.ipynb)}` : ""} (${secs}s)`);
      } else {
        ok = false;
        console.error(`✗ ${relative(process.cwd(), f)} [${l}] failed (${secs}s):\n${r.error ?? r.stderr}`);
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return ok;
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const files = a.all || a.files.length === 0 ? listNotebooks() : a.files.map((f) => resolve(f));
  for (const f of files) if (!existsSync(f)) throw new Error(`no such notebook: ${f}`);
  if (!existsSync(a.tables)) console.warn(`note: ${a.tables} does not exist yet; notebooks will say so (run npm run pipeline first)`);
  const ok = await runAll(files, a);
  if (!a.watch) {
    process.exitCode = ok ? 0 : 1;
    return;
  }
  // --watch: a saved notebook re-renders itself; a change to the tables, charts/ or runtime/ re-renders all.
  console.log(`watching ${files.length} notebook(s), ${a.tables}, notebooks/charts and notebooks/runtime — Ctrl-C to stop`);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const schedule = (targets: string[]) => {
    targets.forEach((t) => pending.add(t));
    clearTimeout(timer);
    timer = setTimeout(flush, 300);
  };
  const flush = async () => {
    if (running) return schedule([]);
    running = true;
    const batch = [...pending];
    pending.clear();
    await runAll(batch, a);
    running = false;
  };
  const watchDir = (dir: string, onChange: (name: string) => void) => {
    if (!existsSync(dir)) return;
    watch(dir, (_event, name) => name && onChange(String(name)));
  };
  watchDir(NOTEBOOK_DIR, (name) => {
    const f = join(NOTEBOOK_DIR, name);
    if (files.includes(f)) schedule([f]);
  });
  for (const lib of ["charts", "runtime"]) watchDir(join(NOTEBOOK_DIR, lib), () => schedule(files));
  const tablesDir = resolve(a.tables);
  watchDir(tablesDir, (name) => /\.(csv|json)$/.test(name) && schedule(files));
  // the tables directory may be replaced wholesale by the pipeline: watch its parent too
  watchDir(resolve(tablesDir, ".."), (name) => name === basename(tablesDir) && schedule(files));
}

await main();
