import type { ReportCell } from './model';
import { CELL_MM, emWidth } from './column-widths';

/**
 * The printed height of a table row, estimated from its text and its columns'
 * widths, without laying it out: a long 個票 report is printed in parts that
 * are never laid out on screen (laying each out for the screen as well cost a
 * quarter of the printing time). Used to let a row taller than half a page
 * break across pages; slightly high rather than low, as a row kept whole that
 * should have broken leaves a gap, while one broken that fitted does not.
 */

const MM_PER_PT = 25.4 / 72;
/** .r-table line-height */
const LINE_HEIGHT = 1.45;
/** Top and bottom padding plus borders of a cell, mm. */
const CELL_V_MM = 2.4;

function cellLines(cell: ReportCell, innerEm: number): number {
  if (cell === null || cell === '') return 1;
  if (typeof cell === 'number') return 1;
  const wrap = (text: string) =>
    text
      .split('\n')
      .reduce((n, line) => n + Math.max(1, Math.ceil(emWidth(line) / Math.max(1, innerEm))), 0);
  if (typeof cell === 'string') return wrap(cell);
  if (cell.kind === 'level') return wrap(cell.text);
  // an axis name above each level
  if (cell.kind === 'levels') return cell.levels.reduce((n, l) => n + 1 + wrap(l.text), 0);
  return cell.bars.reduce((n, b) => n + wrap(`${b.label}${b.phase} →`), 0);
}

export function rowHeightMm(
  row: readonly ReportCell[],
  widthsMm: readonly number[],
  fontPt: number,
): number {
  const emMm = fontPt * MM_PER_PT;
  let lines = 1;
  row.forEach((cell, i) => {
    const innerEm = ((widthsMm[i] ?? 0) - CELL_MM) / emMm;
    lines = Math.max(lines, cellLines(cell, Math.floor(innerEm)));
  });
  return lines * emMm * LINE_HEIGHT + CELL_V_MM;
}
