import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EDITS,
  REPEATS,
  WARM_UP_ROUND,
  editFigure,
  editMarker,
  p95,
  roundP95s,
} from '../../bench/peer-grids/run-peers';
import { pairedRatio } from '../../bench/paired';

describe('the edit figure of `npm run bench`', () => {
  it('is the median of the rounds’ p95, so one stalled round does not decide it', () => {
    const calm = Array.from({ length: EDITS }, (_, i) => 5 + (i % 7));
    const stalled = calm.map((x, i) => (i < 3 ? 80 : x));
    const rounds = [calm, stalled, calm, calm, calm];
    expect(roundP95s(rounds)).toEqual([p95(calm), 80, p95(calm), p95(calm), p95(calm)]);
    expect(editFigure(rounds)).toBe(p95(calm));
  });

  it('lies between the smallest and the largest round p95 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 1 }), {
          minLength: 1,
          maxLength: 9,
        }),
        (rounds) => {
          const each = roundP95s(rounds);
          const f = editFigure(rounds);
          expect(f).toBeGreaterThanOrEqual(Math.min(...each));
          expect(f).toBeLessThanOrEqual(Math.max(...each));
        },
      ),
    );
  });

  it('types a marker per edit that no other edit’s text contains (the probe looks for it in the grid)', () => {
    const markers = [];
    for (let r = WARM_UP_ROUND; r < REPEATS; r++)
      for (let k = 0; k < EDITS; k++) markers.push(editMarker(r, k));
    expect(new Set(markers).size).toBe((REPEATS + 1) * EDITS);
    for (const a of markers)
      for (const b of markers) if (a !== b) expect(a.includes(b)).toBe(false);
  });
});

describe('the paired ratio of `npm run bench` (ours against a floor in another process)', () => {
  it('cancels a slow spell that falls on both halves of a turn', () => {
    // turns 3 and 4 ran 1.7× slower on both sides: each turn's own ratio is 1.2
    const floors = [60, 62, 61, 104, 105, 60, 61];
    const ours = floors.map((f) => f * 1.2);
    expect(pairedRatio(ours, floors)).toBeCloseTo(1.2, 10);
  });

  it('lies within the turns’ own ratios, whatever the figures (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.1, max: 1e4, noNaN: true }),
            fc.double({ min: 0.1, max: 1e4, noNaN: true }),
          ),
          { minLength: 1, maxLength: 20 },
        ),
        (turns) => {
          const ours = turns.map(([o]) => o);
          const floors = turns.map(([, f]) => f);
          const each = turns.map(([o, f]) => o / f);
          const r = pairedRatio(ours, floors);
          expect(r).toBeGreaterThanOrEqual(Math.min(...each) - 1e-9);
          expect(r).toBeLessThanOrEqual(Math.max(...each) + 1e-9);
        },
      ),
    );
  });

  it('refuses figures that are not in pairs', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow('unpaired');
    expect(() => pairedRatio([1], [0])).toThrow('no floor');
  });
});
