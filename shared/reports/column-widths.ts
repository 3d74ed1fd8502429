import type { ReportCell, ReportColumn } from './model';
import { textEm } from '../text-width';

/**
 * Column widths of a printed table chosen from its content: every column at
 * least as wide as its header's longest piece (headers break only between
 * pieces: 「取組予定・｜年度目標」, never 「自己評｜価」) and its short values
 * (a level 「計画以上」, a number, an item code); the width left over shared
 * out by the columns' relative widths. Long texts wrap anywhere, so they ask
 * for nothing.
 */

/** Where a header may break: after these, and at line ends. */
export const HEADER_BREAK_AFTER = /([・／）])/;
/** Values longer than this (em) wrap like text and ask for no width. */
const SHORT_EM = 6;
/** A level's word up to this (「やや遅れている」) is never broken; longer ones wrap. */
const LEVEL_EM = 8;
/** Stands for the colour mark before a level (3 mm and its padding). */
const MARK = '＿＿';
/** Cell padding and borders left and right, mm. */
export const CELL_MM = 2.8;

/** Width of a string in em (see text-width.ts). */
export const emWidth = textEm;

/** The pieces a header prints in, longest first never broken. */
export function headerPieces(header: string): string[] {
  return header
    .split('\n')
    .flatMap((line) => line.split(HEADER_BREAK_AFTER).reduce<string[]>(joinBreaks, []))
    .filter(Boolean);
}

function joinBreaks(acc: string[], part: string): string[] {
  // 「取組予定」「・」 → 「取組予定・」; an opening bracket starts a piece
  if (HEADER_BREAK_AFTER.test(part) && acc.length) acc[acc.length - 1] += part;
  else acc.push(...part.split(/(?=（)/));
  return acc;
}

function shortValues(c: ReportCell): string[] {
  if (c === null) return [];
  if (typeof c === 'number') return [String(c)];
  if (typeof c === 'string') return c.split(/[\s\u3000]+/).filter((t) => emWidth(t) <= SHORT_EM);
  // a level prints behind its colour mark: two em more
  if (c.kind === 'level')
    return c.text
      .split(/\s+/)
      .filter((t) => emWidth(t) <= LEVEL_EM)
      .map((t) => `${t}${MARK}`);
  if (c.kind === 'levels')
    return c.levels
      .flatMap((l) => [l.axis, ...l.text.split(/\s+/).map((t) => `${t}${MARK}`)])
      .filter((t) => emWidth(t) <= LEVEL_EM + 2);
  return c.bars.map((b) => `${b.label}${b.phase}→`);
}

/**
 * Widths in mm of a table's columns over `totalMm` at a font of `fontPt`
 * (header pieces at `headerPt`). When even the minimums do not fit, the
 * minimums are scaled down together.
 */
export function columnWidthsMm(
  columns: readonly ReportColumn[],
  rows: readonly ReportCell[][],
  totalMm: number,
  fontPt: number,
  headerPt = fontPt,
): number[] {
  const mmPerEm = (pt: number) => (pt * 25.4) / 72;
  const min = columns.map((c, i) => {
    const head = Math.max(0, ...headerPieces(c.header).map(emWidth)) * mmPerEm(headerPt);
    let body = 0;
    for (const r of rows)
      for (const v of shortValues(r[i] ?? null))
        body = Math.max(body, emWidth(v) * mmPerEm(fontPt));
    return Math.max(head, body) + CELL_MM;
  });
  const minSum = min.reduce((a, b) => a + b, 0);
  if (minSum >= totalMm) return min.map((m) => (m / minSum) * totalMm);
  const rel = columns.map((c) => c.width);
  const relSum = rel.reduce((a, b) => a + b, 0);
  // Columns at their share unless that is below their minimum; those held at
  // their minimum, the rest share what is left by their relative widths.
  const fixed = new Set<number>();
  for (;;) {
    const left = totalMm - [...fixed].reduce((n, i) => n + min[i]!, 0);
    const freeRel = rel.reduce((n, w, i) => (fixed.has(i) ? n : n + w), 0) || relSum;
    const widths = rel.map((w, i) => (fixed.has(i) ? min[i]! : (w / freeRel) * left));
    const under = widths.findIndex((w, i) => !fixed.has(i) && w < min[i]! - 1e-9);
    if (under < 0) return widths;
    fixed.add(under);
  }
}
