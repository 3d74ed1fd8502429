/**
 * Printing a sheet at a fixed scale that fits its columns to the paper's
 * width. Not "fit to one page wide": LibreOffice prints at most a few pages
 * of a sheet set that way and leaves the rest out (seen with a 44-page 個票).
 */

/**
 * How wide a column prints, in points per width unit, as LibreOffice lays it
 * out (measured: 7.0 with the default font; Excel about 5.6, so a page set
 * for LibreOffice stays within the paper in Excel too).
 */
export const PT_PER_UNIT = 7.1;

/** Paper sizes in points: [short side, long side]. */
export const PAPER_PT = { A4: [595.3, 841.9], A3: [841.9, 1190.6] } as const;
/** The OOXML paper size numbers. */
export const PAPER_SIZE = { A4: 9, A3: 8 } as const;

export type Paper = keyof typeof PAPER_PT;

/** Width and height of the paper as it lies, in points. */
export function paperPt(paper: Paper, orientation: 'portrait' | 'landscape') {
  const [short, long] = PAPER_PT[paper];
  return orientation === 'portrait'
    ? { width: short, height: long }
    : { width: long, height: short };
}

/** The print scale (percent) that fits `units` of column width between the side margins. */
export function printScale(
  units: number,
  paper: Paper,
  orientation: 'portrait' | 'landscape',
  sideMarginIn: number,
): number {
  const room = paperPt(paper, orientation).width - 2 * sideMarginIn * 72;
  return Math.max(10, Math.min(100, Math.floor((100 * room) / (units * PT_PER_UNIT))));
}
