// Reading the JSON files of data/reference/ so that an analyst who breaks one while editing it is told which.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** A reference file's JSON (a leading BOM allowed); a file that is not valid JSON is reported with its name. */
export function readReferenceJson<T>(dir: string, name: string): T {
  const text = readFileSync(join(dir, name), "utf8").replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    // V8's message quotes the text around the fault over two lines: one line reads better in a terminal
    throw new Error(`${name}: not valid JSON (${(err as Error).message.replace(/\s*\n\s*/g, " ")})`);
  }
}

/** A reference file read and compiled; whatever goes wrong (a missing section, a bad pattern) is reported with its name. */
export function compileReferenceJson<T, R>(dir: string, name: string, compile: (raw: T) => R): R {
  const raw = readReferenceJson<T>(dir, name);
  try {
    return compile(raw);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(message.startsWith(name) ? message : `${name}: ${message}`);
  }
}

// Checks for the entries of a reference file, each failing with the file and key named.

/** A text entry. */
export function referenceText(x: unknown, file: string, key: string): string {
  if (typeof x !== "string") throw new Error(`${file}: "${key}" must be a string`);
  return x;
}

/** A list of words (none empty: an empty word would match everywhere). */
export function referenceWords(x: unknown, file: string, key: string): string[] {
  if (!Array.isArray(x) || !x.every((w) => typeof w === "string" && w !== "")) throw new Error(`${file}: "${key}" must be a list of words`);
  return x;
}

/** A regular expression written as a string. */
export function referencePattern(x: unknown, file: string, key: string, flags = ""): RegExp {
  if (typeof x !== "string") throw new Error(`${file} ${key}: expected a pattern (a string)`);
  try {
    return new RegExp(x, flags);
  } catch (err) {
    throw new Error(`${file} ${key}: ${(err as Error).message}`);
  }
}
