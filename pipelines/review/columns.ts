// What the review page needs of a document's metric columns, cut down where the document sends them: a document
// whose text the page shows needs every row (it is highlighted row by row, and its figures without a catalog
// indicator are listed); of any other one the page only counts those figures by label. Sending every column of
// every document back from the workers made a run with the review page ~10% slower.
import { METRIC_INDEX, type Cell } from "../tables/columns.ts";

/** What the page counts a document's figures without a catalog indicator by. */
const COUNTED = [METRIC_INDEX.indicator_id, METRIC_INDEX.indicator];
const ID = METRIC_INDEX.indicator_id;

/**
 * `cols` as the review page needs them: whole when the page shows the document's text, else only its uncatalogued
 * rows' id and label columns, the other columns left out (a holey array: each empty column sent for each of thousands
 * of documents was most of what the main thread had to take in and collect).
 */
export function reviewColumns(cols: Cell[][], shown: boolean): Cell[][] {
  if (shown) return cols;
  const ids = cols[ID] ?? [];
  let out: Cell[][] | null = null;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]) continue;
    if (!out) {
      out = [];
      for (const j of COUNTED) out[j] = [];
    }
    for (const j of COUNTED) out[j].push(cols[j][i]);
  }
  return out ?? NO_COLUMNS;
}

const NO_COLUMNS: Cell[][] = [];
