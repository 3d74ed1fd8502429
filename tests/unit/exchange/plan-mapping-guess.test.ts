import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanMapping } from '../../../shared/domain/plan-import';
import {
  HEADER_SYNONYMS,
  guessColumns,
  guessHeaderRow,
  guessMapping,
  headerSignature,
  matchSavedMapping,
} from '../../../shared/plan-mapping-guess';
import { sampleStore } from '../helpers';
import { asFile, ok } from './helpers';

const rows = (n: number, f: (i: number) => string[]) =>
  Array.from({ length: n }, (_, i) => f(i + 1));

describe('guessing the columns of another city’s plan sheet', () => {
  it('reads 番号 / 取組事項 / 取組内容 / 担当課 as a person would (the 番号 column of 1, 2, 3 is no item name)', () => {
    const header = ['番号', '取組事項', '取組内容', '担当課'];
    const data = rows(6, (i) => [
      String(i),
      `事務の見直し${i}`,
      `①手続を見直す\n②様式を減らす`,
      '総務課',
    ]);
    expect(guessColumns(header, data)).toEqual({
      group: null,
      priority: null,
      area: null,
      number: 1,
      name: 2,
      promotion: null,
      initiatives: 3,
      lead: 4,
      continued: null,
      kpiName: null,
      kpiUnit: null,
    });
  });

  it.each([['取組事項'], ['取組項目'], ['事業名'], ['実施項目'], ['改革項目']])(
    'takes 「%s」 for the 改革項目',
    (h) => {
      const data = rows(4, (i) => [String(i), `項目${i}の名前`, '人事課']);
      expect(guessColumns(['No', h, '所管課'], data).name).toBe(2);
    },
  );

  it.each([['番号'], ['No'], ['No.'], ['項番'], ['ＮＯ']])('takes 「%s」 for the No.', (h) => {
    const data = rows(4, (i) => [`R1-${i}`, `項目${i}`, '人事課']);
    expect(guessColumns([h, '取組項目', '担当課'], data).number).toBe(1);
  });

  it.each([['所管課'], ['担当課'], ['主管課'], ['担当部署'], ['実施担当']])(
    'takes 「%s」 for the 実施担当',
    (h) => {
      const data = rows(4, (i) => [String(i), `項目${i}`, '財政課']);
      expect(guessColumns(['番号', '事業名', h], data).lead).toBe(3);
    },
  );

  it('judges by content where the header says nothing: numbers are not names, 課 are the 実施担当', () => {
    const header = ['項目', '取組', '備考', '部署'];
    const data = rows(5, (i) => [
      String(i),
      `窓口業務の見直し${i}`,
      '',
      i % 2 ? '市民課' : '総務部\n税務課',
    ]);
    const c = guessColumns(header, data);
    expect(c.name).toBe(2);
    expect(c.lead).toBe(4);
    expect(c.number).toBeNull();
  });

  it('leaves fiscal-year columns to the schedule', () => {
    const header = ['No', '改革項目', 'R6', 'R7', '令和8年度', '担当'];
    const m = guessMapping(
      [{ name: 's', rows: [header, ['1', 'a', '○', '', '', '総務課']] }],
      's',
      null,
      null,
      2026,
    );
    expect(m.years.map((y) => y.fiscalYear)).toEqual([2024, 2025, 2026]);
    expect(Object.values(m.columns).filter((c) => c !== null && c >= 3 && c <= 5)).toEqual([]);
    expect(m.plan).toMatchObject({ firstFy: 2024, lastFy: 2026 });
  });

  it('finds the header below a title and a blank line', () => {
    expect(
      guessHeaderRow([
        ['木津川市行財政改革推進計画', '', ''],
        ['', '', ''],
        ['（令和6年3月）', '作成', '企画課'],
        ['番号', '取組項目', '担当課'],
      ]),
    ).toBe(4);
  });

  it('never gives one column to two fields, whatever the headers', () => {
    const words = Object.values(HEADER_SYNONYMS).flat();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, '備考', ''), { maxLength: 12 }), (header) => {
        const c = guessColumns(header, [header.map(() => 'x')]);
        const used = Object.values(c).filter((v) => v !== null);
        expect(new Set(used).size).toBe(used.length);
        expect(c.name).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('suggests a saved mapping when the headers are the same, and not when one differs', () => {
    const header = ['番号', '取組事項', '取組内容', '担当課'];
    const saved = [
      {
        name: '宮古島市の様式',
        mapping: {
          headerRow: 2,
          headers: headerSignature(header),
        } as PlanMapping,
      },
    ];
    expect(matchSavedMapping(saved, [...header], 2)?.name).toBe('宮古島市の様式');
    expect(matchSavedMapping(saved, ['番号', '取組事項', '取組内容', '所管課'], 2)).toBeNull();
    expect(matchSavedMapping(saved, [...header], 3)).toBeNull();
  });
});

describe('a 課 named without its 部', () => {
  it('goes under the 部 it has elsewhere in the sheet or in the organisation, and the preview says so', async () => {
    const { handlers } = sampleStore();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('計画');
    ws.addRow(['番号', '取組事項', '取組内容', '担当課']);
    ws.addRow([1, '窓口の見直し', '窓口を一本化', '人事行政課']);
    ws.addRow([2, '電子申請', '申請の電子化', '企画部 デジタル推進室']);
    ws.addRow([3, 'ペーパーレス', '資料の電子化', 'デジタル推進室']);
    ws.addRow([4, '新しい取組', '内容', '見知らぬ課']);
    const file = asFile('miyako.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const sheets = await ok(handlers, 'planFiles.inspect', { file });
    const mapping = guessMapping(sheets, '計画', null, null, 2026);
    mapping.plan = { ...mapping.plan, municipality: '宮古島市', firstFy: 2024, lastFy: 2026 };
    const preview = await ok(handlers, 'planFiles.previewMapping', { file, mapping });
    expect(preview.sample.map((s) => [s.code.length > 0, s.name, s.lead])).toEqual([
      [true, '窓口の見直し', '総務部 人事行政課'],
      [true, '電子申請', '企画部 デジタル推進室'],
      [true, 'ペーパーレス', '企画部 デジタル推進室'],
      [true, '新しい取組', '（部の指定なし） 見知らぬ課'],
    ]);
    expect(preview.inferredDepartments).toEqual(['デジタル推進室→企画部', '人事行政課→総務部']);
  });

  it('keeps the header row with a saved mapping so the same layout is recognised next time', async () => {
    const { handlers } = sampleStore();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('計画');
    ws.addRow(['番号', '取組事項', '取組内容', '担当課']);
    ws.addRow([1, '窓口の見直し', '窓口を一本化', '人事行政課']);
    const file = asFile('miyako.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    const sheets = await ok(handlers, 'planFiles.inspect', { file });
    const mapping = guessMapping(sheets, '計画', null, null, 2026);
    mapping.plan = { ...mapping.plan, municipality: '宮古島市' };
    await ok(handlers, 'planFiles.importMapped', { file, mapping, saveAs: '宮古島市の様式' });
    const saved = await ok(handlers, 'planFiles.mappings', {});
    expect(saved[0]!.mapping.headers).toEqual(['番号', '取組事項', '取組内容', '担当課']);
    expect(matchSavedMapping(saved, sheets[0]!.rows[0]!, 1)?.name).toBe('宮古島市の様式');
  });
});
