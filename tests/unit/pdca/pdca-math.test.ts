import { describe, expect, it } from 'vitest';
import {
  achievementRate,
  cumulative,
  formatAmount,
  formatPercent,
  parseAmount,
  parseNumber,
  progressRate,
  roundHalfUp,
  sharesOf,
} from '../../../shared/pdca-math';
import { roundDeadline } from '../../../shared/pdca-presets';

describe('numbers as staff type them', () => {
  it('reads commas, full-width digits and ▲ for minus; empty is not zero', () => {
    expect(parseNumber('1,234', 'x')).toEqual({ ok: true, value: 1234 });
    expect(parseNumber('１２，３４５', 'x')).toEqual({ ok: true, value: 12345 });
    expect(parseNumber('▲500', 'x')).toEqual({ ok: true, value: -500 });
    expect(parseNumber('△1,000', 'x')).toEqual({ ok: true, value: -1000 });
    expect(parseNumber('－３．５', 'x')).toEqual({ ok: true, value: -3.5 });
    expect(parseNumber('', 'x')).toEqual({ ok: true, value: null });
    expect(parseNumber('　', 'x')).toEqual({ ok: true, value: null });
    expect(parseNumber('0', 'x')).toEqual({ ok: true, value: 0 });
  });

  it('refuses what it cannot read, with a Japanese message', () => {
    for (const bad of ['12,34', '1.2.3', 'abc', '1,2345', '12円50銭', '=1+1']) {
      const r = parseNumber(bad, '実績値');
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toContain('実績値');
    }
  });

  it('takes 効果額 in the plan unit, or in the unit typed after it', () => {
    expect(parseAmount('1,234', 'thousand')).toEqual({ ok: true, value: 1_234_000 });
    expect(parseAmount('1.5', 'thousand')).toEqual({ ok: true, value: 1500 });
    expect(parseAmount('▲20千円', 'yen')).toEqual({ ok: true, value: -20_000 });
    expect(parseAmount('5,000円', 'thousand')).toEqual({ ok: true, value: 5000 });
    expect(parseAmount('1.5', 'yen').ok).toBe(false);
    expect(parseAmount('0.0001', 'thousand').ok).toBe(false);
    expect(parseAmount('', 'thousand')).toEqual({ ok: true, value: null });
  });

  it('shows yen in 千円 rounded half up, minus as ▲', () => {
    expect(formatAmount(1_234_500, 'thousand')).toBe('1,235');
    expect(formatAmount(1_234_499, 'thousand')).toBe('1,234');
    expect(formatAmount(-1_500, 'thousand')).toBe('▲2');
    expect(formatAmount(-1_234, 'yen')).toBe('▲1,234');
    expect(formatAmount(0, 'thousand')).toBe('0');
    expect(formatAmount(null, 'thousand')).toBe('');
  });
});

describe('KPI computations', () => {
  it('達成率: 実績 ÷ 目標, inverted when lower is better, over 100 % allowed', () => {
    expect(achievementRate(200, 250, 'higher')).toBe(125);
    expect(achievementRate(200, 100, 'higher')).toBe(50);
    expect(achievementRate(80, 100, 'lower')).toBe(80);
    expect(achievementRate(100, 80, 'lower')).toBe(125);
    expect(achievementRate(100, null, 'higher')).toBeNull();
    expect(achievementRate(0, 5, 'higher')).toBeNull();
    expect(achievementRate(5, 0, 'lower')).toBeNull();
  });

  it('進捗率: 累計 ÷ 最終目標, or from the base value in either direction', () => {
    const values = [
      { fiscalYear: 2021, target: 10, actual: 10 },
      { fiscalYear: 2022, target: 10, actual: 15 },
      { fiscalYear: 2023, target: 10, actual: null },
    ];
    const cum = {
      progressMethod: 'cumulative' as const,
      baseValue: null,
      finalTarget: 50,
      values,
      direction: 'higher' as const,
    };
    expect(progressRate(cum, 2021)).toBe(20);
    expect(progressRate(cum, 2023)).toBe(50);
    const fromBase = {
      progressMethod: 'fromBase' as const,
      baseValue: 100,
      finalTarget: 60,
      direction: 'lower' as const,
      values: [{ fiscalYear: 2022, target: 80, actual: 90 }],
    };
    expect(progressRate(fromBase, 2022)).toBe(25);
    expect(progressRate({ ...fromBase, finalTarget: null }, 2022)).toBeNull();
  });

  it('累計 keeps the running total through empty years', () => {
    expect(cumulative([100, null, 50, 0])).toEqual([100, 100, 150, 150]);
  });
});

describe('percentages as cities publish them', () => {
  it('rounds each share to 0.1 on its own, so the sum may be 100.1', () => {
    const p = sharesOf({ S: 1, A: 1, B: 1 }, 3);
    expect(p).toEqual({ S: 33.3, A: 33.3, B: 33.3 });
    const q = sharesOf({ S: 1, A: 2, B: 4 }, 7); // 14.29, 28.57, 57.14
    expect(q).toEqual({ S: 14.3, A: 28.6, B: 57.1 });
    expect(roundHalfUp(q.S! + q.A! + q.B!, 1)).toBe(100);
    const r = sharesOf({ S: 5, A: 11, B: 15, C: 2 }, 33); // 15.15 33.33 45.45 6.06
    expect(r).toEqual({ S: 15.2, A: 33.3, B: 45.5, C: 6.1 });
    expect(roundHalfUp(r.S! + r.A! + r.B! + r.C!, 1)).toBe(100.1);
  });

  it('rounds exact halves up and never divides by zero', () => {
    expect(sharesOf({ a: 1, b: 15 }, 16)).toEqual({ a: 6.3, b: 93.8 });
    expect(sharesOf({ a: 0 }, 0)).toEqual({ a: 0 });
    expect(formatPercent(12.25)).toBe('12.3%');
    expect(formatPercent(null)).toBe('—');
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
  });
});

describe('round deadlines', () => {
  it('puts 1–3月 in the next calendar year and year-end rounds after the year', () => {
    expect(roundDeadline(2025, { name: '中間', month: 10, day: 31, afterYearEnd: false })).toBe(
      '2025-10-31',
    );
    expect(roundDeadline(2025, { name: '実績', month: 3, day: 31, afterYearEnd: false })).toBe(
      '2026-03-31',
    );
    expect(roundDeadline(2025, { name: '実績', month: 5, day: 31, afterYearEnd: true })).toBe(
      '2026-05-31',
    );
    expect(roundDeadline(2025, { name: 'x', month: 2, day: 31, afterYearEnd: false })).toBe(
      '2026-02-28',
    );
  });
});
