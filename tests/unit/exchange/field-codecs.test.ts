import { describe, expect, it } from 'vitest';
import {
  decodeAmount,
  decodeKpiActual,
  decodeLevel,
  decodeText,
  normText,
} from '../../../electron/inquiry/field-codecs';
import type { ScaleLevel } from '../../../shared/domain/pdca';
import type { CellData } from '../../../electron/xlsx/read-book';

/** One codec per kind of field: a cell in, a value or the reason it cannot be read out. */
const cell = (over: Partial<CellData>): CellData => ({
  value: null,
  text: '',
  formula: false,
  error: null,
  date: false,
  format: null,
  ...over,
});
const str = (s: string) => cell({ value: s, text: s });
const num = (n: number, text = String(n), over: Partial<CellData> = {}) =>
  cell({ value: n, text, ...over });

describe('text fields', () => {
  it('keeps what the section wrote, line ends made one kind and trailing spaces off', () => {
    expect(decodeText(str('一行目\r\n二行目　 \r\n\r\n'), '取組実績（D）', 4000)).toEqual({
      ok: true,
      value: '一行目\n二行目',
    });
    expect(normText(null)).toBe('');
    expect(decodeText(cell({}), '取組実績（D）', 4000)).toEqual({ ok: true, value: '' });
  });
  it('a number or date typed in a text field is read as shown, and says so', () => {
    const d = decodeText(num(45748, '2025/4/1', { date: true }), '取組実績（D）', 4000);
    expect(d).toEqual({
      ok: true,
      value: '2025/4/1',
      warning:
        '「取組実績（D）」は日付として入力されていたため、表示どおり「2025/4/1」として読みました。',
    });
  });
  it('refuses formulas, error values, control characters and text over the limit', () => {
    expect(decodeText(cell({ value: 'x', text: 'x', formula: true }), '課題', 10)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/数式が入っています/),
    });
    expect(decodeText(cell({ error: '#REF!' }), '課題', 10)).toMatchObject({
      message: '「課題」がエラー値（#REF!）です。',
    });
    expect(decodeText(str('a\u0007b'), '課題', 10)).toMatchObject({
      message: expect.stringMatching(/制御文字/),
    });
    expect(decodeText(str('あ'.repeat(11)), '課題', 10)).toMatchObject({
      message: '「課題」は10文字以内にしてください（11文字あります）。',
    });
  });
});

describe('level fields (進捗状況・自己評価・方向性)', () => {
  const levels = [
    { id: 1, code: 'A', label: '計画どおり' },
    { id: 2, code: 'B', label: 'やや遅れている' },
  ] as ScaleLevel[];
  it('reads the code, the label or both; empty is no level', () => {
    expect(decodeLevel(str('A'), '自己評価', levels)).toEqual({ ok: true, value: 1 });
    expect(decodeLevel(str('B やや遅れている'), '自己評価', levels)).toEqual({
      ok: true,
      value: 2,
    });
    expect(decodeLevel(cell({}), '自己評価', levels)).toEqual({ ok: true, value: null });
  });
  it('refuses what is not a level, listing the levels', () => {
    expect(decodeLevel(str('Z'), '自己評価', levels)).toEqual({
      ok: false,
      message:
        '「自己評価」の「Z」は段階にありません。A 計画どおり、B やや遅れている から選んでください。',
    });
    expect(decodeLevel(cell({ formula: true, value: 'A', text: 'A' }), '自己評価', levels).ok).toBe(
      false,
    );
  });
});

describe('amounts (効果額)', () => {
  it('a number cell in 千円 becomes yen; text reads commas, full width and ▲', () => {
    expect(decodeAmount(num(1500), '効果額', 'thousand')).toEqual({ ok: true, value: 1_500_000 });
    expect(decodeAmount(num(0.001), '効果額', 'thousand')).toEqual({ ok: true, value: 1 });
    expect(decodeAmount(str('▲１，２００'), '効果額', 'thousand')).toEqual({
      ok: true,
      value: -1_200_000,
    });
    expect(decodeAmount(str('300円'), '効果額', 'thousand')).toEqual({ ok: true, value: 300 });
    expect(decodeAmount(cell({}), '効果額', 'yen')).toEqual({ ok: true, value: null });
  });
  it('a percentage-formatted number is read by its value, and says so', () => {
    expect(decodeAmount(num(12, '1200%', { format: '0%' }), '効果額', 'yen')).toEqual({
      ok: true,
      value: 12,
      warning: '「効果額」は「1200%」と表示されていますが、値 12 を金額として読みました。',
    });
  });
  it('refuses dates, fractions of a yen, formulas, error values and words', () => {
    for (const [c, m] of [
      [num(45748, '2025/4/1', { date: true }), /日付（2025\/4\/1）/],
      [num(0.0001), /1円未満の端数/],
      [cell({ formula: true, value: 3, text: '3' }), /数式/],
      [cell({ error: '#DIV/0!' }), /エラー値/],
      [str('たくさん'), /数値として読めません/],
    ] as const)
      expect(decodeAmount(c, '効果額', 'thousand')).toMatchObject({
        ok: false,
        message: expect.stringMatching(m),
      });
  });
});

describe('KPI actuals', () => {
  it('takes numbers, over 100 as well, and text numbers; refuses dates and words', () => {
    expect(decodeKpiActual(num(120), '電子申請率')).toEqual({ ok: true, value: 120 });
    expect(decodeKpiActual(str('１，２３４'), '電子申請率')).toEqual({ ok: true, value: 1234 });
    expect(decodeKpiActual(cell({}), '電子申請率')).toEqual({ ok: true, value: null });
    expect(decodeKpiActual(num(45748, '2025/4/1', { date: true }), '電子申請率')).toMatchObject({
      message:
        '指標「電子申請率」の実績値に日付（2025/4/1）が入っています。数値を入力してください。',
    });
    expect(decodeKpiActual(str('多い'), '電子申請率').ok).toBe(false);
  });
});
