import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exported, ok } from './helpers';

describe('publication files', () => {
  it('CSV: UTF-8 with BOM, CRLF, quoted line breaks, formulas made harmless, numbers as numbers', async () => {
    const { handlers, round } = await exported();
    const recs = await ok(handlers, 'pdca.records.list', { roundId: round.id });
    await ok(handlers, 'pdca.records.update', {
      changes: [
        {
          recordId: recs[0]!.id,
          patch: {
            resultText: '=HYPERLINK("http://evil.example","click")',
            savingActual: -1_500_000,
          },
        },
        {
          recordId: recs[1]!.id,
          patch: { resultText: '1行目\n2行目、"引用"あり', revenueActual: 2_000 },
        },
        { recordId: recs[2]!.id, patch: { resultText: '@SUM(A1)' } },
      ],
    });
    const out = await ok(handlers, 'exchange.publication', {
      planId: 1,
      fiscalYear: 2025,
      format: 'csv',
    });
    expect(out.fileName).toBe('二本松市市政改革推進行動計画_令和7年度_進捗結果.csv');
    const bytes = Buffer.from(out.data);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(
      text.replace(/"[^"]*"/g, '').includes('\n') &&
        !/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, '')),
    ).toBe(true);
    expect(text).toContain(`'=HYPERLINK(""http://evil.example"",""click"")`);
    expect(text).toContain(`'@SUM(A1)`);
    expect(text).toContain('"1行目\n2行目、""引用""あり"');
    // 千円: ▲1,500,000 yen is -1500 as a number, not text
    expect(text.split('\r\n')[1]).toMatch(/,-1500,/);
    expect(text.split('\r\n')[0]).toContain('効果額 実績 歳出削減（千円）');
  });

  it('xlsx: one row per item and the evaluation breakdown beside it', async () => {
    const { handlers } = await exported();
    const out = await ok(handlers, 'exchange.publication', {
      planId: 1,
      fiscalYear: 2025,
      format: 'xlsx',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.data) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['進捗結果', '評価の内訳']);
    expect(wb.getWorksheet('進捗結果')!.rowCount).toBe(38);
  });
});
