/**
 * One column grid for a sheet that holds tables of different shapes (the
 * 個票: fields, schedule, KPIs, years; the 総括表: breakdowns and amounts).
 * A sheet has one set of column widths, so each table's columns become spans
 * of grid columns (merged cells): the grid has a boundary wherever any table
 * has one, boundaries closer than SNAP units are taken as one. A sheet of one
 * table shape keeps its own columns, unmerged, for sections that edit it.
 */

/** Boundaries nearer than this (width units) are one. Columns are wider than twice this. */
const SNAP = 2;

export interface SheetGrid {
  /** Width of each grid column, in Excel width units. */
  widths: number[];
  /** Per table, per column: [first, last] grid column (0-based, inclusive). */
  spans: [number, number][][];
}

export function columnGrid(tables: readonly (readonly number[])[], total: number): SheetGrid {
  const cuts = tables.map((rel) => {
    const sum = rel.reduce((a, b) => a + b, 0) || 1;
    let acc = 0;
    return [0, ...rel.map((w) => Math.round(((acc += w) / sum) * total))];
  });
  const all = [...new Set(cuts.flat())].sort((a, b) => a - b);
  const kept: number[] = [];
  for (const b of all) {
    if (b === total) continue;
    if (kept.length === 0 || b - kept[kept.length - 1]! >= SNAP) kept.push(b);
  }
  if (total - kept[kept.length - 1]! < SNAP && kept.length > 1) kept.pop();
  kept.push(total);
  const nearest = (b: number) => {
    let best = 0;
    for (let i = 1; i < kept.length; i++)
      if (Math.abs(kept[i]! - b) < Math.abs(kept[best]! - b)) best = i;
    return best;
  };
  const spans = cuts.map((c) =>
    c.slice(0, -1).map((b, i): [number, number] => {
      const from = nearest(b);
      return [from, Math.max(from, nearest(c[i + 1]!) - 1)];
    }),
  );
  return { widths: kept.slice(1).map((b, i) => b - kept[i]!), spans };
}

/** The width of a span of grid columns. */
export function spanWidth(grid: SheetGrid, [from, to]: [number, number]): number {
  return grid.widths.slice(from, to + 1).reduce((a, b) => a + b, 0);
}
