// HTML → text. Choice: for an HTML page, "the original" that offsets point into is the *extracted
// text* produced here, not the markup. A quote then reads as the page showed it, and offsets stay
// meaningful to an analyst; mapping back into raw markup would point into tags and entities.
import { Parser } from "htmlparser2";

export interface HtmlText {
  text: string;
  title: string;
  /** <meta name=… content=…> pairs that portals use for metadata (ArticleTitle, PubDate, ContentSource …). */
  meta: Record<string, string>;
}

const SKIP = new Set(["script", "style", "nav", "noscript", "template", "svg", "iframe", "select", "button", "head", "object", "canvas", "form"]);
const BLOCK = new Set([
  "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "ul", "ol", "dd", "dt", "dl",
  "blockquote", "pre", "hr", "header", "footer", "aside", "main", "figure", "figcaption", "caption", "thead", "tbody", "center", "address",
]);
const CELL = new Set(["td", "th"]);
/** Table structure: a line break even inside a cell (a nested table's rows). */
const TABLE_ROWS = new Set(["table", "thead", "tbody", "tfoot", "tr"]);
/** class/id words of navigation containers (breadcrumbs, menus) that are not <nav>. */
const NAV_CLASS = /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumbs?|topbar|sidebar)([\s_-]|$)/i;

export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart();
  // the tests need only the opening lower-cased (2 KB of Chinese is slow to lower-case); all of it only after <?xml
  const lead = head.slice(0, 16).toLowerCase();
  if (lead.startsWith("<!doctype html") || lead.startsWith("<html") || (lead.startsWith("<?xml") && head.toLowerCase().includes("<html"))) return true;
  const sample = text.slice(0, 20000);
  // every tag starts with <, which most plain texts never hold: no regex scan for them
  if (sample.indexOf("<") < 0) return false;
  const tags = sample.match(/<\/?(p|div|br|span|table|td|tr|body|head|meta|a|li|h\d)\b[^>]*>/gi);
  return !!tags && tags.length >= 5 && tags.join("").length > sample.length * 0.05;
}

export function htmlToText(html: string): HtmlText {
  const out: string[] = [];
  let skip = 0;
  const stack: boolean[] = []; // whether each open element started a skip
  let inTitle = false;
  let title = "";
  const meta: Record<string, string> = {};
  // Inside a table cell a paragraph or line break (Word's <td><p>4500</p></td>) is a space: the row stays one line.
  let cellDepth = 0;
  const newline = () => {
    if (out.length && out[out.length - 1] !== "\n") out.push("\n");
  };
  const blockBreak = (name: string) => {
    if (cellDepth > 0 && !TABLE_ROWS.has(name)) {
      if (out.length && out[out.length - 1] !== "\n" && !out[out.length - 1].endsWith(" ")) out.push(" ");
    } else newline();
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === "meta") {
          const key = attribs.name ?? attribs.property;
          if (key && attribs.content) meta[key] = attribs.content.trim();
          return;
        }
        if (name === "title") inTitle = true;
        const cls = `${attribs.class ?? ""} ${attribs.id ?? ""}`;
        const starts = SKIP.has(name) || (name !== "body" && name !== "html" && NAV_CLASS.test(cls));
        if (name !== "br" && name !== "hr" && name !== "img" && name !== "input" && name !== "link") stack.push(starts);
        if (starts) skip++;
        if (BLOCK.has(name)) blockBreak(name);
        // Cells apart by two spaces (one after clean-up), not one: 120 152 in two cells would read as one number (120,152).
        else if (CELL.has(name) && !skip && out.length && out[out.length - 1] !== "\n") out.push("  ");
        if (CELL.has(name)) cellDepth++;
      },
      ontext(data) {
        if (inTitle) title += data;
        if (skip) return;
        const t = data.replace(/[\r\n\t ]+/g, " ");
        // whitespace between blocks (indentation) is not text
        if (t === " " && (!out.length || out[out.length - 1] === "\n")) return;
        out.push(t);
      },
      onclosetag(name) {
        if (name === "title") inTitle = false;
        if (name === "br" || name === "hr" || name === "img" || name === "input" || name === "link" || name === "meta") return;
        const started = stack.pop();
        if (started) skip = Math.max(0, skip - 1);
        if (CELL.has(name)) cellDepth = Math.max(0, cellDepth - 1);
        if (BLOCK.has(name)) blockBreak(name);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  const text = out
    .join("")
    .split("\n")
    .map((l) => l.replace(/\u00a0/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return { text, title: title.replace(/\s+/g, " ").trim(), meta };
}
