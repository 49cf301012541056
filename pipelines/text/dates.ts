// A date a portal prints after a title, read the same way by the describe and segment stages.

/**
 * Where a date in brackets ends a line (…任务指标的通知 ( 2025-01-27 ): a page's date after its title), else -1.
 * `dateLine` is describe-metadata.json's dates.date_line: a line that is only a date, brackets allowed.
 */
export function trailingDateAt(line: string, dateLine: RegExp): number {
  const last = line.charCodeAt(line.length - 1);
  if (last !== 0x29 && last !== 0xff09) return -1; // ) or ）
  const open = Math.max(line.lastIndexOf("("), line.lastIndexOf("（"));
  return open > 0 && dateLine.test(line.slice(open).replace(/\s+/g, "")) ? open : -1;
}
