import type { CleanText, DocumentDescription, FigureRow } from "../types.ts";

export interface ExtractReference {}

export function loadExtractReference(_dir: string): ExtractReference {
  return {};
}

// Placeholder until segment/extract/classify land.
export function extractFigures(_clean: CleanText, _desc: DocumentDescription, _ref: ExtractReference): FigureRow[] {
  return [];
}
