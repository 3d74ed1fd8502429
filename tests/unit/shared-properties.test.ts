import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fiscalYearOf,
  formatFiscalYear,
  isValidFiscalYear,
  MAX_FISCAL_YEAR,
  MIN_FISCAL_YEAR,
  parseFiscalYear,
} from '../../shared/fiscal-year';
import { formatAmount, parseAmount, parseNumber } from '../../shared/pdca-math';
import { formatTsv, parseTsv } from '../../shared/tsv';

/** Invariants of what staff type and paste, checked over generated inputs. */
describe('TSV (what Excel copies and pastes)', () => {
  const cellText = fc.string({
    unit: fc.constantFrom('a', 'あ', '漢', '"', '\t', '\n', '\r\n', ' ', '１', '=', ','),
    maxLength: 12,
  });
  const table = fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }))
    .chain(([rows, cols]) =>
      fc.array(fc.array(cellText, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
  it('parse(format(table)) is the table, for any text in any cell', () => {
    fc.assert(
      fc.property(table, (t) => {
        // a lone empty cell copies as nothing: not a table at all
        fc.pre(!(t.length === 1 && t[0]!.length === 1 && t[0]![0] === ''));
        const normalized = t.map((r) => r.map((c) => c.replace(/\r\n/g, '\n')));
        expect(parseTsv(formatTsv(t))).toEqual(normalized);
      }),
      { numRuns: 500 },
    );
  });
});

describe('amounts (効果額)', () => {
  const yen = fc.integer({ min: -1e12, max: 1e12 });
  it('an amount in yen shown in 円 reads back as the same yen; in 千円, within half a thousand', () => {
    fc.assert(
      fc.property(yen, (y) => {
        const asYen = parseAmount(formatAmount(y, 'yen'), 'yen');
        expect(asYen).toEqual({ ok: true, value: y });
        const asThousand = parseAmount(formatAmount(y, 'thousand'), 'thousand');
        expect(asThousand.ok).toBe(true);
        if (asThousand.ok) expect(Math.abs(asThousand.value! - y)).toBeLessThanOrEqual(500);
      }),
      { numRuns: 500 },
    );
  });
  it('full-width digits, commas, ▲ and spaces read as the plain number; empty is never zero', () => {
    const widths = (s: string) =>
      s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.boolean(), (n, wide) => {
        const grouped = Math.abs(n).toLocaleString('en-US');
        const text = `${n < 0 ? '▲' : ''}${wide ? widths(grouped) : grouped}`;
        expect(parseNumber(text, 'x')).toEqual({ ok: true, value: n === 0 ? 0 : n });
      }),
      { numRuns: 500 },
    );
    expect(parseNumber('', 'x')).toEqual({ ok: true, value: null });
    expect(parseNumber('　', 'x')).toEqual({ ok: true, value: null });
  });
  it('text that is not a number is refused, never read as some number', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'あ', '円', '%', '/', '.', ',', '1') }),
        (s) => {
          const r = parseNumber(s, '効果額');
          if (r.ok && r.value !== null) expect(Number(s.replace(/[,\s]/g, ''))).toBe(r.value);
          if (!r.ok) expect(r.message).toMatch(/効果額「.*」を数値として読めません|大きすぎます/);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('fiscal years (年度, 和暦)', () => {
  const fy = fc.integer({ min: MIN_FISCAL_YEAR, max: MAX_FISCAL_YEAR });
  it('every fiscal year reads back from its 和暦 in long and short form, and as a number', () => {
    fc.assert(
      fc.property(fy, (y) => {
        expect(parseFiscalYear(formatFiscalYear(y))).toBe(y);
        expect(parseFiscalYear(formatFiscalYear(y, 'short'))).toBe(y);
        expect(parseFiscalYear(`${y}年度`)).toBe(y);
        expect(isValidFiscalYear(y)).toBe(true);
      }),
    );
  });
  it('a date belongs to the fiscal year that began on the last 1 April', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1990, 0, 1), max: new Date(2090, 11, 31), noInvalidDate: true }),
        (d) => {
          const fyOf = fiscalYearOf(d);
          const start = new Date(fyOf, 3, 1);
          const end = new Date(fyOf + 1, 3, 1);
          expect(d.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(d.getTime()).toBeLessThan(end.getTime());
        },
      ),
    );
  });
});
