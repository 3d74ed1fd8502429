import { describe, expect, it } from 'vitest';
import {
  fiscalYearOf,
  fiscalYearsBetween,
  formatDateJa,
  formatDateTime,
  formatDayJa,
  formatFiscalYear,
  formatFiscalYearRange,
  parseFiscalYear,
} from '../../shared/fiscal-year';

describe('fiscal years in 和暦', () => {
  it('formats long, short and year forms', () => {
    expect(formatFiscalYear(2025)).toBe('令和7年度');
    expect(formatFiscalYear(2025, 'short')).toBe('R7');
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
    expect(formatFiscalYear(2016, 'short')).toBe('H28');
    expect(formatFiscalYear(1989)).toBe('平成元年度');
    expect(formatFiscalYearRange(2021, 2025)).toBe('令和3年度～令和7年度');
  });

  it('puts January–March in the previous fiscal year', () => {
    expect(fiscalYearOf(new Date(2026, 2, 31))).toBe(2025);
    expect(fiscalYearOf(new Date(2026, 3, 1))).toBe(2026);
  });

  it('reads what staff type', () => {
    expect(parseFiscalYear('令和7年度')).toBe(2025);
    expect(parseFiscalYear('令和元年度')).toBe(2019);
    expect(parseFiscalYear('R3')).toBe(2021);
    expect(parseFiscalYear('Ｒ７')).toBe(2025);
    expect(parseFiscalYear('h30')).toBe(2018);
    expect(parseFiscalYear('２０２５年度')).toBe(2025);
    expect(parseFiscalYear('2025')).toBe(2025);
    expect(parseFiscalYear('平成40年度')).toBeNull();
    expect(parseFiscalYear('R0')).toBeNull();
    expect(parseFiscalYear('来年度')).toBeNull();
    expect(parseFiscalYear('')).toBeNull();
  });

  it('changes era on the exact day for calendar dates', () => {
    expect(formatDateJa(new Date(2019, 3, 30))).toBe('平成31年4月30日');
    expect(formatDateJa(new Date(2019, 4, 1))).toBe('令和元年5月1日');
    expect(formatDateJa(new Date(2026, 10, 24))).toBe('令和8年11月24日');
  });

  it('shows stored days and timestamps in 和暦, and leaves what is not a day as written', () => {
    expect(formatDayJa('2025-05-31')).toBe('令和7年5月31日');
    expect(formatDayJa('2019-04-30')).toBe('平成31年4月30日');
    expect(formatDayJa('2025-02-30')).toBe('2025-02-30');
    expect(formatDayJa('5月末')).toBe('5月末');
    expect(formatDateTime(new Date(2026, 11, 2, 4, 58))).toBe('令和8年12月2日 04:58');
    expect(formatDateTime(new Date(2026, 11, 2, 4, 58).toISOString())).toBe('令和8年12月2日 04:58');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('lists the plan years', () => {
    expect(fiscalYearsBetween(2021, 2025)).toEqual([2021, 2022, 2023, 2024, 2025]);
  });
});
