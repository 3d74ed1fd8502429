import { describe, expect, it } from 'vitest';
import {
  builtinFormat,
  formatGeneral,
  formatNumber,
  isDateFormat,
  isoToSerial,
} from '../../../../electron/xlsx/number-format';

/** As a Japanese Excel shows them (checked against Excel's documented ja-JP formats). */
describe('cell numbers as Excel shows them', () => {
  it.each([
    [12345, '12345'],
    [0.1, '0.1'],
    [1234.5678, '1234.5678'],
    [1 / 3, '0.333333333'],
    [-5, '-5'],
    [0, '0'],
    [123456789012, '1.23457E+11'],
    [0.1 + 0.2, '0.3'],
  ])('General %s → %s', (v, text) => expect(formatGeneral(v)).toBe(text));

  it.each([
    ['0', 12.5, '13'],
    ['0.00', 3.14159, '3.14'],
    ['#,##0', 1234567, '1,234,567'],
    ['#,##0', -1234, '-1,234'],
    ['#,##0.###;"▲"#,##0.###;0', 1234.5, '1,234.5'],
    // Excel keeps the decimal point of an integer under optional decimals
    ['#,##0.###;"▲"#,##0.###;0', -500, '▲500.'],
    ['#,##0.###;"▲"#,##0.###;0', 0, '0'],
    ['#,##0.##', 1234, '1,234.'],
    ['0%', 0.256, '26%'],
    ['0.00%', 0.256, '25.60%'],
    ['0.00E+00', 12345, '1.23E+04'],
    ['#,##0,', 1234567, '1,235'],
    ['"¥"#,##0', 1500, '¥1,500'],
    ['000-0000', 1234567, '123-4567'],
    ['0000', 42, '0042'],
    ['#,##0"件"', 1200, '1,200件'],
    ['@', 12345, '12345'],
    ['General', 2.5, '2.5'],
    ['[Red]#,##0;[Blue]-#,##0', -7, '-7'],
  ])('%s: %s → %s', (code, v, text) => expect(formatNumber(v, code)).toBe(text));

  it.each([
    ['yyyy/m/d', 45748, '2025/4/1'],
    [builtinFormat(14), 45748, '2025/4/1'],
    [builtinFormat(28), 45748, '令和7年4月1日'],
    [builtinFormat(27), 45748, 'R7.4.1'],
    ['[$-411]ggge"年"m"月"d"日"', 43585, '平成31年4月30日'],
    ['[$-411]ggge"年"m"月"d"日"', 43586, '令和1年5月1日'],
    ['yyyy"年"m"月"d"日"(aaa)', 45748, '2025年4月1日(火)'],
    ['m"月"d"日"aaaa', 45748, '4月1日火曜日'],
    ['h:mm', 0.5, '12:00'],
    ['h:mm AM/PM', 0.75, '6:00 PM'],
    ['yyyy/m/d h:mm', 45748.5, '2025/4/1 12:00'],
    ['[h]:mm:ss', 1.5, '36:00:00'],
    ['mm:ss', 60 / 86400, '01:00'],
    ['yyyy-mm-dd', 1, '1900-01-01'],
    ['yyyy-mm-dd', 61, '1900-03-01'],
    ['d-mmm-yy', 45748, '1-Apr-25'],
  ])('%s: %s → %s', (code, v, text) => expect(formatNumber(v, code)).toBe(text));

  it('knows date formats and ISO dates', () => {
    expect(isDateFormat('yyyy/m/d')).toBe(true);
    expect(isDateFormat('#,##0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isoToSerial('2025-04-01')).toBe(45748);
    expect(isoToSerial('2025-04-01T12:00:00Z')).toBe(45748.5);
    expect(isoToSerial('no date')).toBeNull();
  });
});
