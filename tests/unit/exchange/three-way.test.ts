import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { same, threeWay } from '../../../electron/inquiry/three-way';

/** The three-way diff of one field: exported (base), app now, workbook (incoming). */
const open = { locked: false, reference: false };
describe('three-way diff of a field', () => {
  it('nothing to do when the workbook kept the exported value or already has the app value', () => {
    expect(threeWay('a', 'b', 'a', open)).toBe('none');
    expect(threeWay('a', 'b', 'b', open)).toBe('none');
    expect(threeWay(null, null, '', open)).toBe('none');
    expect(threeWay('一行\n', '一行', '一行\r\n', open)).toBe('none');
  });
  it('a change when only the workbook moved; a conflict when both moved differently', () => {
    expect(threeWay('a', 'a', 'c', open)).toBe('change');
    expect(threeWay('a', 'b', 'c', open)).toBe('conflict');
    expect(threeWay(100, 100, 200, open)).toBe('change');
    expect(threeWay(100, null, 200, open)).toBe('conflict');
  });
  it('a final record is locked; a supporting section’s copy is shown, never taken', () => {
    expect(threeWay('a', 'a', 'c', { locked: true, reference: false })).toBe('locked');
    expect(threeWay('a', 'a', 'c', { locked: true, reference: true })).toBe('ignored');
  });
  it('property: a conflict is never called a change, and nothing is taken that equals what the app has', () => {
    const v = fc.oneof(
      fc.constant(null),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom('', 'a', 'b', 'a\n'),
    );
    fc.assert(
      fc.property(v, v, v, (base, now, incoming) => {
        const r = threeWay(base, now, incoming, open);
        if (r === 'change') expect(same(now, base)).toBe(true);
        if (r === 'conflict') expect(same(now, base)).toBe(false);
        if (r !== 'none') expect(same(incoming, now)).toBe(false);
      }),
    );
  });
});
