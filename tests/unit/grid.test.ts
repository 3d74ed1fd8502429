import { describe, expect, it } from 'vitest';
import { planClear, planFillDown, planPaste } from '../../renderer/grid/edits';
import type { PasteTarget } from '../../renderer/grid/edits';
import { buildLayout, estimateLines, rowAt, visibleRange } from '../../renderer/grid/layout';

// rows: 0 heading, 1-3 items, 4 heading, 5-6 items; cols: 0 No (no text), 1-3 text, 4 schedule
const target: PasteTarget = {
  rowCount: 7,
  colCount: 5,
  isDataRow: (r) => r !== 0 && r !== 4,
  isTextColumn: (c) => c >= 1 && c <= 3,
  columnName: (c) => ['No', '改革項目', '継続', '推進内容', '実施時期'][c]!,
};
const sel = (top: number, left: number, bottom = top, right = left) => ({
  top,
  left,
  bottom,
  right,
});

describe('grid layout', () => {
  it('finds rows by offset with variable heights', () => {
    const l = buildLayout([30, 60, 30, 90]);
    expect(l.total).toBe(210);
    expect([
      rowAt(l, 0),
      rowAt(l, 29),
      rowAt(l, 30),
      rowAt(l, 89),
      rowAt(l, 90),
      rowAt(l, 500),
    ]).toEqual([0, 0, 1, 1, 2, 3]);
    expect(visibleRange(l, 35, 40, 0)).toEqual([1, 1]);
    expect(visibleRange(l, 35, 60, 0)).toEqual([1, 2]);
    expect(visibleRange(buildLayout([]), 0, 100)).toEqual([0, -1]);
  });
  it('estimates wrapped lines for Japanese and ASCII text', () => {
    expect(estimateLines('', 100)).toBe(1);
    expect(estimateLines('あ'.repeat(10), 140)).toBe(1);
    expect(estimateLines('あ'.repeat(11), 140)).toBe(2);
    // Latin letters at their BIZ UDPゴシック width (0.72 em), not half an em
    expect(estimateLines('a'.repeat(13), 140)).toBe(1);
    expect(estimateLines('a'.repeat(14), 140)).toBe(2);
    expect(estimateLines('一行目\n二行目\n', 140)).toBe(3);
  });
});

describe('paste planning', () => {
  it('places a 3×2 block at the active cell', () => {
    const r = planPaste(
      [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'f'],
      ],
      sel(1, 1),
      target,
    );
    expect(r).toEqual({
      ok: true,
      notice: null,
      edits: [
        { row: 1, col: 1, text: 'a' },
        { row: 1, col: 2, text: 'b' },
        { row: 2, col: 1, text: 'c' },
        { row: 2, col: 2, text: 'd' },
        { row: 3, col: 1, text: 'e' },
        { row: 3, col: 2, text: 'f' },
      ],
    });
  });
  it('clips columns past the edge and says so', () => {
    const r = planPaste([['a', 'b', 'c', 'd']], sel(1, 2), target);
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/実施時期/) });
    const clipped = planPaste([['a', 'b', 'c', 'd', 'e', 'f']], sel(1, 0), {
      ...target,
      isTextColumn: () => true,
    });
    expect(clipped).toMatchObject({
      ok: true,
      notice: '列が多いため、右側の1列は貼り付けませんでした。',
    });
  });
  it('refuses a block crossing a heading row, as a whole', () => {
    expect(planPaste([['a'], ['b'], ['c'], ['d']], sel(1, 1), target)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/見出しをまたいで/),
    });
  });
  it('clips rows past the last row with a notice', () => {
    expect(planPaste([['a'], ['b'], ['c']], sel(5, 1), target)).toMatchObject({
      ok: true,
      notice: expect.stringMatching(/1行は貼り付けませんでした/),
    });
  });
  it('fills the selection with a single value', () => {
    const r = planPaste([['x']], sel(1, 1, 3, 2), target);
    expect(r.ok && r.edits.length).toBe(6);
  });
  it('refuses more than 20,000 cells', () => {
    const block = Array.from({ length: 7000 }, () => ['a', 'b', 'c']);
    const big = { ...target, rowCount: 8000, isDataRow: () => true };
    expect(planPaste(block, sel(0, 1), big)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/20,000セルまで/),
    });
  });
  it('fills down from the top row, or from the row above a single cell, skipping headings', () => {
    const text = (r: number, c: number) => `r${r}c${c}`;
    expect(planFillDown(sel(1, 1, 3, 1), target, text)).toMatchObject({
      ok: true,
      edits: [
        { row: 2, col: 1, text: 'r1c1' },
        { row: 3, col: 1, text: 'r1c1' },
      ],
    });
    expect(planFillDown(sel(5, 3), target, text)).toMatchObject({
      ok: true,
      edits: [{ row: 5, col: 3, text: 'r3c3' }],
    });
    expect(planFillDown(sel(1, 1), target, text)).toMatchObject({ ok: false });
  });
  it('clears only text cells of data rows', () => {
    const r = planClear(sel(0, 0, 2, 4), target);
    expect(r.ok && r.edits.map((e) => `${e.row}/${e.col}`)).toEqual([
      '1/1',
      '1/2',
      '1/3',
      '2/1',
      '2/2',
      '2/3',
    ]);
  });
});
