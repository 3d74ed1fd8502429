import { describe, expect, it } from 'vitest';
import { formatInitiatives, parseInitiatives } from '../../shared/initiative-text';
import { matchesQuery, normalizeForSearch } from '../../shared/search';
import { formatTsv, parseTsv } from '../../shared/tsv';

describe('主な取組 cell text', () => {
  it('reads initiatives, points and continuation lines', () => {
    const r = parseInitiatives(
      '①各種手続のオンライン化検討\n②各種手続の簡素化推進\n・手続方法、申請書類等の見直し\n・コンビニ交付\nサービスの推進',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        { label: '①', text: '各種手続のオンライン化検討', points: [] },
        {
          label: '②',
          text: '各種手続の簡素化推進',
          points: ['手続方法、申請書類等の見直し', 'コンビニ交付サービスの推進'],
        },
      ],
    });
  });
  it('reads an unnumbered initiative with points', () => {
    const r = parseInitiatives(
      '各種財源確保のための取組実施\r\n・広告掲載料\r\n\r\n・ネーミングライツ※',
    );
    expect(r).toEqual({
      ok: true,
      value: [
        {
          label: '',
          text: '各種財源確保のための取組実施',
          points: ['広告掲載料', 'ネーミングライツ※'],
        },
      ],
    });
  });
  it('round-trips through its text form', () => {
    const list = [
      { label: '①', text: 'RPA活用検討', points: ['活用対象事務選定', '試行導入'] },
      { label: '②', text: 'AI活用検討', points: [] },
    ];
    expect(parseInitiatives(formatInitiatives(list))).toEqual({ ok: true, value: list });
  });
  it('explains what is wrong', () => {
    expect(parseInitiatives('・点だけ')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/取組.*の下に/),
    });
    expect(parseInitiatives('①a\n①b')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/同じ番号/),
    });
    expect(parseInitiatives('②')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/内容を書いて/),
    });
    expect(parseInitiatives('')).toEqual({ ok: true, value: [] });
  });
});

describe('TSV as Excel writes it', () => {
  it('reads quoted cells with tabs, line breaks and quotes', () => {
    expect(parseTsv('a\t"b\nc"\t"say ""hi"""\r\nd\te\tf\r\n')).toEqual([
      ['a', 'b\nc', 'say "hi"'],
      ['d', 'e', 'f'],
    ]);
  });
  it('keeps empty cells and a single value', () => {
    expect(parseTsv('\t\tx\n')).toEqual([['', '', 'x']]);
    expect(parseTsv('only')).toEqual([['only']]);
  });
  it('round-trips', () => {
    const rows = [
      ['行政手続', '推進\n内容', 'タブ\tあり'],
      ['"引用"', '', 'x'],
    ];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
  });
});

describe('search normalisation', () => {
  it('ignores kana type, width and case', () => {
    expect(normalizeForSearch('ＲＰＡ・ｶｲｾﾞﾝ')).toBe(normalizeForSearch('rpa・かいぜん'));
    expect(matchesQuery('事務改善提案・カイゼン運動の推進', 'かいぜん')).toBe(true);
    expect(matchesQuery('マイナンバーカードの普及促進', 'ﾏｲﾅﾝﾊﾞｰ 普及')).toBe(true);
    expect(matchesQuery('マイナンバーカードの普及促進', 'ﾏｲﾅﾝﾊﾞｰ 廃止')).toBe(false);
    expect(matchesQuery('何でも', '  ')).toBe(true);
  });
});
