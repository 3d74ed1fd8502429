import { codeEm } from '../../shared/text-width';

/**
 * Row geometry for the virtualised grid: variable heights (multi-line cells)
 * as prefix sums, and the rows inside a viewport by binary search, so
 * scrolling 10,000 rows costs O(log n) per frame.
 */
export interface RowLayout {
  tops: Float64Array; // tops[i] = top of row i; tops[n] = total height
  total: number;
}

export function buildLayout(heights: ArrayLike<number>): RowLayout {
  const n = heights.length;
  const tops = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) tops[i + 1] = tops[i]! + heights[i]!;
  return { tops, total: tops[n]! };
}

/** Index of the row containing y (clamped). */
export function rowAt(layout: RowLayout, y: number): number {
  const n = layout.tops.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.tops[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function visibleRange(
  layout: RowLayout,
  scrollTop: number,
  viewport: number,
  overscan = 4,
): [number, number] {
  const n = layout.tops.length - 1;
  if (n <= 0) return [0, -1];
  const first = Math.max(0, rowAt(layout, scrollTop) - overscan);
  const last = Math.min(n - 1, rowAt(layout, scrollTop + viewport) + overscan);
  return [first, last];
}

/**
 * Lines a text takes in a column, without measuring the DOM: full-width
 * characters count one em, others their width in BIZ UDPゴシック. Close enough for row heights;
 * the cell clips what it cannot show and the editor shows everything.
 */
export function estimateLines(text: string, widthPx: number, fontPx = 14): number {
  if (!text) return 1;
  const perLine = Math.max(1, widthPx / fontPx);
  let lines = 0;
  for (const para of text.split('\n')) {
    let ems = 0;
    for (let i = 0; i < para.length; i++) ems += codeEm(para.charCodeAt(i));
    lines += Math.max(1, Math.ceil(ems / perLine));
  }
  return lines;
}

/** A data row's height: the most lines any of its cells needs (at most 10), 20 px a line. */
export const LINE_PX = 20;
export const ROW_PAD_PX = 12;
export const MAX_LINES = 10;

export interface HeightColumn<T> {
  kind: 'text' | 'dialog' | 'readonly';
  multiline?: boolean;
  text(row: T): string;
  lines?(row: T): number;
}

export function dataRowHeight<T>(
  columns: readonly HeightColumn<T>[],
  row: T,
  widths: readonly number[],
): number {
  let lines = 1;
  columns.forEach((c, ci) => {
    if (c.lines) lines = Math.max(lines, c.lines(row));
    else if (c.multiline || c.kind === 'text')
      lines = Math.max(lines, estimateLines(c.text(row), widths[ci]! - 16));
  });
  return Math.min(lines, MAX_LINES) * LINE_PX + ROW_PAD_PX;
}
