import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { fontFiles, FONT_FAMILY } from "../charts/theme.ts";
const svg = readFileSync("/tmp/nbreal/charts/social-assistance/dibao-people-sa_dibao_people.svg", "utf8");
const t = Date.now();
const r = new Resvg(svg, { font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } });
const out = r.toString();
console.log(Date.now() - t, svg.length, out.length, (out.match(/<text/g) ?? []).length, (out.match(/<path/g) ?? []).length);
console.log(out.slice(0, 600));
