import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnWidthsMm, emWidth } from '../../shared/reports/column-widths';
import { rowHeightMm } from '../../shared/reports/row-height';

const col = (header: string, width = 1) => ({ header, width });
const ONE_LINE_MM = 9 * (25.4 / 72) * 1.45 + 2.4;

describe('column widths from the content', () => {
  it('fill the sheet, and no column is narrower than its header’s longest piece', () => {
    const w = columnWidthsMm(
      [col('No.', 0.5), col('取組予定・年度目標', 3), col('自己評価', 1)],
      [],
      180,
      9,
    );
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(180, 6);
    // 「自己評価」 is 4 em at 9 pt plus the cell's padding
    expect(w[2]!).toBeGreaterThanOrEqual(4 * 9 * (25.4 / 72));
  });
});

describe('printed row height, estimated without layout', () => {
  it('one line for short cells, more for long ones, by the narrowest fit', () => {
    const widths = [20, 100];
    expect(rowHeightMm(['1', '短い'], widths, 9)).toBeCloseTo(ONE_LINE_MM, 6);
    // 100 mm less padding holds 30 em at 9 pt: 300 full-width characters take 10 lines
    expect(rowHeightMm(['1', 'あ'.repeat(300)], widths, 9)).toBeCloseTo(
      10 * (ONE_LINE_MM - 2.4) + 2.4,
      6,
    );
    // each line break starts a line
    expect(rowHeightMm(['1', 'あ\nい\nう'], widths, 9)).toBeCloseTo(
      3 * (ONE_LINE_MM - 2.4) + 2.4,
      6,
    );
  });

  it('the 4,000-character answer of the print tests is taller than half an A4 page', () => {
    const answer = '長い取組実績の記述です。'.repeat(330);
    expect(emWidth(answer)).toBe(3960);
    expect(rowHeightMm(['1', answer], [20, 60], 9)).toBeGreaterThan((297 - 30) / 2);
  });

  it('levels count their axis lines, bars their labels', () => {
    const levels = {
      kind: 'levels' as const,
      levels: [
        { axis: '進捗状況', text: '計画どおり', color: '#0a0' },
        { axis: '自己評価', text: 'A', color: '#0a0' },
      ],
    };
    expect(rowHeightMm([levels], [40], 9)).toBeCloseTo(4 * (ONE_LINE_MM - 2.4) + 2.4, 6);
  });

  it('never shrinks as text grows, and never drops below one line', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 400 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 10, max: 200 }),
        (a, more, w) => {
          const h = rowHeightMm([a], [w], 9);
          expect(h).toBeGreaterThanOrEqual(ONE_LINE_MM - 1e-9);
          expect(rowHeightMm([a + more], [w], 9)).toBeGreaterThanOrEqual(h - 1e-9);
        },
      ),
    );
  });
});
