// Numerals: Arabic (decimals, thousands separators, full-width digits) and Chinese (两, 十二, 一千二百, 两万).
import type { ExtractReference } from "./reference.ts";

type NumRef = Pick<ExtractReference, "digits" | "smallUnits" | "bigUnits">;

export function isArabic(s: string): boolean {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

export function parseArabic(s: string): number {
  // Plain ASCII digits and points (most numbers) are read as they are.
  let plain = true;
  for (let i = 0; i < s.length && plain; i++) {
    const c = s.charCodeAt(i);
    plain = (c >= 48 && c <= 57) || c === 46;
  }
  if (plain) return Number(s);
  let t = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) t += String.fromCharCode(c - 0xff10 + 48);
    else if (ch === "．") t += ".";
    else if (ch !== ",") t += ch;
  }
  return Number(t);
}

/** Value of a Chinese numeral, or NaN when it is not a well-formed number. */
export function parseChinese(s: string, ref: NumRef): number {
  // All plain digits (二〇二三): positional.
  if ([...s].every((ch) => ch in ref.digits) && s.length > 1) {
    return Number([...s].map((ch) => ref.digits[ch]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in ref.digits) {
      if (digit !== null && ref.digits[ch] !== 0) return NaN; // 二三 without a unit between
      digit = ref.digits[ch] === 0 ? null : ref.digits[ch];
    } else if (ch in ref.smallUnits) {
      section += (digit ?? 1) * ref.smallUnits[ch];
      digit = null;
    } else if (ch in ref.bigUnits) {
      const big = ref.bigUnits[ch];
      section += digit ?? 0;
      // 万 or 亿 on its own stands for one of it (近万人, 万余户); a multiplier after nothing else is no number (万万)
      if (section === 0 && total === 0) {
        if (s.length !== 1) return NaN;
        section = 1;
      }
      total = (total + section) * big;
      section = 0;
      digit = null;
    } else return NaN;
  }
  return total + section + (digit ?? 0);
}

/** True when a Chinese numeral string has a real digit (so 万家, 千家万户, 百家 are words, not numbers). */
export function hasChineseDigit(s: string, ref: NumRef): boolean {
  // 十五, 拾: a leading ten stands for one ten
  return [...s].some((ch) => ch in ref.digits) || ref.smallUnits[s[0]] === 10;
}
