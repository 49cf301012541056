// The percent cell format: `// %%` opens a code cell, `// %% [markdown]` a prose cell whose lines are `// ` comments.
// The file stays a plain TypeScript module (tsx runs it, tsc checks it); cells are only a reading of its lines.

export interface Cell {
  index: number;
  kind: "code" | "markdown";
  /** 1-based first and last line of the cell body (the marker line included in `startLine`). */
  startLine: number;
  endLine: number;
  /** Code as written, or the markdown with the comment prefixes taken off. */
  source: string;
}

const MARKER = /^\s*\/\/\s*%%(.*)$/;

export function parseCells(text: string): Cell[] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cells: Cell[] = [];
  let current: { kind: Cell["kind"]; start: number; body: string[] } | null = null;
  const close = (end: number) => {
    if (!current) return;
    let body = current.body;
    if (current.kind === "markdown") body = body.map((l) => l.replace(/^\s*\/\/ ?/, ""));
    // trim blank lines at both ends
    while (body.length && !body[0].trim()) body = body.slice(1);
    while (body.length && !body[body.length - 1].trim()) body = body.slice(0, -1);
    if (body.length || current.kind === "code") {
      cells.push({ index: cells.length, kind: current.kind, startLine: current.start, endLine: end, source: body.join("\n") });
    }
  };
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (m) {
      close(i);
      current = { kind: /\[\s*markdown\s*\]/i.test(m[1]) ? "markdown" : "code", start: i + 1, body: [] };
      return;
    }
    if (!current) current = { kind: "code", start: i + 1, body: [] }; // text before the first marker: a code cell
    current.body.push(line);
  });
  close(lines.length);
  // a leading code cell that is only blank lines / comments is dropped
  return cells.filter((c) => c.kind === "markdown" || c.source.trim() !== "").map((c, i) => ({ ...c, index: i }));
}

/** The cell that holds a 1-based line, or -1. */
export function cellAtLine(cells: Cell[], line: number): number {
  for (const c of cells) if (line >= c.startLine && line <= c.endLine) return c.index;
  return -1;
}
