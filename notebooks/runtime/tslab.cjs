// Loaded by the first cell of an exported .ipynb (ipynb.ts) when it is re-run in Jupyter with the tslab kernel.
// tslab compiles every cell itself (its own TypeScript, CommonJS output) and cannot import this project's .ts
// modules: their imports end in `.ts`, they sit outside the notebook's folder, and they need ESM-only packages
// (vega). So the cells load them at run time through tsx, as `npm run notebooks` does. This is a plain CommonJS
// file because only a real module may call import(); code that tslab runs may not.
"use strict";
const { pathToFileURL } = require("node:url");

let api;

/** Import a project module (a path relative to `fromDir`, default the kernel's directory: the .ipynb's). */
exports.load = async function load(specifier, fromDir = process.cwd()) {
  // one namespace for the whole session, so every cell shares the same module instances
  api ??= (await import("tsx/esm/api")).register({ namespace: "tslab-notebook" });
  return api.import(specifier, pathToFileURL(fromDir.endsWith("/") ? fromDir : fromDir + "/").href);
};

/** Wait until the charts and tables this cell showed through tslab are drawn (nb.ts draws them asynchronously). */
exports.shown = async function shown() {
  const drawing = globalThis.__notebookDrawing;
  while (drawing?.length) await Promise.allSettled(drawing.splice(0));
};
