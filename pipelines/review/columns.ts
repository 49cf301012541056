// What the review page needs of a document's metric columns, cut down where the document sends them: a document
// whose text the page shows needs every row (it is highlighted row by row); any other one only its figures without
// a catalog indicator, and of those only what the page's list of them reads. Sending every column of every
// document back from the workers made a run with the review page ~10% slower.
import { METRIC_COLUMNS } from "../tables/schema.ts";
import { METRIC_INDEX, newColumnSet, type Cell } from "../tables/columns.ts";

/** The columns the list of figures without a catalog indicator reads (review/page.ts). */
export const UNCATALOGUED_LIST_COLUMNS = ["indicator_id", "indicator", "domain", "unit", "quote", "sentence"] as const;
const LISTED = UNCATALOGUED_LIST_COLUMNS.map((name) => METRIC_INDEX[name]);
const ID = METRIC_INDEX.indicator_id;

/** `cols` as the review page needs them: whole when the page shows the document's text, else only its uncatalogued rows' listed columns. */
export function reviewColumns(cols: Cell[][], shown: boolean): Cell[][] {
  if (shown) return cols;
  const out = newColumnSet(METRIC_COLUMNS.length);
  const ids = cols[ID] ?? [];
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]) continue;
    for (const j of LISTED) out[j].push(cols[j][i]);
  }
  return out;
}
