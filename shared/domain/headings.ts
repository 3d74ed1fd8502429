// Zod-free on purpose: the renderer's first screen shows these, and importing
// them from ./plan would carry zod (about a third of the start bundle) along.

/** What a plan calls its two heading levels, as its own documents do. */
export interface HeadingNames {
  priority: string;
  area: string;
  /** The level above 重点項目 in plans of three heading levels (基本目標, 基本方針 …). */
  group: string;
}
export const DEFAULT_HEADING_NAMES: HeadingNames = {
  priority: '重点項目',
  area: '取組分野',
  group: '基本目標',
};

/** 「基本目標1 …」: the level above 重点項目, in the plan's own word. */
export function groupHeading(names: HeadingNames, g: { number: number; title: string }): string {
  return `${names.group}${g.number}　${g.title}`;
}

/** 「重点項目1 行政のデジタル化推進…」 in the plan's own words (「重点改革項目1 …」). */
export function priorityHeading(
  names: HeadingNames,
  p: { number: number | string; title: string },
): string {
  return `${names.priority}${p.number}　${p.title}`;
}

/**
 * How a plan numbers its items, as its own documents print them:
 * {p} the 重点項目's number, {a} the 取組分野's, {n} the item's number in
 * its 分野, {c} the number as the city's plan wrote it (「82」「R1-1」;
 * items made here fall back to {n}).
 */
export const NUMBER_PATTERNS: readonly { pattern: string; label: string }[] = [
  { pattern: '{p}-({a})-{n}', label: '1-(1)-1（重点項目-(分野)-番号）' },
  { pattern: '{p}-{a}-{n}', label: '1-1-1（重点項目-分野-番号）' },
  { pattern: '{p}-{n}', label: '1-1（重点項目-番号）' },
  { pattern: '{c}', label: '計画に書かれた番号のまま（82、R1-1 など）' },
  { pattern: '{p}-{c}', label: '重点項目-計画に書かれた番号（1-82）' },
];
export const DEFAULT_NUMBER_PATTERN = '{p}-({a})-{n}';

/** An item's number as the plan shows and prints it. */
export function formatItemNumber(
  pattern: string,
  parts: { priority: number; area: number; number: number; written: string | null },
): string {
  return pattern.replace(/\{([pacn])\}/g, (_, t: string) =>
    t === 'p'
      ? String(parts.priority)
      : t === 'a'
        ? String(parts.area)
        : t === 'n'
          ? String(parts.number)
          : (parts.written ?? String(parts.number)),
  );
}
