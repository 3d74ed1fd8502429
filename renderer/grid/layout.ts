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
 * `leadEms` is what stands before the text on its first line (a label drawn
 * with it). One pass, nothing allocated: every row is estimated when a plan opens.
 */
export function estimateLines(text: string, widthPx: number, fontPx = 14, leadEms = 0): number {
  const perLine = Math.max(1, widthPx / fontPx);
  let lines = 0;
  let ems = leadEms;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      lines += Math.max(1, Math.ceil(ems / perLine));
      ems = 0;
    } else ems += codeEm(code);
  }
  return lines + Math.max(1, Math.ceil(ems / perLine));
}

/** The width of a short text in em (a label), summed as estimateLines sums. */
export function textEms(text: string): number {
  let ems = 0;
  for (let i = 0; i < text.length; i++) ems += codeEm(text.charCodeAt(i));
  return ems;
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
  /** Lines the cell's text takes at a width, when that is quicker to count than to build the text. */
  estimate?(row: T, widthPx: number): number;
}

export function dataRowHeight<T>(
  columns: readonly HeightColumn<T>[],
  row: T,
  widths: readonly number[],
): number {
  let lines = 1;
  columns.forEach((c, ci) => {
    if (c.lines) lines = Math.max(lines, c.lines(row));
    else if (c.estimate) lines = Math.max(lines, c.estimate(row, widths[ci]! - 16));
    else if (c.multiline || c.kind === 'text')
      lines = Math.max(lines, estimateLines(c.text(row), widths[ci]! - 16));
  });
  return Math.min(lines, MAX_LINES) * LINE_PX + ROW_PAD_PX;
}
